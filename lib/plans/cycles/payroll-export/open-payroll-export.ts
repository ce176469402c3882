import { recordAuditSql, type StaffMember } from "@/lib/audit/record-audit";
import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadPaymentLines } from "../load-payment-lines";
import { payrollCsvHeader, payrollCsvLines, type PayrollCsvRow } from "./format-payroll-csv";

// The payroll CSV (docs/payroll-review.md#csv-export), streamed: the payments are read in keyset
// batches by reference and each batch is written before the next is read, so memory stays that of
// one batch whatever the payroll's size. The export is audited when it starts, with the rows the
// payroll then held (a download the browser abandons was still handed out).

/** Payments read per query while the file streams. */
export const EXPORT_BATCH = 2_000;

/** A payment point of the cycle's benefit plan, with its manager (who may export its payroll). */
export type CyclePoint = { id: string; name: string; managerId: string | null };

/** Which payments: the whole payroll, one point's, or those of no point. */
export type ExportScope = { kind: "all" } | { kind: "point"; point: CyclePoint } | { kind: "no-point" };

export async function findCyclePoint(db: SqlTx, cycleId: string, pointId: string): Promise<CyclePoint | null> {
  const [point] = await db.$queryRaw<CyclePoint[]>`
    SELECT pt.id, pt.name, pt."managerId"
    FROM "PaymentCycle" c JOIN "PaymentPlan" pp ON pp.id = c."paymentPlanId"
    JOIN "PaymentPoint" pt ON pt."benefitPlanId" = pp."benefitPlanId"
    WHERE c.id = ${cycleId}::uuid AND pt.id = ${pointId}::uuid`;
  return point ?? null;
}

function scopeSql(scope: ExportScope): Prisma.Sql {
  if (scope.kind === "point") return Prisma.sql`AND p."paymentPointId" = ${scope.point.id}::uuid`;
  if (scope.kind === "no-point") return Prisma.sql`AND p."paymentPointId" IS NULL`;
  return Prisma.empty;
}

/** "payroll-PLANCODE-2026-11.csv", with the point's name (letters and digits only) for one point's. */
export function exportFileName(planCode: string, periodStart: string, scope: ExportScope): string {
  const suffix =
    scope.kind === "point"
      ? `-${scope.point.name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "") || "point"}`
      : scope.kind === "no-point"
        ? "-no-point"
        : "";
  return `payroll-${planCode}-${periodStart.slice(0, 7)}${suffix}.csv`;
}

async function readBatch(db: SqlTx, cycleId: string, scope: ExportScope, after: string | null): Promise<PayrollCsvRow[]> {
  const rows = await db.$queryRaw<Omit<PayrollCsvRow, "lines">[]>`
    SELECT p.id AS "paymentId", p.reference, pr.reference AS "personReference", pr."firstName" || ' ' || pr."lastName" AS "personName",
           p.method::text AS method, pt.name AS "pointName", p.status::text AS status, p."holdReason"::text AS "holdReason",
           p."amountPence"
    FROM "Payment" p JOIN "Claimant" pr ON pr.id = p."personId" LEFT JOIN "PaymentPoint" pt ON pt.id = p."paymentPointId"
    WHERE p."cycleId" = ${cycleId}::uuid ${scopeSql(scope)}
      ${after === null ? Prisma.empty : Prisma.sql`AND p.reference COLLATE "C" > ${after}`}
    ORDER BY p.reference COLLATE "C" LIMIT ${EXPORT_BATCH}`;
  const lines = await loadPaymentLines(
    db,
    rows.map((r) => r.paymentId),
  );
  return rows.map((r) => ({ ...r, lines: lines.get(r.paymentId) ?? [] }));
}

async function* payrollCsvChunks(db: SqlTx, cycleId: string, scope: ExportScope): AsyncGenerator<string> {
  yield payrollCsvHeader();
  let after: string | null = null;
  for (;;) {
    const batch = await readBatch(db, cycleId, scope, after);
    if (batch.length > 0) yield payrollCsvLines(batch);
    if (batch.length < EXPORT_BATCH) return;
    after = batch[batch.length - 1].reference;
  }
}

/**
 * The export of a cycle's payroll (or of one point's): its file name, the number of payments, and
 * the text in chunks. Null when there is no such cycle. The caller has checked who may have it.
 */
export async function openPayrollExport(
  db: SqlTx,
  options: { cycleId: string; scope: ExportScope; actor: StaffMember },
): Promise<{ fileName: string; rows: number; chunks: AsyncIterable<string> } | null> {
  const { cycleId, scope, actor } = options;
  const [cycle] = await db.$queryRaw<{ planCode: string; periodStart: string; rows: number }[]>`
    SELECT pp.code AS "planCode", c."periodStart"::text AS "periodStart",
           (SELECT count(*)::int FROM "Payment" p WHERE p."cycleId" = c.id ${scopeSql(scope)}) AS rows
    FROM "PaymentCycle" c JOIN "PaymentPlan" pp ON pp.id = c."paymentPlanId"
    WHERE c.id = ${cycleId}::uuid`;
  if (!cycle) return null;
  const point =
    scope.kind === "point" ? { id: scope.point.id, name: scope.point.name } : scope.kind === "no-point" ? "none" : null;
  await recordAuditSql(db, {
    actor,
    action: "cycle.payroll-exported",
    entityType: "PaymentCycle",
    entityId: cycleId,
    after: { point, rows: cycle.rows },
  });
  return {
    fileName: exportFileName(cycle.planCode, cycle.periodStart, scope),
    rows: cycle.rows,
    chunks: payrollCsvChunks(db, cycleId, scope),
  };
}
