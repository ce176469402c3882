// One payment-cycle measurement in a process of its own (started by cycle.mts with its input as JSON
// in BENCH_STEP_INPUT), so the peak resident set it reports is its own. Answers one line
// "BENCH_RESULT {json}" on stdout (a StepResult).
//   cycle        the product: an accountant creates December's cycle (lib/plans/cycles/create-cycle.ts),
//                its payroll built in the same transaction
//   cycle-limit  the same rows written with the fewest statements PostgreSQL needs: the cycle, then
//                one INSERT … SELECT each for its payments, their lines and their history from the
//                payroll worked out in advance, its timeline entry and its audit record
import { randomUUID } from "node:crypto";
import { createDb, poolOf } from "../../lib/db/create-db.ts";
import { createCycle } from "../../lib/plans/cycles/create-cycle.ts";
import {
  ACCOUNTANT_EMAIL,
  ACCOUNTANT_ID,
  cycleCounts,
  EXPECTED_LINES,
  EXPECTED_PAYMENTS,
  PAYMENT_PLAN_ID,
  PERIOD_END,
  PERIOD_START,
  PLAN_VERSION_ID,
  type CycleStepInput,
} from "./cycle-data.mts";
import { runProductVsLimitStep } from "./product-vs-limit-step.mts";
import { auditRow, connect, phaseClock, sqlTimestamp, timed, type Measured } from "./step-support.mts";

async function expectedPayments(url: string): Promise<number> {
  const client = await connect(url);
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${EXPECTED_PAYMENTS}`);
    return rows[0].n;
  } finally {
    await client.end();
  }
}

async function product(input: CycleStepInput): Promise<Measured> {
  const expected = await expectedPayments(input.url);
  const db = createDb(input.url);
  try {
    await db.$queryRaw`SELECT 1`;
    const actor = { id: ACCOUNTANT_ID, email: ACCOUNTANT_EMAIL, name: "Bench accountant" };
    const { ms, startRssMB, result } = await timed(() =>
      createCycle({ db, paymentPlanId: PAYMENT_PLAN_ID, periodStart: PERIOD_START, actor, now: new Date(input.now) }),
    );
    if (result.totals.payments !== expected) {
      throw new Error(`the payroll has ${result.totals.payments} payments, the rule gives ${expected}`);
    }
    return { ms, startRssMB, detail: { ...result.totals } };
  } finally {
    await db.$disconnect();
    await poolOf(db).end();
  }
}

async function limit(input: CycleStepInput): Promise<Measured> {
  const client = await connect(input.url);
  const cycleId = randomUUID();
  const at = sqlTimestamp(input.now);
  try {
    const { ms, startRssMB, result } = await timed(async () => {
      const phases = phaseClock();
      await client.query("BEGIN");
      await client.query(
        `INSERT INTO "PaymentCycle" (id, "paymentPlanId", "planVersionId", "periodStart", "periodEnd", "createdById", "createdAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7::timestamp)`,
        [cycleId, PAYMENT_PLAN_ID, PLAN_VERSION_ID, PERIOD_START, PERIOD_END, ACCOUNTANT_ID, at],
      );
      const payments = await client.query(
        `INSERT INTO "Payment" (id, reference, "personId", "cycleId", "paymentPointId", method, "amountPence", status, "createdAt", "updatedAt")
         SELECT id, reference, person_id, $1, point_id, method, amount, status::"PaymentStatus", $2::timestamp, $2::timestamp
         FROM ${EXPECTED_PAYMENTS} ORDER BY reference`,
        [cycleId, at],
      );
      phases.mark("payments");
      await client.query(
        `INSERT INTO "PaymentLine" ("paymentId", "lineNo", kind, label, "amountPence")
         SELECT payment_id, line_no, kind, label, amount FROM ${EXPECTED_LINES}`,
      );
      phases.mark("lines");
      await client.query(
        `INSERT INTO "PaymentStatusHistory" ("paymentId", "moveId", action, "fromStatus", "toStatus", at, "actorId", "actorLabel")
         SELECT id, $1, 'payment.created-in-cycle', NULL, status::"PaymentStatus", $2::timestamp, $3, $4 FROM ${EXPECTED_PAYMENTS}`,
        [randomUUID(), at, ACCOUNTANT_ID, ACCOUNTANT_EMAIL],
      );
      phases.mark("history");
      const { rows } = await client.query<{ suspended: number; pence: string }>(
        `SELECT count(*) FILTER (WHERE status = 'SUSPENDED')::int AS suspended, sum(amount)::text AS pence FROM ${EXPECTED_PAYMENTS}`,
      );
      const totals = { payments: payments.rowCount, suspended: rows[0].suspended, totalPence: Number(rows[0].pence) };
      await client.query(
        `INSERT INTO "PaymentCycleEvent" ("cycleId", at, "actorId", "actorLabel", kind, summary, detail)
         VALUES ($1, $2::timestamp, $3, $4, 'cycle.created', 'Cycle created with rule version 1.', $5::jsonb)`,
        [cycleId, at, ACCOUNTANT_ID, ACCOUNTANT_EMAIL, JSON.stringify(totals)],
      );
      await auditRow(client, {
        at,
        actor: ACCOUNTANT_EMAIL,
        actorId: ACCOUNTANT_ID,
        action: "cycle.created",
        entityType: "PaymentCycle",
        entityId: cycleId,
        after: { periodStart: PERIOD_START, periodEnd: PERIOD_END, planVersion: 1, ...totals },
      });
      await client.query("COMMIT");
      phases.mark("committed");
      return { ...totals, phasesMs: phases.done() };
    });
    return { ms, startRssMB, detail: result };
  } finally {
    await client.end();
  }
}

runProductVsLimitStep<CycleStepInput>({ name: "cycle", product, limit, counts: cycleCounts });
