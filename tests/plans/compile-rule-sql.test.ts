// The calculation rule compiled to SQL computes exactly what calculatePayment computes: on a few
// hundred random rules, each over its own random beneficiaries in a temporary table (one INSERT for
// all of them), every beneficiary's total, period amount, status and lines agree, on PostgreSQL.
import { describe, expect, it } from "vitest";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { compileRuleSql } from "@/lib/plans/compile-rule-sql";
import { OPERATORS_BY_TYPE } from "@/lib/plans/rules/attributes";
import type { CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { calculatePayment, type CalculatedPayment, type CarriedOver } from "@/lib/plans/rules/calculate-payment";
import { conditionMatches, type AttributeValues } from "@/lib/plans/rules/condition-matches";
import { prng, randomAttributes, randomCarriedOver, randomRule } from "@/lib/plans/rules/random-rules.test-helper";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();

const SEED = 20261203;
const RULES = 300;
const PER_RULE = 40;

type SqlResult = {
  no: number;
  periodPence: string;
  totalPence: string;
  carriedOverPence: string;
  status: string;
  lines: unknown;
};

const compiled = (rule: CalculationRule) =>
  compileRuleSql(rule, { attributes: Prisma.sql`b.attributes`, carriedOverPence: Prisma.sql`b.carried_pence` });

/** JSON with object keys sorted: jsonb keeps its own key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** What the SQL should say: calculatePayment's answer, less the carried-over lines (the caller's to add). */
function expected(result: CalculatedPayment) {
  return {
    periodPence: String(result.periodPence),
    totalPence: String(result.totalPence),
    status: result.status,
    lines: result.lines.filter((l) => l.kind !== "CARRIED_OVER"),
  };
}

describe("compileRuleSql", () => {
  it(
    `agrees with calculatePayment on ${RULES} random rules × ${PER_RULE} random beneficiaries`,
    { timeout: 120_000 },
    async () => {
      const random = prng(SEED);
      const rules = Array.from({ length: RULES }, () => randomRule(random));
      const beneficiaries = rules.flatMap((_, r) =>
        Array.from({ length: PER_RULE }, (_, no) => {
          // As the jsonb column gives them back: what JSON cannot hold (undefined, -0) is gone.
          const attributes: AttributeValues = JSON.parse(JSON.stringify(randomAttributes(random)));
          const carried: CarriedOver[] = randomCarriedOver(random, `${r}-${no}`);
          return { r, no, attributes, carried };
        }),
      );

      const disagreements: string[] = [];
      const reached = { capped: 0, atCeiling: 0, suspended: 0, atLimit: 0, nothingDue: 0, carriedNull: 0 };
      const conditionOutcomes = new Set<string>();
      await withPgTransaction(db(), async (tx) => {
        await tx.$executeRaw`
        CREATE TEMP TABLE beneficiary (rule_no int, no int, attributes jsonb NOT NULL, carried_pence bigint,
                                       PRIMARY KEY (rule_no, no)) ON COMMIT DROP`;
        // With nothing carried over the sum is NULL, as a LEFT JOIN onto no earlier payment gives it.
        await tx.$executeRaw`
        INSERT INTO beneficiary
        SELECT * FROM unnest(${beneficiaries.map((b) => b.r)}::int[], ${beneficiaries.map((b) => b.no)}::int[],
                             ${beneficiaries.map((b) => JSON.stringify(b.attributes))}::jsonb[],
                             ${beneficiaries.map((b) => (b.carried.length === 0 ? null : b.carried.reduce((s, c) => s + c.amountPence, 0)))}::bigint[])`;

        for (const [r, rule] of rules.entries()) {
          const rows = await tx.$queryRaw<SqlResult[]>`
          SELECT b.no, c."periodPence"::text, c."totalPence"::text, c."carriedOverPence"::text, c.status, c.lines
          FROM beneficiary b CROSS JOIN LATERAL (${compiled(rule)}) AS c
          WHERE b.rule_no = ${r}::int ORDER BY b.no`;
          expect(rows).toHaveLength(PER_RULE);
          for (const row of rows) {
            const { attributes, carried } = beneficiaries[r * PER_RULE + row.no];
            const result = calculatePayment(rule, attributes, carried);
            const sql = { periodPence: row.periodPence, totalPence: row.totalPence, status: row.status, lines: row.lines };
            if (canonical(sql) !== canonical(expected(result)) && disagreements.length < 5) {
              disagreements.push(
                `seed ${SEED}, rule ${r}, beneficiary ${row.no}: ${canonical({ attributes, carried, sql, ts: expected(result) })}`,
              );
            }

            const counting = result.lines.reduce(
              (s, l) => s + (l.kind === "CONDITIONAL" && l.countsTowardsCeiling ? l.amountPence : 0),
              0,
            );
            if (rule.ceilingPence !== null && counting > rule.ceilingPence) reached.capped++;
            if (counting > 0 && counting === rule.ceilingPence) reached.atCeiling++;
            if (result.status === "SUSPENDED") reached.suspended++;
            if (result.status === "NOTHING_DUE") reached.nothingDue++;
            if (result.periodPence > 0 && result.periodPence === rule.limitPence) reached.atLimit++;
            if (carried.length === 0) reached.carriedNull++;
            for (const c of rule.conditionalAmounts.flatMap((a) => a.conditions)) {
              const value = attributes[c.attribute];
              const shape =
                value === undefined ? "absent" : value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
              conditionOutcomes.add(`${c.type} ${c.operator} ${conditionMatches(c, attributes)}`);
              conditionOutcomes.add(`${c.type} on ${shape}`);
            }
          }
        }
      });

      expect(disagreements).toEqual([]);
      // The random cases reached every edge the agreement is about.
      for (const [name, count] of Object.entries(reached)) expect(count, name).toBeGreaterThan(20);
      for (const [type, operators] of Object.entries(OPERATORS_BY_TYPE)) {
        for (const operator of operators) {
          expect(conditionOutcomes, `${type} ${operator} matching`).toContain(`${type} ${operator} true`);
          expect(conditionOutcomes, `${type} ${operator} not matching`).toContain(`${type} ${operator} false`);
        }
        for (const shape of ["absent", "null", "object", "array"]) expect(conditionOutcomes).toContain(`${type} on ${shape}`);
      }
    },
  );

  it("gives the boundaries exactly, through the Prisma client too", async () => {
    const rule: CalculationRule = {
      baseAmountPence: 1_000,
      conditionalAmounts: [
        {
          label: "Large household",
          conditions: [{ attribute: "Household size", type: "NUMBER", operator: "in", value: [4, 5] }],
          amountPence: 600,
          countsTowardsCeiling: true,
        },
        {
          label: "Pensioner",
          conditions: [{ attribute: "Date of birth", type: "DATE", operator: "<=", value: "1960-01-01" }],
          amountPence: 500,
          countsTowardsCeiling: true,
        },
        {
          label: "Not disabled",
          conditions: [{ attribute: "Disabled", type: "YES_NO", operator: "!=", value: true }],
          amountPence: 100,
          countsTowardsCeiling: false,
        },
      ],
      ceilingPence: 1_000,
      limitPence: 1_600,
    };
    const cases: { attributes: AttributeValues; carried: number | null; want: [string, string] }[] = [
      // 1,000 + 600: exactly the limit, so a draft; "Disabled" is absent, so even != does not match.
      { attributes: { "Household size": 4 }, carried: null, want: ["1600", "DRAFT"] },
      // 1,000 + min(600 + 500, 1,000) + 100 = 2,100: above the limit.
      {
        attributes: { "Household size": 5, "Date of birth": "1960-01-01", Disabled: false },
        carried: 0,
        want: ["2100", "SUSPENDED"],
      },
      // Carried-over money does not count towards the limit.
      { attributes: { "Household size": 5 }, carried: 50_000, want: ["51600", "DRAFT"] },
      // A date not written YYYY-MM-DD is missing; "yes" is not a yes/no value.
      { attributes: { "Date of birth": "01/01/1950", Disabled: "yes" }, carried: null, want: ["1000", "DRAFT"] },
    ];
    const rows = await db().$queryRaw<{ total: string; status: string }[]>`
      SELECT c."totalPence"::text AS total, c.status
      FROM unnest(${cases.map((c) => JSON.stringify(c.attributes))}::jsonb[], ${cases.map((c) => c.carried)}::bigint[])
           WITH ORDINALITY AS b(attributes, carried_pence, n)
      CROSS JOIN LATERAL (${compileRuleSql(rule, { attributes: Prisma.sql`b.attributes`, carriedOverPence: Prisma.sql`b.carried_pence` })}) AS c
      ORDER BY b.n`;
    expect(rows.map((r) => [r.total, r.status])).toEqual(cases.map((c) => c.want));
    for (const c of cases) {
      const carried = c.carried === null ? [] : [{ paymentId: "p", amountPence: c.carried }];
      const result = calculatePayment(rule, c.attributes, carried);
      expect([String(result.totalPence), result.status]).toEqual(c.want);
    }
  });
});
