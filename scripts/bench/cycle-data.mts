// What the payment-cycle measurement (cycle.mts) and its child (cycle-step.mts) share: the bench
// accountant, the plan and the period the cycle is built for, the tables holding the payroll worked
// out in advance for the limit, the child's input, and the rows counted after each step.
import type pg from "pg";
import { tableCounts } from "./step-support.mts";

export const ACCOUNTANT_ID = "00000000-0000-4000-8000-0000000cc001";
export const ACCOUNTANT_EMAIL = "bench-accountant@bench.disburse.test";
export const BENEFIT_PLAN_ID = "00000000-0000-4000-8000-0000000cc002";
export const PAYMENT_PLAN_ID = "00000000-0000-4000-8000-0000000cc003";
export const PLAN_VERSION_ID = "00000000-0000-4000-8000-0000000cc004";
export const POINT_IDS = ["00000000-0000-4000-8000-0000000cc005", "00000000-0000-4000-8000-0000000cc006"] as const;

/** The plan is valid from November 2026; the bench's "now" is in November; the cycle is December's. */
export const VALID_FROM = "2026-11-01";
export const PERIOD_START = "2026-12-01";
export const PERIOD_END = "2026-12-31";

/** The payroll the rule gives, one row per payment (and one per line), made when the data are. */
export const EXPECTED_PAYMENTS = "bench_cycle_payment";
export const EXPECTED_LINES = "bench_cycle_line";

export interface CycleStepInput {
  step: "cycle" | "cycle-limit";
  url: string;
  n: number;
  now: string;
}

/** tableCounts, and what a cycle writes: its rows, lines, timeline, money and payment points. */
export async function cycleCounts(client: pg.Client): Promise<Record<string, number>> {
  const counts = await tableCounts(client);
  const { rows } = await client.query<{ k: string; n: string }>(`
    SELECT 'PaymentCycle' AS k, count(*)::text AS n FROM "PaymentCycle"
    UNION ALL SELECT 'PaymentCycleEvent', count(*)::text FROM "PaymentCycleEvent"
    UNION ALL SELECT 'PaymentLine', count(*)::text FROM "PaymentLine"
    UNION ALL SELECT 'PaymentLine.pence', coalesce(sum("amountPence"), 0)::text FROM "PaymentLine"
    UNION ALL SELECT 'Payment.pence', coalesce(sum("amountPence"), 0)::text FROM "Payment"
    UNION ALL SELECT 'Payment.withPoint', count(*)::text FROM "Payment" WHERE "paymentPointId" IS NOT NULL`);
  for (const { k, n } of rows) counts[k] = Number(n);
  return counts;
}
