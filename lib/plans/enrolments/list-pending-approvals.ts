import type { Db } from "@/lib/db";
import type { PaymentMethod } from "@/lib/generated/prisma/enums";

export const PENDING_APPROVALS_SHOWN = 200;

export type PendingApproval = {
  kind: "BANK_DETAILS" | "PAYMENT_METHOD";
  planCode: string;
  personReference: string;
  personName: string;
  proposedById: string | null;
  proposedByName: string | null;
  proposedAt: Date;
  /** For a payment method: the method now and the one proposed. */
  fromMethod: PaymentMethod | null;
  toMethod: PaymentMethod | null;
};

/**
 * What waits for a second plan manager, oldest first: beneficiaries' new bank details (one row per
 * change, under the first plan the person is enrolled in) and new payment methods. One statement.
 */
export async function listPendingApprovals(db: Db): Promise<PendingApproval[]> {
  return db.$queryRaw<PendingApproval[]>`
    SELECT * FROM (
      SELECT DISTINCT ON (b.id) 'BANK_DETAILS' AS kind, p.code AS "planCode", c.reference AS "personReference",
             c."firstName" || ' ' || c."lastName" AS "personName", b."proposedById", u.name AS "proposedByName",
             b."proposedAt", NULL::text AS "fromMethod", NULL::text AS "toMethod"
      FROM "BankDetailChange" b
      JOIN "Claimant" c ON c.id = b."claimantId"
      JOIN "Enrolment" e ON e."personId" = c.id
      JOIN "BenefitPlan" p ON p.id = e."benefitPlanId"
      LEFT JOIN "User" u ON u.id = b."proposedById"
      WHERE b.status = 'PENDING'
      ORDER BY b.id, p.code
    ) bank
    UNION ALL
    SELECT 'PAYMENT_METHOD', p.code, c.reference, c."firstName" || ' ' || c."lastName", e."pendingMethodProposedById",
           u.name, e."pendingMethodProposedAt", e."paymentMethod"::text, e."pendingPaymentMethod"::text
    FROM "Enrolment" e
    JOIN "Claimant" c ON c.id = e."personId"
    JOIN "BenefitPlan" p ON p.id = e."benefitPlanId"
    LEFT JOIN "User" u ON u.id = e."pendingMethodProposedById"
    WHERE e."pendingPaymentMethod" IS NOT NULL
    ORDER BY "proposedAt", "personReference"
    LIMIT ${PENDING_APPROVALS_SHOWN}`;
}
