import { describe, expect, it } from "vitest";
import type { CalculationRule, Condition, ConditionalAmount } from "./calculation-rule";
import { calculatePayment, CARRIED_OVER_LINE_LABEL } from "./calculate-payment";
import { conditionMatches, foldTextCase } from "./condition-matches";

const household4: Condition = { attribute: "Household size", type: "NUMBER", operator: ">=", value: 4 };
const disabled: Condition = { attribute: "Disabled", type: "YES_NO", operator: "=", value: true };
const north: Condition = { attribute: "Region", type: "TEXT", operator: "=", value: "North" };

function amount(label: string, amountPence: number, conditions: Condition[], countsTowardsCeiling = true): ConditionalAmount {
  return { label, amountPence, conditions, countsTowardsCeiling };
}

const rule: CalculationRule = {
  baseAmountPence: 10_000,
  conditionalAmounts: [
    amount("Large household", 3_000, [household4]),
    amount("Disability", 2_500, [disabled]),
    amount("Northern fuel", 1_000, [north], false),
  ],
  ceilingPence: 4_000,
  limitPence: 15_000,
};

const sum = (lines: { amountPence: number }[]) => lines.reduce((s, l) => s + l.amountPence, 0);

describe("calculatePayment", () => {
  it("pays the base alone when no conditional amount matches", () => {
    const result = calculatePayment(rule, { "Household size": 2, Disabled: false, Region: "South" }, []);
    expect(result).toEqual({
      totalPence: 10_000,
      periodPence: 10_000,
      status: "DRAFT",
      lines: [{ kind: "BASE", label: "Base amount", amountPence: 10_000 }],
    });
  });

  it("adds each matching conditional amount and caps the counting ones at the ceiling with a line of its own", () => {
    const result = calculatePayment(rule, { "Household size": 5, Disabled: true, Region: "north" }, []);
    expect(result.lines).toEqual([
      { kind: "BASE", label: "Base amount", amountPence: 10_000 },
      { kind: "CONDITIONAL", label: "Large household", amountPence: 3_000, position: 1, countsTowardsCeiling: true },
      { kind: "CONDITIONAL", label: "Disability", amountPence: 2_500, position: 2, countsTowardsCeiling: true },
      { kind: "CONDITIONAL", label: "Northern fuel", amountPence: 1_000, position: 3, countsTowardsCeiling: false },
      {
        kind: "CEILING",
        label: "Ceiling of £40.00 on the conditional amounts that count towards it",
        amountPence: -1_500,
      },
    ]);
    // 10,000 + min(3,000 + 2,500, 4,000) + 1,000: the non-counting amount is never capped.
    expect(result.totalPence).toBe(15_000);
    expect(sum(result.lines)).toBe(15_000);
    // Exactly the limit is not above it.
    expect(result.status).toBe("DRAFT");
  });

  it("adds no ceiling line when the counting amounts reach the ceiling exactly", () => {
    const exact = { ...rule, ceilingPence: 5_500 };
    const result = calculatePayment(exact, { "Household size": 4, Disabled: true }, []);
    expect(result.lines.map((l) => l.kind)).toEqual(["BASE", "CONDITIONAL", "CONDITIONAL"]);
    expect(result.totalPence).toBe(15_500);
  });

  it("suspends a payment whose period amount is one penny above the limit", () => {
    const result = calculatePayment(
      { ...rule, limitPence: 14_999 },
      { "Household size": 5, Disabled: true, Region: "North" },
      [],
    );
    expect(result.status).toBe("SUSPENDED");
    expect(result.totalPence).toBe(15_000);
  });

  it("adds carried-over payments as lines, each once, outside the limit", () => {
    const carried = [
      { paymentId: "p-1", amountPence: 12_000 },
      { paymentId: "p-2", amountPence: 700 },
    ];
    const result = calculatePayment(rule, { "Household size": 5, Disabled: true, Region: "North" }, carried);
    expect(result.lines.slice(-2)).toEqual([
      { kind: "CARRIED_OVER", label: CARRIED_OVER_LINE_LABEL, amountPence: 12_000, paymentId: "p-1" },
      { kind: "CARRIED_OVER", label: CARRIED_OVER_LINE_LABEL, amountPence: 700, paymentId: "p-2" },
    ]);
    expect(result.periodPence).toBe(15_000);
    expect(result.totalPence).toBe(27_700);
    expect(result.status).toBe("DRAFT");
  });

  it("is NOTHING_DUE only when nothing at all is due; carried-over money alone is still paid", () => {
    const nothing: CalculationRule = { ...rule, baseAmountPence: 0 };
    expect(calculatePayment(nothing, {}, []).status).toBe("NOTHING_DUE");
    expect(calculatePayment(nothing, {}, []).totalPence).toBe(0);
    const carriedOnly = calculatePayment(nothing, {}, [{ paymentId: "p-1", amountPence: 50_000 }]);
    expect(carriedOnly).toMatchObject({ totalPence: 50_000, periodPence: 0, status: "DRAFT" });
  });

  it("has no ceiling and no limit when they are null", () => {
    const open: CalculationRule = { ...rule, ceilingPence: null, limitPence: null };
    const result = calculatePayment(open, { "Household size": 9, Disabled: true, Region: "NORTH" }, []);
    expect(result).toMatchObject({ totalPence: 16_500, status: "DRAFT" });
    expect(result.lines.some((l) => l.kind === "CEILING")).toBe(false);
  });

  it("a ceiling of zero cancels every counting amount", () => {
    const result = calculatePayment({ ...rule, ceilingPence: 0 }, { "Household size": 4, Disabled: true }, []);
    expect(result.totalPence).toBe(10_000);
    expect(result.lines.at(-1)).toMatchObject({ kind: "CEILING", amountPence: -5_500 });
  });

  it("refuses carried-over input that would pay money twice or is not whole pence", () => {
    const twice = [
      { paymentId: "p-1", amountPence: 100 },
      { paymentId: "p-1", amountPence: 100 },
    ];
    expect(() => calculatePayment(rule, {}, twice)).toThrow(/given twice/);
    expect(() => calculatePayment(rule, {}, [{ paymentId: "p-1", amountPence: 1.5 }])).toThrow(RangeError);
    expect(() => calculatePayment(rule, {}, [{ paymentId: "p-1", amountPence: -1 }])).toThrow(RangeError);
  });

  it("ANDs a conditional amount's conditions", () => {
    const both = { ...rule, conditionalAmounts: [amount("Both", 700, [household4, disabled], false)] };
    expect(calculatePayment(both, { "Household size": 4, Disabled: true }, []).totalPence).toBe(10_700);
    expect(calculatePayment(both, { "Household size": 4, Disabled: false }, []).totalPence).toBe(10_000);
    expect(calculatePayment(both, { "Household size": 3, Disabled: true }, []).totalPence).toBe(10_000);
  });
});

