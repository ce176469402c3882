import { recordAuditSql, type StaffMember } from "@/lib/audit/record-audit";
import type { SqlTx } from "@/lib/db/pg-transaction";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadCycleHeader, NO_POINT_NAME } from "../load-cycle-summary";
import type { ReportHeader, ReportPayment } from "./payroll-report-layout";
import { payrollReportChunks } from "./payroll-report-pdf";

// The approved payroll as a PDF (docs/payroll-review.md#pdf-report). Its payments are those the
// approval paid out of this cycle: every payment but those cancelled before they were sent (the same
// rule as the comparison, compare-payrolls.ts), whatever became of them since. They are read in
// keyset batches by point (by position, "No point" last) and reference while the PDF is written.

/** Payments read per query while the report streams. */
export const REPORT_BATCH = 1_000;

/** No point sorts after every point's position. */
const LAST = 2_147_483_647;
const NO_POINT_KEY = "none";
const IN_PAYROLL = Prisma.sql`NOT (p.status = 'CANCELLED' AND p."sentAt" IS NULL)`;

async function reportTotals(db: SqlTx, cycleId: string) {
  const groups = await db.$queryRaw<
    {
      method: "BANK" | "CASH";
      pointId: string | null;
      pointName: string | null;
      position: number;
      payments: number;
      totalPence: bigint;
    }[]
  >`
    SELECT p.method::text AS method, pt.id AS "pointId", pt.name AS "pointName", coalesce(pt.position, ${LAST}) AS position,
           count(*)::int AS payments, sum(p."amountPence")::bigint AS "totalPence"
    FROM "Payment" p LEFT JOIN "PaymentPoint" pt ON pt.id = p."paymentPointId"
    WHERE p."cycleId" = ${cycleId}::uuid AND ${IN_PAYROLL}
    GROUP BY p.method, pt.id ORDER BY 4, p.method`;
  const total = (rows: typeof groups) => ({
    payments: rows.reduce((n, r) => n + r.payments, 0),
    totalPence: rows.reduce((n, r) => n + Number(r.totalPence), 0),
  });
  const keys = [...new Set(groups.map((g) => g.pointId ?? NO_POINT_KEY))];
  return {
    ...total(groups),
    byMethod: (["BANK", "CASH"] as const).map((method) => ({
      label: method === "BANK" ? "Bank" : "Cash (Post Office)",
      ...total(groups.filter((g) => g.method === method)),
    })),
    byPoint: keys.map((key) => {
      const own = groups.filter((g) => (g.pointId ?? NO_POINT_KEY) === key);
      return { key, label: own[0].pointName ?? NO_POINT_NAME, ...total(own) };
    }),
  };
}

type ReportRow = ReportPayment & { position: number };

async function* reportBatches(db: SqlTx, cycleId: string): AsyncGenerator<ReportPayment[]> {
  let after: { position: number; reference: string } | null = null;
  for (;;) {
    const rows: ReportRow[] = await db.$queryRaw<ReportRow[]>`
      SELECT coalesce(pt.id::text, ${NO_POINT_KEY}) AS "pointKey", coalesce(pt.position, ${LAST}) AS position, p.reference,
             pr."firstName" || ' ' || pr."lastName" AS "personName", p.method::text AS method, p."amountPence"
      FROM "Payment" p JOIN "Claimant" pr ON pr.id = p."personId" LEFT JOIN "PaymentPoint" pt ON pt.id = p."paymentPointId"
      WHERE p."cycleId" = ${cycleId}::uuid AND ${IN_PAYROLL}
        ${
          after === null
            ? Prisma.empty
            : Prisma.sql`AND (coalesce(pt.position, ${LAST}) > ${after.position}
                 OR (coalesce(pt.position, ${LAST}) = ${after.position} AND p.reference COLLATE "C" > ${after.reference}))`
        }
      ORDER BY coalesce(pt.position, ${LAST}), p.reference COLLATE "C" LIMIT ${REPORT_BATCH}`;
    if (rows.length > 0) yield rows;
    if (rows.length < REPORT_BATCH) return;
    const last: ReportRow = rows[rows.length - 1];
    after = { position: last.position, reference: last.reference };
  }
}

/**
 * The report of an approved (or reconciled) cycle: its file name and its bytes as they are made.
 * Null when there is no such cycle; refused (INVALID_STATE) before approval. Audited when it starts.
 */
export async function openPayrollReport(
  db: SqlTx,
  options: { cycleId: string; actor: StaffMember; now: Date },
): Promise<{ fileName: string; chunks: AsyncIterable<Uint8Array> } | null> {
  const { cycleId, actor, now } = options;
  const cycle = await loadCycleHeader(db, cycleId);
  if (!cycle) return null;
  if (cycle.status !== "APPROVED" && cycle.status !== "RECONCILED") {
    throw new AppError(
      "INVALID_STATE",
      `The payroll report is made once the cycle is approved; this cycle is ${cycle.status === "REJECTED" ? "rejected" : "waiting for approval"}.`,
    );
  }
  const totals = await reportTotals(db, cycleId);
  const header: ReportHeader = {
    planName: cycle.planName,
    planCode: cycle.planCode,
    benefitPlanName: cycle.benefitPlanName,
    periodStart: cycle.periodStart,
    periodEnd: cycle.periodEnd,
    status: cycle.status,
    approvedAt: cycle.decidedAt ?? now,
    approvedByName: cycle.decidedByName ?? "unknown",
    printedAt: now,
    ...totals,
  };
  await recordAuditSql(db, {
    actor,
    action: "cycle.payroll-report-printed",
    entityType: "PaymentCycle",
    entityId: cycleId,
    after: { payments: totals.payments, totalPence: totals.totalPence },
  });
  return {
    fileName: `payroll-${cycle.planCode}-${cycle.periodStart.slice(0, 7)}.pdf`,
    chunks: payrollReportChunks(header, reportBatches(db, cycleId)),
  };
}
