"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { bankLookupKey } from "@/lib/bank-details/lookup-key";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { prisma } from "@/lib/db";
import { enrolBeneficiary } from "@/lib/plans/enrolments/enrol-beneficiary";
import { formReader } from "../../_components/form-reader";

// The enrolment form is read by lib/ against the plan's declared attributes.
export const enrolBeneficiaryAction = defineAction(
  "enrolBeneficiary",
  z.looseObject({ planCode: z.string("Choose a benefit plan").trim().min(1, "Choose a benefit plan") }),
  async (input, user) => {
    const { reference } = await enrolBeneficiary({
      db: prisma,
      key: bankDetailsKey(),
      lookupKey: bankLookupKey(),
      planCode: input.planCode,
      read: formReader(input),
      actor: user,
      now: new Date(),
    });
    revalidatePath(`/benefit-plans/${input.planCode}`);
    revalidatePath("/benefit-plans");
    return { ok: true, redirectTo: `/benefit-plans/${input.planCode}/beneficiaries/${reference}` };
  },
);
