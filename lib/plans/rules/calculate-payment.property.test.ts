// The issue's properties of the calculation rule, over random rules and beneficiaries: the ceiling is
// never exceeded by counting amounts, non-counting amounts are unaffected by it, the lines sum to the
// total, carried-over money appears exactly once, and a conditional amount that does not match
// changes nothing. A failure names its seed and case, and reproduces from them.
import { describe, expect, it } from "vitest";
import { calculationRuleSchema, calculationRuleSchemaFor, type CalculationRule } from "./calculation-rule";
import { calculatePayment, type CalculatedPayment, type PaymentLine } from "./calculate-payment";
import { allConditionsMatch } from "./condition-matches";
import {
  DECLARED,
  UNDECLARED,
  prng,
  randomAttributes,
  randomCarriedOver,
  randomConditionalAmount,
  randomRule,
} from "./random-rules.test-helper";

const SEED = 20261201;
const RULES = 200;
const BENEFICIARIES = 25;

const sum = (lines: readonly PaymentLine[]) => lines.reduce((s, l) => s + l.amountPence, 0);
const ofKind = <K extends PaymentLine["kind"]>(r: CalculatedPayment, kind: K) =>
  r.lines.filter((l): l is Extract<PaymentLine, { kind: K }> => l.kind === kind);

function forEachCase(check: (rule: CalculationRule, index: string, random: () => number) => void) {
  const random = prng(SEED);
  for (let r = 0; r < RULES; r++) check(randomRule(random), `seed ${SEED}, rule ${r}`, random);
}

describe("calculatePayment properties", () => {
  it("random rules are valid rules and survive storage as JSON unchanged", () => {
    forEachCase((rule, where) => {
      const stored = JSON.parse(JSON.stringify(rule));
      const parsed = calculationRuleSchema.safeParse(stored);
      expect(parsed.error?.issues ?? [], where).toEqual([]);
      expect(JSON.stringify(parsed.data), where).toBe(JSON.stringify(rule));
      // Apart from the deliberately undeclared attribute, the plan's declarations accept them too.
      const named = rule.conditionalAmounts.some((c) => c.conditions.some((x) => x.attribute === UNDECLARED));
      expect(calculationRuleSchemaFor(DECLARED).safeParse(stored).success, where).toBe(!named);
    });
  });

  it("holds every property for every beneficiary", () => {
    // Checks collect failures instead of calling expect thousands of times (much faster); any one
    // failure fails the test with the case that broke it.
    const failures: string[] = [];
    const check = (ok: boolean, at: string, what: string) => {
      if (!ok && failures.length < 20) failures.push(`${at}: ${what}`);
    };
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const reached = { capped: 0, atCeiling: 0, suspended: 0, atLimit: 0, nothingDue: 0, carried: 0 };
    forEachCase((rule, where, random) => {
      for (let b = 0; b < BENEFICIARIES; b++) {
        const at = `${where}, beneficiary ${b}`;
        const attributes = randomAttributes(random);
        const carried = randomCarriedOver(random, `r${b}`);
        const result = calculatePayment(rule, attributes, carried);

        check(sum(result.lines) === result.totalPence, at, "the lines sum to the total");
        check(sum(result.lines.filter((l) => l.kind !== "CARRIED_OVER")) === result.periodPence, at, "period lines sum");
        check(Number.isSafeInteger(result.totalPence) && result.totalPence >= 0, at, "whole pence, 0 or more");

        // The counting amounts, after the ceiling, add exactly min(their sum, ceiling): never more.
        const counting = sum(ofKind(result, "CONDITIONAL").filter((l) => l.countsTowardsCeiling));
        const afterCeiling = counting + sum(ofKind(result, "CEILING"));
        const over = rule.ceilingPence !== null && counting > rule.ceilingPence;
        check(afterCeiling === (over ? rule.ceilingPence : counting), at, "the ceiling caps the counting amounts");
        check(ofKind(result, "CEILING").length === (over ? 1 : 0), at, "one ceiling line when the ceiling bites");
        if (over) reached.capped++;
        if (counting > 0 && counting === rule.ceilingPence) reached.atCeiling++;

        // Non-counting amounts are the same with or without a ceiling.
        const uncapped = calculatePayment({ ...rule, ceilingPence: null }, attributes, carried);
        const nonCounting = (r: CalculatedPayment) => ofKind(r, "CONDITIONAL").filter((l) => !l.countsTowardsCeiling);
        check(same(nonCounting(result), nonCounting(uncapped)), at, "the ceiling leaves non-counting amounts alone");

        // Exactly the matching conditional amounts, in the rule's order, at their full amounts.
        const matching = rule.conditionalAmounts.flatMap((c, i) => (allConditionsMatch(c.conditions, attributes) ? [i + 1] : []));
        const conditional = ofKind(result, "CONDITIONAL");
        check(
          same(
            conditional.map((l) => l.position),
            matching,
          ),
          at,
          "a line for each matching conditional amount",
        );
        check(
          conditional.every((l) => l.amountPence === rule.conditionalAmounts[l.position - 1].amountPence),
          at,
          "conditional lines at their full amounts",
        );

        // Carried-over money: every earlier payment on exactly one line, at its amount; nothing else.
        const carriedLines = ofKind(result, "CARRIED_OVER").map((l) => `${l.paymentId}:${l.amountPence}`);
        check(same(carriedLines.sort(), carried.map((c) => `${c.paymentId}:${c.amountPence}`).sort()), at, "carried once");
        check(result.totalPence - result.periodPence === carried.reduce((s, c) => s + c.amountPence, 0), at, "carried sum");

        // The status: nothing due only at zero; suspended only when the period amount is above the limit.
        const status =
          result.totalPence === 0
            ? "NOTHING_DUE"
            : rule.limitPence !== null && result.periodPence > rule.limitPence
              ? "SUSPENDED"
              : "DRAFT";
        check(result.status === status, at, `status ${result.status}, expected ${status}`);
        if (status === "SUSPENDED") reached.suspended++;
        if (status === "NOTHING_DUE") reached.nothingDue++;
        if (result.periodPence > 0 && result.periodPence === rule.limitPence) reached.atLimit++;
        if (carried.length > 0) reached.carried++;

        // The limit never changes an amount.
        check(same(calculatePayment({ ...rule, limitPence: null }, attributes, carried).lines, result.lines), at, "limit");

        // A conditional amount that does not match changes nothing: added last, the result is identical;
        // added first, only the positions of the others move.
        const extra = randomConditionalAmount(random);
        if (!allConditionsMatch(extra.conditions, attributes)) {
          const last = { ...rule, conditionalAmounts: [...rule.conditionalAmounts, extra] };
          check(same(calculatePayment(last, attributes, carried), result), at, "a non-matching amount added last");
          const first = { ...rule, conditionalAmounts: [extra, ...rule.conditionalAmounts] };
          const shifted = result.lines.map((l) => (l.kind === "CONDITIONAL" ? { ...l, position: l.position + 1 } : l));
          check(same(calculatePayment(first, attributes, carried), { ...result, lines: shifted }), at, "added first");
        }
      }
    });
    expect(failures).toEqual([]);
    // The generator reaches the cases the properties are about, boundaries included.
    for (const [name, count] of Object.entries(reached)) expect(count, name).toBeGreaterThan(50);
  });
});
