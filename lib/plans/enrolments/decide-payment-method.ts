import { recordAudit, type StaffMember } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enrolmentScope, releaseHolds } from "./beneficiary-holds";
import { lockEnrolment } from "./lock-enrolment";

export const FIRST_METHOD_MESSAGE =
  "This is a new enrolment's first payment method, so there is none to fall back to: approve it, or propose the other method instead (or end the enrolment).";

/**
 * The second plan manager's check of a new payment method (never the one who proposed it).
 * Approved, it becomes the enrolment's method and the person's payments of the plan's cycles not yet
 * sent (draft, suspended or waiting) are paid by it; either way the held payments are released. A
 * new enrolment's first method (in force and waiting at once) can be approved but not rejected.
 */
export async function decidePaymentMethod(options: {
  db: Db;
  planCode: string;
  personReference: string;
  approve: boolean;
  actor: StaffMember;
  now: Date;
}): Promise<{ releasedPayments: number }> {
  const { db, approve, actor, now } = options;
  return db.$transaction(async (tx) => {
    const enrolment = await lockEnrolment(tx, options.planCode, options.personReference);
    const method = enrolment.pendingPaymentMethod;
    if (!method) throw new AppError("INVALID_STATE", "There is no payment method change waiting: it may have just been decided");
    if (enrolment.pendingMethodProposedById === actor.id) {
      throw new AppError("FORBIDDEN", "You proposed this payment method, so another plan manager must approve or reject it.");
    }
    // A new enrolment's first method is in force and waiting at once: rejected, there would be no
    // method to fall back to, so it can only be approved, replaced or its enrolment ended.
    if (!approve && method === enrolment.paymentMethod) throw new AppError("INVALID_STATE", FIRST_METHOD_MESSAGE);
    const scope = enrolmentScope(enrolment.personId, enrolment.benefitPlanId);
    await tx.enrolment.update({
      where: { id: enrolment.id },
      data: {
        paymentMethod: approve ? method : enrolment.paymentMethod,
        pendingPaymentMethod: null,
        pendingMethodProposedById: null,
        pendingMethodProposedAt: null,
        pendingMethodUploadId: null,
        updatedAt: now,
      },
    });
    let switched = 0;
    if (approve) {
      // Not a status change, so not movePayments' to make: the method of payments no run has taken.
      switched = await tx.$executeRaw`
        UPDATE "Payment" p SET method = ${method}::"PaymentMethod", "updatedAt" = ${now}
        WHERE p.status IN ('DRAFT', 'SUSPENDED', 'NEW') AND p.method <> ${method}::"PaymentMethod" AND ${scope}`;
    }
    const released = await releaseHolds(tx, { scope, reasons: ["PAYMENT_METHOD_CHANGE_PENDING"], actor, now });
    await recordAudit(tx, {
      actor,
      action: approve ? "enrolment.payment-method-approved" : "enrolment.payment-method-rejected",
      entityType: "Enrolment",
      entityId: enrolment.id,
      before: {
        paymentMethod: enrolment.paymentMethod,
        pendingPaymentMethod: method,
        proposedById: enrolment.pendingMethodProposedById,
      },
      after: {
        benefitPlan: enrolment.planCode,
        person: enrolment.personReference,
        paymentMethod: approve ? method : enrolment.paymentMethod,
        paymentsChangedMethod: switched,
        releasedPayments: released,
      },
    });
    return { releasedPayments: released };
  });
}