describe("conditionMatches", () => {
  const c = (type: Condition["type"], operator: Condition["operator"], value: unknown) =>
    ({ attribute: "a", type, operator, value }) as Condition;

  it("never matches a missing value: absent, null or of the wrong type, not even with != or in", () => {
    for (const attributes of [{}, { a: null }, { a: "4" }, { a: [4] }, { a: { x: 4 } }]) {
      expect(conditionMatches(c("NUMBER", "!=", 4), attributes)).toBe(false);
      expect(conditionMatches(c("NUMBER", "in", [4]), attributes)).toBe(false);
    }
    expect(conditionMatches(c("YES_NO", "!=", true), { a: "false" })).toBe(false);
    expect(conditionMatches(c("YES_NO", "!=", true), { a: 0 })).toBe(false);
    expect(conditionMatches(c("TEXT", "!=", "x"), { a: 1 })).toBe(false);
    // An inherited property is not an attribute value.
    expect(conditionMatches({ attribute: "toString", type: "TEXT", operator: "!=", value: "x" }, {})).toBe(false);
  });

  it("compares numbers numerically, decimals and negatives included", () => {
    expect(conditionMatches(c("NUMBER", ">", 2), { a: 2.5 })).toBe(true);
    expect(conditionMatches(c("NUMBER", "<=", -1), { a: -1 })).toBe(true);
    expect(conditionMatches(c("NUMBER", "<", 10), { a: 9 })).toBe(true);
    expect(conditionMatches(c("NUMBER", "in", [1, 2.5]), { a: 2.5 })).toBe(true);
    expect(conditionMatches(c("NUMBER", "=", 0.3), { a: 0.1 + 0.2 })).toBe(false);
  });

  it("compares text ignoring the case of A-Z only, without trimming", () => {
    expect(conditionMatches(c("TEXT", "=", "North"), { a: "NORTH" })).toBe(true);
    expect(conditionMatches(c("TEXT", "in", ["South", "NoRtH"]), { a: "north" })).toBe(true);
    expect(conditionMatches(c("TEXT", "=", "North"), { a: "North " })).toBe(false);
    expect(conditionMatches(c("TEXT", "=", "É"), { a: "é" })).toBe(false);
    expect(conditionMatches(c("TEXT", "!=", "É"), { a: "é" })).toBe(true);
    expect(foldTextCase("StraSSE Ωmega")).toBe("strasse Ωmega");
  });

  it("compares one-of values exactly: they are the declared options", () => {
    expect(conditionMatches(c("ONE_OF", "=", "Rent"), { a: "Rent" })).toBe(true);
    expect(conditionMatches(c("ONE_OF", "=", "Rent"), { a: "rent" })).toBe(false);
    expect(conditionMatches(c("ONE_OF", "in", ["Own", "Rent"]), { a: "Rent" })).toBe(true);
  });

  it("compares dates in calendar order, and a value not written YYYY-MM-DD is missing", () => {
    expect(conditionMatches(c("DATE", "<", "1960-01-01"), { a: "1959-12-31" })).toBe(true);
    expect(conditionMatches(c("DATE", ">=", "2000-01-01"), { a: "2000-01-01" })).toBe(true);
    expect(conditionMatches(c("DATE", "in", ["2000-01-01"]), { a: "2000-01-01" })).toBe(true);
    expect(conditionMatches(c("DATE", "!=", "2000-01-01"), { a: "01/01/2000" })).toBe(false);
    expect(conditionMatches(c("DATE", "<", "2000-01-01"), { a: "1999-1-1" })).toBe(false);
  });

  it("compares yes/no values as booleans", () => {
    expect(conditionMatches(c("YES_NO", "=", false), { a: false })).toBe(true);
    expect(conditionMatches(c("YES_NO", "!=", false), { a: true })).toBe(true);
    expect(conditionMatches(c("YES_NO", "=", true), { a: "yes" })).toBe(false);
  });
});
