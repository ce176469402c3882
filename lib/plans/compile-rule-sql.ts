// A calculation rule compiled to SQL, so that a cycle's payroll is one INSERT … SELECT over the
// beneficiaries instead of a loop in JavaScript. It computes exactly what calculatePayment
// (lib/plans/rules/calculate-payment.ts) computes: tests/plans/compile-rule-sql.test.ts holds the two
// together on random rules and beneficiaries; docs/plans.md#in-sql says how to use it.
//
// Outside rules/ because it builds Prisma.sql fragments; it is still pure (no database, no clock).
// Every value of the rule is a bind parameter; only SQL this file writes itself is text.
import { Prisma } from "@/lib/generated/prisma/client";
import type { CalculationRule, Condition } from "./rules/calculation-rule";
import { BASE_LINE_LABEL, ceilingLineLabel } from "./rules/calculate-payment";
import { DATE_SHAPE, foldTextCase } from "./rules/condition-matches";

export type RuleSqlInputs = {
  /** The beneficiary's attribute values, a jsonb expression of the outer row, e.g. Prisma.sql`b.attributes`. */
  attributes: Prisma.Sql;
  /** The sum of the carried-over amounts in pence, an integer expression of the outer row (NULL counts as 0). */
  carriedOverPence: Prisma.Sql;
};

const COMPARISON: Record<Exclude<Condition["operator"], "in">, Prisma.Sql> = {
  "=": Prisma.raw("="),
  "!=": Prisma.raw("<>"),
  ">": Prisma.raw(">"),
  ">=": Prisma.raw(">="),
  "<": Prisma.raw("<"),
  "<=": Prisma.raw("<="),
};

const json = (value: unknown) => Prisma.sql`${JSON.stringify(value)}::jsonb`;

/**
 * One condition as a boolean expression; NULL or false when the value is missing. Numbers and
 * yes/no compare as jsonb (numbers numerically, as JavaScript does with the same JSON); text is
 * folded with translate(), as foldTextCase does; dates compare byte by byte (COLLATE "C"), as
 * JavaScript compares strings, whatever the database's collation. Casts are never needed, so a
 * value of the wrong type cannot raise an error: the type guard simply makes the condition false.
 */
