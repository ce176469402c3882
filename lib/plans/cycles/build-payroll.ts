import type { AuditActor } from "@/lib/audit/record-audit";
import type { SqlTx } from "@/lib/db/pg-transaction";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { movePayments, recordPaymentsCreated } from "@/lib/payments/move-payments";
import { POST_OFFICE_CANCEL_REASON, REBUILT_CANCEL_REASON } from "@/lib/payments/rules/payment-transitions";
import { compileRuleSql } from "@/lib/plans/compile-rule-sql";
import { loadPlanPoints } from "@/lib/plans/payment-points/load-plan-points";
import { pointIdSql } from "@/lib/plans/payment-points/point-sql";
import type { CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { CARRIED_OVER_LINE_LABEL } from "@/lib/plans/rules/calculate-payment";
import { attributesInForce, enrolledInPeriod } from "./beneficiaries-sql";
import { yearMonth } from "./rules/cycle-periods";

// A cycle's payroll, worked out set-based in the caller's transaction (docs/plans.md#building-the-payroll):
// a constant number of statements whatever the number of beneficiaries. Every beneficiary enrolled
// for any part of the period is priced by the plan's rule compiled to SQL into a temporary table;
// one INSERT … SELECT makes the payments, one more their breakdown lines. Each payment's payment
// point is fixed here too, in the same INSERT: the first point by position whose filters hold for
// the attributes the payment was priced on (docs/payment-points.md#the-payroll). Rebuilding a rejected
// payroll runs the same code: a payment still due is worked out again in place (at most one payment
// per person per cycle, a unique index), one no longer due is cancelled as rebuilt.

export type PayrollCycle = {
  id: string;
  paymentPlanId: string;
  benefitPlanId: string;
  periodStart: string;
  periodEnd: string;
  carryOverUnpaid: boolean;
  payrollVersion: number;
};

export type PayrollTotals = {
  beneficiaries: number;
  payments: number;
  nothingDue: number;
  suspended: number;
  totalPence: number;
  suspendedPence: number;
  carriedOver: number;
  /** Rebuilds only: payments no longer due, cancelled. */
  cancelled: number;
  /** Due, but the person's payment in this cycle was cancelled earlier (rejected): not paid again. */
  alreadyCancelled: number;
};

/** The person reference, "-" and the period start's YYYYMM; "-2" … "-99" after it when another plan took it. */
function referenceSql(personReference: Prisma.Sql, periodStart: string): Prisma.Sql {
  const base = Prisma.sql`(${personReference} || '-' || ${yearMonth(periodStart)}::text)`;
  return Prisma.sql`CASE WHEN NOT EXISTS (SELECT 1 FROM "Payment" x WHERE x.reference = ${base}) THEN ${base}
    ELSE ${base} || '-' || (SELECT min(n) FROM generate_series(2, 99) n
                            WHERE NOT EXISTS (SELECT 1 FROM "Payment" x WHERE x.reference = ${base} || '-' || n)) END`;
}

export async function buildPayroll(
  tx: SqlTx,
  options: { cycle: PayrollCycle; rule: CalculationRule; actor: AuditActor; now: Date },
): Promise<PayrollTotals> {
  const { cycle, rule, actor, now } = options;
  const at = Prisma.sql`(${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const enrolled = enrolledInPeriod(cycle.periodStart, cycle.periodEnd);

  // What this cycle's payments carry: the earlier cycles' unpaid payments of the same plan not yet
  // carried (locked, so nothing settles them meanwhile), and, in a rebuild, what its payments
  // already carry (already CARRIED_OVER). A suspended payment an accountant rejected is never taken.
  await tx.$executeRaw`
    CREATE TEMP TABLE payroll_carried (payment_id uuid PRIMARY KEY, person_id uuid NOT NULL, amount bigint NOT NULL,
                                       period_start date NOT NULL, already boolean NOT NULL) ON COMMIT DROP`;
  if (cycle.carryOverUnpaid) {
    await tx.$executeRaw`
      INSERT INTO payroll_carried
      SELECT p.id, p."personId", p."amountPence", c."periodStart", false
      FROM "Payment" p JOIN "PaymentCycle" c ON c.id = p."cycleId"
      WHERE c."paymentPlanId" = ${cycle.paymentPlanId}::uuid AND c."periodStart" < ${cycle.periodStart}::date
        AND (p.status IN ('FAILED', 'EXPIRED') OR (p.status = 'CANCELLED' AND p."cancelReason" = ${POST_OFFICE_CANCEL_REASON}))
        AND NOT EXISTS (SELECT 1 FROM "PaymentLine" l WHERE l."carriedFromPaymentId" = p.id)
        AND EXISTS (SELECT 1 FROM "Enrolment" e
                    WHERE e."benefitPlanId" = ${cycle.benefitPlanId}::uuid AND e."personId" = p."personId" AND ${enrolled})
      FOR UPDATE OF p`;
  }
  await tx.$executeRaw`
    INSERT INTO payroll_carried
    SELECT l."carriedFromPaymentId", p."personId", l."amountPence", c."periodStart", true
    FROM "Payment" p JOIN "PaymentLine" l ON l."paymentId" = p.id
    JOIN "Payment" f ON f.id = l."carriedFromPaymentId" JOIN "PaymentCycle" c ON c.id = f."cycleId"
    WHERE p."cycleId" = ${cycle.id}::uuid AND p.status IN ('DRAFT', 'SUSPENDED')`;

  // Everyone enrolled for any part of the period (and, in a rebuild, anyone whose payment here
  // carries money, so it is still paid exactly once), priced by the rule, and given their point.
  const points = await loadPlanPoints(tx, cycle.benefitPlanId);
  const calc = compileRuleSql(rule, {
    attributes: Prisma.sql`d.attributes`,
    carriedOverPence: Prisma.sql`d.carried_pence`,
  });
  await tx.$executeRaw`
    CREATE TEMP TABLE payroll_calc ON COMMIT DROP AS
    SELECT d.person_id, d.person_reference, d.method, coalesce(d.existing_id, gen_random_uuid()) AS payment_id,
           d.existing_id, d.existing_amount,
           CASE WHEN d.enrolled THEN c."periodPence" ELSE 0 END AS period_pence,
           CASE WHEN d.enrolled THEN c."totalPence" ELSE c."carriedOverPence" END AS total_pence,
           CASE WHEN d.enrolled THEN c.status WHEN c."carriedOverPence" > 0 THEN 'DRAFT' ELSE 'NOTHING_DUE' END AS status,
           CASE WHEN d.enrolled THEN c.lines ELSE '[]'::jsonb END AS lines,
           (x.id IS NOT NULL) AS already_cancelled, ${pointIdSql(points, Prisma.sql`d.attributes`)} AS point_id
    FROM (
      SELECT e."personId" AS person_id, pr.reference AS person_reference, e."paymentMethod" AS method, ${enrolled} AS enrolled,
             ${attributesInForce(cycle.periodStart)} AS attributes, k.pence AS carried_pence,
             ex.id AS existing_id, ex."amountPence" AS existing_amount
      FROM "Enrolment" e
      JOIN "Claimant" pr ON pr.id = e."personId"
      LEFT JOIN (SELECT person_id, sum(amount) AS pence FROM payroll_carried GROUP BY person_id) k ON k.person_id = e."personId"
      LEFT JOIN "Payment" ex ON ex."cycleId" = ${cycle.id}::uuid AND ex."personId" = e."personId"
                            AND ex.status IN ('DRAFT', 'SUSPENDED')
      WHERE e."benefitPlanId" = ${cycle.benefitPlanId}::uuid AND (${enrolled} OR k.pence IS NOT NULL)
    ) d
    CROSS JOIN LATERAL (${calc}) AS c
    LEFT JOIN "Payment" x ON x."cycleId" = ${cycle.id}::uuid AND x."personId" = d.person_id AND x.status = 'CANCELLED'`;

  const [check] = await tx.$queryRaw<{ unreferenced: number }[]>`
    SELECT count(*)::int AS unreferenced FROM payroll_calc WHERE status <> 'NOTHING_DUE' AND person_reference IS NULL`;
  if (check.unreferenced > 0) {
    throw new AppError(
      "INVALID_STATE",
      `${check.unreferenced === 1 ? "1 beneficiary has" : `${check.unreferenced} beneficiaries have`} no person reference yet: a cycle payment's reference is made from it. Ask a plan manager to check the enrolments.`,
    );
  }

  // A rebuild: payments nobody is due any more are cancelled; the others are worked out again in place.
  const due = Prisma.sql`c.status <> 'NOTHING_DUE' AND NOT c.already_cancelled`;
  const { count: cancelled } = await movePayments(tx, {
    transition: "rebuild",
    mover: "ACCOUNTANT",
    query: Prisma.sql`
      SELECT p.id FROM "Payment" p
      WHERE p."cycleId" = ${cycle.id}::uuid AND p.status IN ('DRAFT', 'SUSPENDED')
        AND NOT EXISTS (SELECT 1 FROM payroll_calc c WHERE c.payment_id = p.id AND ${due})`,
    reason: REBUILT_CANCEL_REASON,
    actor,
    now,
  });
  const recomputed = (status: "DRAFT" | "SUSPENDED") => Prisma.sql`
    SELECT c.existing_id AS id, c.existing_amount AS "amountBeforePence", c.total_pence::int AS "amountPence"
    FROM payroll_calc c WHERE c.existing_id IS NOT NULL AND ${due} AND c.status = ${status}`;
  const detail = `payroll version ${cycle.payrollVersion}`;
  await movePayments(tx, { transition: "rebuild-draft", mover: "ACCOUNTANT", query: recomputed("DRAFT"), detail, actor, now });
  await movePayments(tx, {
    transition: "rebuild-suspend",
    mover: "ACCOUNTANT",
    query: recomputed("SUSPENDED"),
    detail,
    actor,
    now,
  });
  await tx.$executeRaw`
    DELETE FROM "PaymentLine" l USING payroll_calc c WHERE l."paymentId" = c.existing_id AND ${due}`;
  await tx.$executeRaw`
    UPDATE "Payment" p SET "amountPence" = c.total_pence::int, method = c.method, "paymentPointId" = c.point_id,
                           "updatedAt" = ${at}
    FROM payroll_calc c WHERE p.id = c.existing_id AND ${due}`;

  const created = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Payment" (id, reference, "personId", "cycleId", "paymentPointId", method, "amountPence", status,
                           "createdAt", "updatedAt")
    SELECT c.payment_id, ${referenceSql(Prisma.sql`c.person_reference`, cycle.periodStart)}, c.person_id, ${cycle.id}::uuid,
           c.point_id, c.method, c.total_pence::int, c.status::"PaymentStatus", ${at}, ${at}
    FROM payroll_calc c WHERE c.existing_id IS NULL AND ${due}
    ORDER BY c.person_reference
    ON CONFLICT ("cycleId", "personId") DO NOTHING
    RETURNING id`;

  // The breakdown: the rule's lines, then one line per carried-over payment, oldest first.
  await tx.$executeRaw`
    INSERT INTO "PaymentLine" ("paymentId", "lineNo", kind, label, "amountPence", "carriedFromPaymentId")
    SELECT p.id, l.no::int, l.line->>'kind', l.line->>'label', (l.line->>'amountPence')::int, NULL::uuid
    FROM payroll_calc c JOIN "Payment" p ON p.id = c.payment_id
    CROSS JOIN LATERAL jsonb_array_elements(c.lines) WITH ORDINALITY AS l(line, no)
    WHERE ${due}
    UNION ALL
    SELECT p.id, (jsonb_array_length(c.lines) + row_number() OVER (PARTITION BY p.id ORDER BY k.period_start, k.payment_id))::int,
           'CARRIED_OVER', ${CARRIED_OVER_LINE_LABEL}, k.amount::int, k.payment_id
    FROM payroll_carried k JOIN payroll_calc c ON c.person_id = k.person_id JOIN "Payment" p ON p.id = c.payment_id
    WHERE ${due}`;
  const { count: carriedOver } = await movePayments(tx, {
    transition: "carry-over",
    mover: "SYSTEM",
    query: Prisma.sql`
      SELECT k.payment_id AS id, p.reference AS into
      FROM payroll_carried k JOIN payroll_calc c ON c.person_id = k.person_id JOIN "Payment" p ON p.id = c.payment_id
      WHERE NOT k.already AND ${due}`,
    queryColumns: { detail: "into" },
    actor,
    now,
  });
  await recordPaymentsCreated(tx, {
    ids: created.map((r) => r.id),
    action: "payment.created-in-cycle",
    actor,
    now,
  });

  const [totals] = await tx.$queryRaw<
    {
      beneficiaries: number;
      payments: number;
      nothingDue: number;
      suspended: number;
      totalPence: bigint;
      suspendedPence: bigint;
      alreadyCancelled: number;
    }[]
  >`
    SELECT count(*)::int AS beneficiaries,
           count(*) FILTER (WHERE ${due})::int AS payments,
           count(*) FILTER (WHERE c.status = 'NOTHING_DUE')::int AS "nothingDue",
           count(*) FILTER (WHERE ${due} AND c.status = 'SUSPENDED')::int AS suspended,
           coalesce(sum(c.total_pence) FILTER (WHERE ${due}), 0)::bigint AS "totalPence",
           coalesce(sum(c.total_pence) FILTER (WHERE ${due} AND c.status = 'SUSPENDED'), 0)::bigint AS "suspendedPence",
           count(*) FILTER (WHERE c.status <> 'NOTHING_DUE' AND c.already_cancelled)::int AS "alreadyCancelled"
    FROM payroll_calc c`;
  return {
    ...totals,
    totalPence: Number(totals.totalPence),
    suspendedPence: Number(totals.suspendedPence),
    carriedOver,
    cancelled,
  };
}
