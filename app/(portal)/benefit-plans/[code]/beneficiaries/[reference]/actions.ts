"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { bankLookupKey } from "@/lib/bank-details/lookup-key";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { prisma } from "@/lib/db";
import { decideBeneficiaryBankDetails, proposeBeneficiaryBankDetails } from "@/lib/plans/enrolments/beneficiary-bank-details";
import { changeAttributes } from "@/lib/plans/enrolments/change-attributes";
import { decidePaymentMethod } from "@/lib/plans/enrolments/decide-payment-method";
import { endEnrolment } from "@/lib/plans/enrolments/end-enrolment";
import { proposePaymentMethod } from "@/lib/plans/enrolments/propose-payment-method";
import { formReader } from "../../../_components/form-reader";

// A beneficiary's page: each action one call into lib/plans/enrolments, which reads the rest of the
// form where it depends on the plan (attribute values) and checks who may decide (four eyes).

const beneficiary = {
  planCode: z.string("Choose a benefit plan").trim().min(1, "Choose a benefit plan"),
  personReference: z.string("Choose a beneficiary").trim().min(1, "Choose a beneficiary"),
};
const decision = z.enum(["approve", "reject"], "Choose approve or reject");
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function refresh(planCode: string, personReference: string) {
  revalidatePath(`/benefit-plans/${planCode}/beneficiaries/${personReference}`);
  revalidatePath(`/benefit-plans/${planCode}`);
  revalidatePath("/benefit-plans");
}

export const changeBeneficiaryAttributesAction = defineAction(
  "changeBeneficiaryAttributes",
  z.looseObject(beneficiary),
  async (input, user) => {
    await changeAttributes({ db: prisma, ...input, read: formReader(input), actor: user, now: new Date() });
    refresh(input.planCode, input.personReference);
    return { ok: true, message: "The new values are recorded." };
  },
);

export const endEnrolmentAction = defineAction("endEnrolment", z.looseObject(beneficiary), async (input, user) => {
  await endEnrolment({ db: prisma, ...input, read: formReader(input), actor: user, now: new Date() });
  refresh(input.planCode, input.personReference);
  return { ok: true, message: "The enrolment is ended." };
});

export const proposeBeneficiaryBankDetailsAction = defineAction(
  "proposeBeneficiaryBankDetails",
  z.looseObject(beneficiary),
  async (input, user) => {
    const { heldPayments } = await proposeBeneficiaryBankDetails({
      db: prisma,
      key: bankDetailsKey(),
      lookupKey: bankLookupKey(),
      ...input,
      read: formReader(input),
      actor: user,
      now: new Date(),
    });
    refresh(input.planCode, input.personReference);
    return {
      ok: true,
      message: `New bank details proposed. Another plan manager must approve them; ${plural(heldPayments, "bank payment is", "bank payments are")} on hold until then.`,
    };
  },
);

export const decideBeneficiaryBankDetailsAction = defineAction(
  "decideBeneficiaryBankDetails",
  z.object({ ...beneficiary, changeId: z.uuid("Unknown change"), decision }),
  async (input, user) => {
    await decideBeneficiaryBankDetails({
      db: prisma,
      key: bankDetailsKey(),
      planCode: input.planCode,
      personReference: input.personReference,
      changeId: input.changeId,
      approve: input.decision === "approve",
      actor: user,
      now: new Date(),
    });
    refresh(input.planCode, input.personReference);
    return { ok: true, message: input.decision === "approve" ? "New bank details approved." : "New bank details rejected." };
  },
);

export const proposePaymentMethodAction = defineAction(
  "proposePaymentMethod",
  z.object({ ...beneficiary, paymentMethod: z.enum(["BANK", "CASH"], "Choose how the person is paid") }),
  async (input, user) => {
    const { heldPayments } = await proposePaymentMethod({
      db: prisma,
      planCode: input.planCode,
      personReference: input.personReference,
      method: input.paymentMethod,
      actor: user,
      now: new Date(),
    });
    refresh(input.planCode, input.personReference);
    return {
      ok: true,
      message: `New payment method proposed. Another plan manager must approve it; ${plural(heldPayments, "payment is", "payments are")} on hold until then.`,
    };
  },
);

export const decidePaymentMethodAction = defineAction(
  "decidePaymentMethod",
  z.object({ ...beneficiary, decision }),
  async (input, user) => {
    await decidePaymentMethod({
      db: prisma,
      planCode: input.planCode,
      personReference: input.personReference,
      approve: input.decision === "approve",
      actor: user,
      now: new Date(),
    });
    refresh(input.planCode, input.personReference);
    return { ok: true, message: input.decision === "approve" ? "New payment method approved." : "New payment method rejected." };
  },
);