function conditionSql(condition: Condition, attributes: Prisma.Sql): Prisma.Sql {
  const value = Prisma.sql`(${attributes} -> ${condition.attribute}::text)`;
  const text = Prisma.sql`(${attributes} ->> ${condition.attribute}::text)`;
  const isString = Prisma.sql`jsonb_typeof(${value}) = 'string'`;
  switch (condition.type) {
    case "NUMBER": {
      const guard = Prisma.sql`jsonb_typeof(${value}) = 'number'`;
      return condition.operator === "in"
        ? Prisma.sql`(${guard} AND ${json(condition.value)} @> jsonb_build_array(${value}))`
        : Prisma.sql`(${guard} AND ${value} ${COMPARISON[condition.operator]} ${json(condition.value)})`;
    }
    case "DATE": {
      const guard = Prisma.sql`${isString} AND ${text} ~ ${DATE_SHAPE.source}::text`;
      return condition.operator === "in"
        ? Prisma.sql`(${guard} AND ${json(condition.value)} @> jsonb_build_array(${text}))`
        : Prisma.sql`(${guard} AND (${text} COLLATE "C") ${COMPARISON[condition.operator]} ${condition.value}::text)`;
    }
    case "TEXT": {
      const folded = Prisma.sql`translate(${text}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;
      return condition.operator === "in"
        ? Prisma.sql`(${isString} AND ${json(condition.value.map(foldTextCase))} @> jsonb_build_array(${folded}))`
        : Prisma.sql`(${isString} AND ${folded} ${COMPARISON[condition.operator]} ${foldTextCase(condition.value)}::text)`;
    }
    case "ONE_OF":
      return condition.operator === "in"
        ? Prisma.sql`(${isString} AND ${json(condition.value)} @> jsonb_build_array(${text}))`
        : Prisma.sql`(${isString} AND ${text} ${COMPARISON[condition.operator]} ${condition.value}::text)`;
    case "YES_NO":
      return Prisma.sql`(jsonb_typeof(${value}) = 'boolean' AND ${value} ${COMPARISON[condition.operator]} ${json(condition.value)})`;
  }
}

/**
 * Conditions that must all hold (AND), as allConditionsMatch decides it, in one boolean expression
 * that is never NULL; no conditions: true. For other sets of conditions than a rule's, such as a
 * payment point's filters (lib/plans/payment-points/point-sql.ts).
 */
export function allConditionsSql(conditions: readonly Condition[], attributes: Prisma.Sql): Prisma.Sql {
  if (conditions.length === 0) return Prisma.sql`true`;
  return Prisma.sql`coalesce(${Prisma.join(
    conditions.map((condition) => conditionSql(condition, attributes)),
    " AND ",
  )}, false)`;
}

// Column names inside the compiled subquery, prefixed so they cannot shadow the caller's columns.
const matchedColumn = (index: number) => Prisma.raw(`rule_m${index + 1}`);

/**
 * A SELECT for `CROSS JOIN LATERAL (…) AS calc`, one row per outer row, with the columns
 * "periodPence" and "totalPence" (bigint), "carriedOverPence" (bigint), status ('DRAFT',
 * 'SUSPENDED' or 'NOTHING_DUE') and lines (jsonb: the BASE, CONDITIONAL and CEILING lines exactly as
 * calculatePayment makes them; the caller adds one CARRIED_OVER line per carried payment, which
 * only it knows). Each condition is evaluated once per row, whatever the number of rows.
 */
export function compileRuleSql(rule: CalculationRule, inputs: RuleSqlInputs): Prisma.Sql {
  const amounts = rule.conditionalAmounts;
  const matched = amounts.map(
    (c, i) =>
      Prisma.sql`coalesce(${Prisma.join(
        c.conditions.map((condition) => conditionSql(condition, inputs.attributes)),
        " AND ",
      )}, false) AS ${matchedColumn(i)}`,
  );
  const sumOf = (counting: boolean) => {
    const parts = amounts.flatMap((c, i) =>
      c.countsTowardsCeiling === counting
        ? [Prisma.sql`CASE WHEN ${matchedColumn(i)} THEN ${c.amountPence}::bigint ELSE 0 END`]
        : [],
    );
    return parts.length === 0 ? Prisma.sql`0::bigint` : Prisma.sql`(${Prisma.join(parts, " + ")})`;
  };
  const ceiling = rule.ceilingPence;
  const cappedCounting = ceiling === null ? Prisma.sql`rule_counting` : Prisma.sql`least(rule_counting, ${ceiling}::bigint)`;

  const lines = [
    Prisma.sql`jsonb_build_object('kind', 'BASE', 'label', ${BASE_LINE_LABEL}::text, 'amountPence', ${rule.baseAmountPence}::bigint)`,
    ...amounts.map(
      (c, i) => Prisma.sql`CASE WHEN ${matchedColumn(i)} THEN jsonb_build_object(
        'kind', 'CONDITIONAL', 'label', ${c.label}::text, 'amountPence', ${c.amountPence}::bigint,
        'position', ${i + 1}::int, 'countsTowardsCeiling', ${c.countsTowardsCeiling}::boolean) END`,
    ),
    ...(ceiling === null
      ? []
      : [
          Prisma.sql`CASE WHEN rule_counting > ${ceiling}::bigint THEN jsonb_build_object(
            'kind', 'CEILING', 'label', ${ceilingLineLabel(ceiling)}::text, 'amountPence', ${ceiling}::bigint - rule_counting) END`,
        ]),
  ];
  const overLimit =
    rule.limitPence === null ? Prisma.empty : Prisma.sql`WHEN rule_period > ${rule.limitPence}::bigint THEN 'SUSPENDED'`;

  // The innermost SELECT's OFFSET 0 keeps the planner from flattening it into the ones above, which
  // would copy (and evaluate again) every condition wherever its matched column is used.

  return Prisma.sql`
    SELECT rule_period AS "periodPence",
           rule_carried AS "carriedOverPence",
           rule_period + rule_carried AS "totalPence",
           CASE WHEN rule_period + rule_carried = 0 THEN 'NOTHING_DUE' ${overLimit} ELSE 'DRAFT' END AS status,
           to_jsonb(array_remove(ARRAY[${Prisma.join(lines, ", ")}]::jsonb[], NULL)) AS lines
    FROM (
      SELECT rule_sums.*, ${rule.baseAmountPence}::bigint + rule_other + ${cappedCounting} AS rule_period
      FROM (
        SELECT rule_matched.*, ${sumOf(true)} AS rule_counting, ${sumOf(false)} AS rule_other
        FROM (
          SELECT ${Prisma.join([Prisma.sql`coalesce((${inputs.carriedOverPence})::bigint, 0) AS rule_carried`, ...matched], ", ")}
          OFFSET 0
        ) AS rule_matched
      ) AS rule_sums
    ) AS rule_period_sums`;
}
