import { recordAudit, type StaffMember } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { PaymentMethod } from "@/lib/generated/prisma/enums";
import { enrolmentScope, holdForPendingChanges } from "./beneficiary-holds";
import { lockEnrolment } from "./lock-enrolment";
import { PAYMENT_METHOD_LABELS } from "./payment-method-labels";

/**
 * A plan manager proposes a new payment method for an enrolment. It waits for a second plan manager
 * (a newer proposal replaces one still waiting), and the person's unsent payments of the plan's
 * cycles are held meanwhile (docs/plans.md#four-eyes-on-bank-details-and-payment-methods).
 */
export async function proposePaymentMethod(options: {
  db: Db;
  planCode: string;
  personReference: string;
  method: PaymentMethod;
  actor: StaffMember;
  now: Date;
}): Promise<{ heldPayments: number }> {
  const { db, method, actor, now } = options;
  return db.$transaction(async (tx) => {
    const enrolment = await lockEnrolment(tx, options.planCode, options.personReference);
    if (enrolment.enrolledTo) throw new AppError("INVALID_STATE", "This enrolment has ended: its payment method cannot change");
    const firstMethodWaiting = enrolment.pendingPaymentMethod === enrolment.paymentMethod;
    if (method === enrolment.paymentMethod) {
      const message = `${enrolment.personReference} is already paid by ${PAYMENT_METHOD_LABELS[method].toLowerCase()}`;
      throw new AppError("VALIDATION", message, { paymentMethod: [message] });
    }
    if (method === "BANK") {
      const [details] = await tx.$queryRaw<{ has: boolean }[]>`
        SELECT EXISTS (SELECT 1 FROM "BankDetails" WHERE "claimantId" = ${enrolment.personId}::uuid)
            OR EXISTS (SELECT 1 FROM "BankDetailChange" WHERE "claimantId" = ${enrolment.personId}::uuid AND status = 'PENDING') AS has`;
      if (!details.has) {
        const message = "This person has no bank details: add them before changing to bank transfer";
        throw new AppError("VALIDATION", message, { paymentMethod: [message] });
      }
    }
    await tx.enrolment.update({
      where: { id: enrolment.id },
      // A proposal made here is no longer the enrolment file's (its checker decides it here too). A
      // new enrolment's first method, still waiting, is replaced as its first method: it was never
      // approved, so it must not stay in force if this one is rejected.
      data: {
        ...(firstMethodWaiting ? { paymentMethod: method } : {}),
        pendingPaymentMethod: method,
        pendingMethodProposedById: actor.id,
        pendingMethodProposedAt: now,
        pendingMethodUploadId: null,
        updatedAt: now,
      },
    });
    const held = await holdForPendingChanges(tx, {
      scope: enrolmentScope(enrolment.personId, enrolment.benefitPlanId),
      actor,
      now,
    });
    await recordAudit(tx, {
      actor,
      action: "enrolment.payment-method-proposed",
      entityType: "Enrolment",
      entityId: enrolment.id,
      before: { paymentMethod: enrolment.paymentMethod, pendingPaymentMethod: enrolment.pendingPaymentMethod },
      after: {
        benefitPlan: enrolment.planCode,
        person: enrolment.personReference,
        pendingPaymentMethod: method,
        heldPayments: held.paymentMethod,
      },
    });
    return { heldPayments: held.paymentMethod };
  });
}
