import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { compileRuleSql } from "@/lib/plans/compile-rule-sql";
import type { CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { attributesInForce, enrolledInPeriod } from "./beneficiaries-sql";

// The beneficiaries a cycle pays nothing: enrolled for the period, no payment in it, and the rule
// the cycle used gives them £0. Worked out when the page asks (never stored), the way the payroll was.

export type NothingDueRow = { personReference: string | null; personName: string };

export async function listNothingDue(
  db: SqlTx,
  options: {
    cycleId: string;
    benefitPlanId: string;
    periodStart: string;
    periodEnd: string;
    rule: CalculationRule;
    limit: number;
  },
): Promise<{ enrolled: number; count: number; rows: NothingDueRow[] }> {
  const calc = compileRuleSql(options.rule, { attributes: Prisma.sql`d.attributes`, carriedOverPence: Prisma.sql`NULL` });
  const [result] = await db.$queryRaw<{ enrolled: number; count: number; rows: NothingDueRow[] | null }[]>`
    WITH d AS (
      SELECT e."personId" AS person_id, ${attributesInForce(options.periodStart)} AS attributes
      FROM "Enrolment" e
      WHERE e."benefitPlanId" = ${options.benefitPlanId}::uuid AND ${enrolledInPeriod(options.periodStart, options.periodEnd)}
    ),
    nothing AS (
      SELECT pr.reference, pr."firstName" || ' ' || pr."lastName" AS name
      FROM d JOIN "Claimant" pr ON pr.id = d.person_id
      CROSS JOIN LATERAL (${calc}) AS c
      WHERE c.status = 'NOTHING_DUE'
        AND NOT EXISTS (SELECT 1 FROM "Payment" p WHERE p."cycleId" = ${options.cycleId}::uuid AND p."personId" = d.person_id)
    )
    SELECT (SELECT count(*)::int FROM d) AS enrolled, (SELECT count(*)::int FROM nothing) AS count,
           (SELECT json_agg(json_build_object('personReference', n.reference, 'personName', n.name) ORDER BY n.reference)
            FROM (SELECT * FROM nothing ORDER BY reference LIMIT ${options.limit}) n) AS rows`;
  return { enrolled: result.enrolled, count: result.count, rows: result.rows ?? [] };
}
