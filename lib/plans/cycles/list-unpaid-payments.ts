import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { POST_OFFICE_CANCEL_REASON } from "@/lib/payments/rules/payment-transitions";
import { fetchLimit, keysetPage, keysetStart, readOrder, type KeysetPage } from "@/lib/pagination/keyset";
import { unpaidOutcome, type UnpaidCategory, type UnpaidOutcome } from "./rules/reconciliation";

// A page of a cycle's unpaid payments not carried yet (FAILED, EXPIRED, Post-Office-CANCELLED: what
// a later cycle may carry), in payment-reference order (keyset), each with what happens to it
// (docs/cycle-reconciliation.md#the-unpaid-payments).

export type UnpaidPaymentRow = {
  id: string;
  reference: string;
  personReference: string | null;
  personName: string;
  method: "BANK" | "CASH";
  amountPence: number;
  category: UnpaidCategory;
  /** The bank's reason for a failure. */
  failureReason: string | null;
  outcome: UnpaidOutcome;
};

export async function listUnpaidPayments(
  db: SqlTx,
  options: { cycleId: string; after?: string; before?: string; pageSize: number },
): Promise<KeysetPage<UnpaidPaymentRow, string>> {
  const { cycleId, pageSize } = options;
  const start = keysetStart({ next: options.after, previous: options.before });
  const order = readOrder("asc", start.backwards);
  const beyond = !start.cursor
    ? Prisma.empty
    : order === "asc"
      ? Prisma.sql`AND p.reference COLLATE "C" > ${start.cursor}`
      : Prisma.sql`AND p.reference COLLATE "C" < ${start.cursor}`;
  const rows = await db.$queryRaw<
    (Omit<UnpaidPaymentRow, "outcome"> & { carryOverUnpaid: boolean; enrolmentEndedOn: string | null; laterPeriod: boolean })[]
  >`
    SELECT p.id, p.reference, pr.reference AS "personReference", pr."firstName" || ' ' || pr."lastName" AS "personName",
           p.method::text AS method, p."amountPence", p."failureReason",
           CASE WHEN p.status = 'CANCELLED' THEN 'POST_OFFICE_CANCELLED' ELSE p.status::text END AS category,
           pp."carryOverUnpaid",
           CASE WHEN e.id IS NULL THEN c."periodEnd"::text
                WHEN e."enrolledTo" <= c."periodEnd" THEN e."enrolledTo"::text END AS "enrolmentEndedOn",
           (pp."validTo" IS NULL OR pp."validTo" > c."periodEnd") AS "laterPeriod"
    FROM "Payment" p
    JOIN "PaymentCycle" c ON c.id = p."cycleId"
    JOIN "PaymentPlan" pp ON pp.id = c."paymentPlanId"
    JOIN "Claimant" pr ON pr.id = p."personId"
    LEFT JOIN "Enrolment" e ON e."benefitPlanId" = pp."benefitPlanId" AND e."personId" = p."personId"
    WHERE p."cycleId" = ${cycleId}::uuid
      AND (p.status IN ('FAILED', 'EXPIRED') OR (p.status = 'CANCELLED' AND p."cancelReason" = ${POST_OFFICE_CANCEL_REASON}))
      ${beyond}
    ORDER BY p.reference COLLATE "C" ${order === "asc" ? Prisma.raw("ASC") : Prisma.raw("DESC")}
    LIMIT ${fetchLimit(pageSize)}`;
  const page = keysetPage(rows, { pageSize, start, cursorOf: (r) => r.reference });
  return {
    ...page,
    rows: page.rows.map(({ carryOverUnpaid, enrolmentEndedOn, laterPeriod, ...row }) => ({
      ...row,
      outcome: unpaidOutcome({ category: row.category, carryOverUnpaid, enrolmentEndedOn, planHasLaterPeriod: laterPeriod }),
    })),
  };
}
