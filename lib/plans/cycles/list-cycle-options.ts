import type { SqlTx } from "@/lib/db/pg-transaction";
import { nextPeriods, type Period } from "./rules/cycle-periods";

// What an accountant may create a cycle for: each payment plan that has a rule, with its next
// periods that have no cycle yet.

export const PERIODS_OFFERED = 3;

export type CycleOption = { planId: string; planCode: string; planName: string; periods: Period[] };

export async function listCycleOptions(db: SqlTx): Promise<CycleOption[]> {
  const plans = await db.$queryRaw<
    {
      id: string;
      code: string;
      name: string;
      periodicityMonths: number;
      validFrom: string;
      validTo: string | null;
      taken: string[];
    }[]
  >`
    SELECT pp.id, pp.code, pp.name, pp."periodicityMonths", pp."validFrom"::text AS "validFrom", pp."validTo"::text AS "validTo",
           ARRAY(SELECT c."periodStart"::text FROM "PaymentCycle" c WHERE c."paymentPlanId" = pp.id) AS taken
    FROM "PaymentPlan" pp
    WHERE EXISTS (SELECT 1 FROM "PaymentPlanVersion" v WHERE v."paymentPlanId" = pp.id)
    ORDER BY pp.name, pp.code`;
  return plans
    .map((p) => ({ planId: p.id, planCode: p.code, planName: p.name, periods: nextPeriods(p, p.taken, PERIODS_OFFERED) }))
    .filter((o) => o.periods.length > 0);
}
