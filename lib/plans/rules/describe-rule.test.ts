import { describe, expect, it } from "vitest";
import type { CalculationRule } from "./calculation-rule";
import { describeCondition, describeRule, describeRuleParts } from "./describe-rule";

const rule: CalculationRule = {
  baseAmountPence: 5_000,
  conditionalAmounts: [
    {
      label: "Large household",
      conditions: [{ attribute: "Household size", type: "NUMBER", operator: ">=", value: 3 }],
      amountPence: 2_000,
      countsTowardsCeiling: true,
    },
    {
      label: "Northern fuel",
      conditions: [
        { attribute: "Region", type: "ONE_OF", operator: "in", value: ["North", "North East"] },
        { attribute: "Disabled", type: "YES_NO", operator: "=", value: true },
      ],
      amountPence: 1_050,
      countsTowardsCeiling: false,
    },
  ],
  ceilingPence: 3_000,
  limitPence: 10_000,
};

describe("describeRule", () => {
  it("says what the rule pays, part by part, in one line", () => {
    expect(describeRule(rule)).toBe(
      "£50.00 base; " +
        "+£20.00 when Household size >= 3 (Large household; counts towards ceiling); " +
        '+£10.50 when Region in ("North", "North East") and Disabled = yes (Northern fuel; outside the ceiling); ' +
        "ceiling £30.00 on the amounts that count towards it; " +
        "a payment above £100.00 is suspended for an accountant",
    );
  });

  it("says when there is no ceiling and no limit, and a flat rule is its base alone", () => {
    expect(describeRuleParts({ baseAmountPence: 0, conditionalAmounts: [], ceilingPence: null, limitPence: null })).toEqual([
      "£0.00 base",
      "no ceiling",
      "no per-payment limit",
    ]);
  });

  it("writes each type's values as people read them", () => {
    expect(describeCondition({ attribute: "Born", type: "DATE", operator: "<", value: "1960-01-01" })).toBe(
      "Born < 1 January 1960",
    );
    expect(describeCondition({ attribute: "Born", type: "DATE", operator: "in", value: ["1960-01-01", "1961-02-28"] })).toBe(
      "Born in (1 January 1960, 28 February 1961)",
    );
    expect(describeCondition({ attribute: "Town", type: "TEXT", operator: "!=", value: "Leeds" })).toBe('Town != "Leeds"');
    expect(describeCondition({ attribute: "Score", type: "NUMBER", operator: "in", value: [1, 2.5, -3] })).toBe(
      "Score in (1, 2.5, -3)",
    );
    expect(describeCondition({ attribute: "Carer", type: "YES_NO", operator: "!=", value: false })).toBe("Carer != no");
  });
});
