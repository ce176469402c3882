import { describe, expect, it } from "vitest";
import type { CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { heldAttributes, previewBreakdown } from "./preview-breakdown";

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
      label: "Disability",
      conditions: [{ attribute: "Disabled", type: "YES_NO", operator: "=", value: true }],
      amountPence: 2_500,
      countsTowardsCeiling: true,
    },
    {
      label: "Northern fuel",
      conditions: [
        { attribute: "Region", type: "ONE_OF", operator: "=", value: "North" },
        { attribute: "Household size", type: "NUMBER", operator: "<", value: 3 },
      ],
      amountPence: 1_000,
      countsTowardsCeiling: false,
    },
  ],
  ceilingPence: 3_000,
  limitPence: 8_000,
};

describe("previewBreakdown", () => {
  it("shows each part of the sum: matched amounts, the ceiling taking off the excess, the limit exceeded", () => {
    const b = previewBreakdown(rule, { "Household size": 4, Disabled: true, Region: "North" });
    expect(b.basePence).toBe(5_000);
    expect(b.conditionalAmounts.map((a) => [a.label, a.matched])).toEqual([
      ["Large household", true],
      ["Disability", true],
      ["Northern fuel", false],
    ]);
    // Which condition failed, against the value held.
    expect(b.conditionalAmounts[2].conditions).toEqual([
      { text: 'Region = "North"', met: true, held: '"North"' },
      { text: "Household size < 3", met: false, held: "4" },
    ]);
    expect(b.ceiling).toEqual({ ceilingPence: 3_000, countingPence: 4_500, reductionPence: -1_500 });
    // 5,000 + min(2,000 + 2,500, 3,000)
    expect(b.periodPence).toBe(8_000);
    expect(b.limit).toEqual({ limitPence: 8_000, exceeded: false });
    expect(b.status).toBe("DRAFT");
  });

  it("says a payment above the limit would be suspended, and a ceiling not reached takes nothing off", () => {
    const b = previewBreakdown(
      { ...rule, limitPence: 7_999, ceilingPence: 10_000 },
      { "Household size": 2, Region: "North", Disabled: true },
    );
    expect(b.conditionalAmounts.map((a) => a.matched)).toEqual([false, true, true]);
    expect(b.ceiling).toEqual({ ceilingPence: 10_000, countingPence: 2_500, reductionPence: 0 });
    expect(b.periodPence).toBe(8_500);
    expect(b.limit).toEqual({ limitPence: 7_999, exceeded: true });
    expect(b.status).toBe("SUSPENDED");
  });

  it("matches nothing on values not held, and says nothing is due when the rule pays nothing", () => {
    const b = previewBreakdown({ ...rule, baseAmountPence: 0, ceilingPence: null, limitPence: null }, {});
    expect(b.conditionalAmounts.every((a) => !a.matched)).toBe(true);
    expect(b.conditionalAmounts[0].conditions[0].held).toBe("not held");
    expect(b.ceiling).toBeNull();
    expect(b.limit).toBeNull();
    expect(b.status).toBe("NOTHING_DUE");
  });

  it("lists the declared attributes' values in declaration order", () => {
    expect(
      heldAttributes(
        [
          { name: "Disabled", type: "YES_NO" },
          { name: "Household size", type: "NUMBER" },
          { name: "Born", type: "DATE" },
        ],
        { "Household size": 4, Disabled: false, Other: "x" },
      ),
    ).toEqual([
      { name: "Disabled", value: "no" },
      { name: "Household size", value: "4" },
      { name: "Born", value: "not held" },
    ]);
  });
});
