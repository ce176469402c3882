import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { PaymentMethod } from "@/lib/generated/prisma/enums";
import { declaredAttributes } from "../benefit-plans/load-benefit-plan";
import type { AttributeDeclaration } from "../rules/attributes";

export type LockedEnrolment = {
  id: string;
  benefitPlanId: string;
  planCode: string;
  attributes: AttributeDeclaration[];
  personId: string;
  personReference: string;
  paymentMethod: PaymentMethod;
  pendingPaymentMethod: PaymentMethod | null;
  pendingMethodProposedById: string | null;
  /** YYYY-MM-DD. */
  enrolledFrom: string;
  enrolledTo: string | null;
  endReason: string | null;
};

/** A person's enrolment in a plan, locked for the change the caller makes; NOT_FOUND when there is none. */
export async function lockEnrolment(tx: Tx, planCode: string, personReference: string): Promise<LockedEnrolment> {
  const [row] = await tx.$queryRaw<(Omit<LockedEnrolment, "attributes"> & { declared: unknown })[]>`
    SELECT e.id, e."benefitPlanId", b.code AS "planCode", b.attributes AS declared, e."personId",
           c.reference AS "personReference", e."paymentMethod"::text AS "paymentMethod",
           e."pendingPaymentMethod"::text AS "pendingPaymentMethod", e."pendingMethodProposedById",
           to_char(e."enrolledFrom", 'YYYY-MM-DD') AS "enrolledFrom", to_char(e."enrolledTo", 'YYYY-MM-DD') AS "enrolledTo",
           e."endReason"
    FROM "Enrolment" e
    JOIN "BenefitPlan" b ON b.id = e."benefitPlanId"
    JOIN "Claimant" c ON c.id = e."personId"
    WHERE b.code = ${planCode.toUpperCase()} AND c.reference = ${personReference.toUpperCase()}
    FOR UPDATE OF e`;
  if (!row) throw new AppError("NOT_FOUND", `${personReference} is not enrolled in benefit plan ${planCode}`);
  const { declared, ...enrolment } = row;
  return { ...enrolment, attributes: declaredAttributes(declared) };
}
