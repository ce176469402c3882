// One beneficiary's payment for one period under a calculation rule, with every part of the sum as
// a line: the rule itself (docs/plans.md#the-calculation-rule). lib/plans/compile-rule-sql.ts
// computes the same thing in SQL for a whole payroll at once.
import { formatPence } from "@/lib/money";
import type { CalculationRule } from "./calculation-rule";
import { allConditionsMatch, type AttributeValues } from "./condition-matches";

export type CarriedOver = { paymentId: string; amountPence: number };

export type PaymentLine =
  | { kind: "BASE"; label: string; amountPence: number }
  /** `position`: which conditional amount of the rule, from 1. */
  | { kind: "CONDITIONAL"; label: string; amountPence: number; position: number; countsTowardsCeiling: boolean }
  /** Negative: what the ceiling took off the counting conditional amounts. */
  | { kind: "CEILING"; label: string; amountPence: number }
  | { kind: "CARRIED_OVER"; label: string; amountPence: number; paymentId: string };

export type PaymentStatus = "DRAFT" | "SUSPENDED" | "NOTHING_DUE";

export type CalculatedPayment = {
  /** What the payment pays: the period amount plus everything carried over. The lines sum to it. */
  totalPence: number;
  /** This period's amount alone (base, conditional amounts, ceiling): what the per-payment limit applies to. */
  periodPence: number;
  status: PaymentStatus;
  lines: PaymentLine[];
};

export const BASE_LINE_LABEL = "Base amount";
export const CARRIED_OVER_LINE_LABEL = "Carried over from an unpaid earlier payment";

export function ceilingLineLabel(ceilingPence: number): string {
  return `Ceiling of ${formatPence(ceilingPence)} on the conditional amounts that count towards it`;
}

/** SUSPENDED only above the limit (a payment of exactly the limit is a draft); nothing at all is NOTHING_DUE. */
export function paymentStatus(rule: CalculationRule, periodPence: number, totalPence: number): PaymentStatus {
  if (totalPence === 0) return "NOTHING_DUE";
  return rule.limitPence !== null && periodPence > rule.limitPence ? "SUSPENDED" : "DRAFT";
}

function assertCarriedOver(carriedOver: readonly CarriedOver[]) {
  const ids = new Set<string>();
  for (const { paymentId, amountPence } of carriedOver) {
    if (!Number.isSafeInteger(amountPence) || amountPence < 0) {
      throw new RangeError(`carried-over payment ${paymentId}: ${amountPence} is not a whole number of pence, 0 or more`);
    }
    // Carried-over money is paid exactly once: the same earlier payment twice is a caller's bug.
    if (ids.has(paymentId)) throw new RangeError(`carried-over payment ${paymentId} is given twice`);
    ids.add(paymentId);
  }
}

/**
 * The base amount, plus each conditional amount whose conditions all hold, the counting ones capped
 * together at the ceiling (a CEILING line takes off the excess, so the lines always sum to the
 * total), plus one line per carried-over payment. The per-payment limit applies to the period's
 * amount without the carried-over money: that money was calculated and approved in its own cycle,
 * and "approve at the limit" must never cut it (it is paid exactly once, here).
 */
export function calculatePayment(
  rule: CalculationRule,
  attributes: AttributeValues,
  carriedOver: readonly CarriedOver[],
): CalculatedPayment {
  assertCarriedOver(carriedOver);
  const lines: PaymentLine[] = [{ kind: "BASE", label: BASE_LINE_LABEL, amountPence: rule.baseAmountPence }];
  let countingPence = 0;
  rule.conditionalAmounts.forEach((c, i) => {
    if (!allConditionsMatch(c.conditions, attributes)) return;
    lines.push({
      kind: "CONDITIONAL",
      label: c.label,
      amountPence: c.amountPence,
      position: i + 1,
      countsTowardsCeiling: c.countsTowardsCeiling,
    });
    if (c.countsTowardsCeiling) countingPence += c.amountPence;
  });
  if (rule.ceilingPence !== null && countingPence > rule.ceilingPence) {
    lines.push({ kind: "CEILING", label: ceilingLineLabel(rule.ceilingPence), amountPence: rule.ceilingPence - countingPence });
  }
  const periodPence = lines.reduce((sum, line) => sum + line.amountPence, 0);
  for (const { paymentId, amountPence } of carriedOver) {
    lines.push({ kind: "CARRIED_OVER", label: CARRIED_OVER_LINE_LABEL, amountPence, paymentId });
  }
  const totalPence = lines.reduce((sum, line) => sum + line.amountPence, 0);
  return { totalPence, periodPence, status: paymentStatus(rule, periodPence, totalPence), lines };
}
