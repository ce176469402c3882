import { describe, expect, it } from "vitest";
import { attributeDeclarationsSchema, type AttributeDeclaration } from "./attributes";
import { calculationRuleSchema, calculationRuleSchemaFor } from "./calculation-rule";

const declared: AttributeDeclaration[] = [
  { name: "Household size", type: "NUMBER" },
  { name: "Region", type: "TEXT" },
  { name: "Date of birth", type: "DATE" },
  { name: "Disabled", type: "YES_NO" },
  { name: "Tenure", type: "ONE_OF", options: ["Rent", "Own"] },
];

const valid = {
  baseAmountPence: 10_000,
  conditionalAmounts: [
    {
      label: " Large household ",
      conditions: [{ attribute: "Household size", type: "NUMBER", operator: ">=", value: 4 }],
      amountPence: 3_000,
      countsTowardsCeiling: true,
    },
    {
      label: "Northern renters",
      conditions: [
        { attribute: "Region", type: "TEXT", operator: "in", value: [" North ", "North East"] },
        { attribute: "Tenure", type: "ONE_OF", operator: "=", value: "Rent" },
        { attribute: "Date of birth", type: "DATE", operator: "<", value: "1960-01-01" },
        { attribute: "Disabled", type: "YES_NO", operator: "!=", value: false },
      ],
      amountPence: 0,
      countsTowardsCeiling: false,
    },
  ],
  ceilingPence: 4_000,
  limitPence: null,
};

/** path -> message, as a form's error summary shows them. */
function errors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("calculationRuleSchema", () => {
  it("accepts a rule, trims its text and reads a blank ceiling or limit as none", () => {
    const rule = calculationRuleSchemaFor(declared).parse({ ...valid, ceilingPence: "", limitPence: undefined });
    expect(rule.conditionalAmounts[0].label).toBe("Large household");
    expect(rule.conditionalAmounts[1].conditions[0].value).toEqual(["North", "North East"]);
    expect(rule.ceilingPence).toBeNull();
    expect(rule.limitPence).toBeNull();
    expect(calculationRuleSchema.parse({ baseAmountPence: 0 })).toEqual({
      baseAmountPence: 0,
      conditionalAmounts: [],
      ceilingPence: null,
      limitPence: null,
    });
  });

  it("names the field in every message, and reports every problem at once", () => {
    const result = calculationRuleSchema.safeParse({
      baseAmountPence: -1,
      conditionalAmounts: [
        valid.conditionalAmounts[0],
        {
          label: "",
          conditions: [
            { attribute: "Region", type: "TEXT", operator: ">", value: "North" },
            { attribute: "Disabled", type: "YES_NO", operator: "in", value: [true] },
            { attribute: "Household size", type: "NUMBER", operator: "in", value: 4 },
            { attribute: "Date of birth", type: "DATE", operator: "=", value: "2023-02-30" },
            { attribute: "", type: "WHATEVER", operator: "~", value: 1 },
          ],
          amountPence: null,
        },
        { label: "Nothing", conditions: [], amountPence: 1.5, countsTowardsCeiling: true },
      ],
      ceilingPence: 100_000_001,
      limitPence: "£5",
    });
    expect(errors(result)).toEqual({
      baseAmountPence: "The base amount must be £0 or more",
      "conditionalAmounts.1.label": "Enter a name for conditional amount 2",
      "conditionalAmounts.1.conditions.0.operator":
        "Choose =, != or in for condition 1 of conditional amount 2: > does not suit a text attribute",
      "conditionalAmounts.1.conditions.1.operator":
        "Choose = or != for condition 2 of conditional amount 2: in does not suit a yes/no attribute",
      "conditionalAmounts.1.conditions.2.value": "Enter one or more values for condition 3 of conditional amount 2",
      "conditionalAmounts.1.conditions.3.value": "Enter a real date for condition 4 of conditional amount 2, written YYYY-MM-DD",
      "conditionalAmounts.1.conditions.4.attribute": "Choose an attribute for condition 5 of conditional amount 2",
      "conditionalAmounts.1.conditions.4.type": "Choose the type of the attribute for condition 5 of conditional amount 2",
      "conditionalAmounts.1.conditions.4.operator": "Choose an operator for condition 5 of conditional amount 2",
      "conditionalAmounts.1.amountPence": "Enter an amount for conditional amount 2",
      "conditionalAmounts.1.countsTowardsCeiling": "Choose whether conditional amount 2 counts towards the ceiling",
      "conditionalAmounts.2.conditions": "Add a condition to conditional amount 3",
      "conditionalAmounts.2.amountPence": "The amount for conditional amount 3 must be a whole number of pence",
      ceilingPence: "The ceiling must be £1,000,000.00 or less",
      limitPence: "The per-payment limit must be a whole number of pence",
    });
  });

  it("asks for each kind of value in its own words", () => {
    const condition = (c: object) => ({
      baseAmountPence: 0,
      conditionalAmounts: [{ label: "A", conditions: [c], amountPence: 1, countsTowardsCeiling: true }],
    });
    const message = (c: object) => Object.values(errors(calculationRuleSchema.safeParse(condition(c))));
    const where = "condition 1 of conditional amount 1";
    expect(message({ attribute: "a", type: "NUMBER", operator: "=", value: "4" })).toEqual([`Enter a number for ${where}`]);
    expect(message({ attribute: "a", type: "NUMBER", operator: "in", value: [4, "5"] })).toEqual([
      `Enter each value for ${where} as a number`,
    ]);
    expect(message({ attribute: "a", type: "TEXT", operator: "=", value: "  " })).toEqual([
      `Enter a value of up to 200 characters for ${where}`,
    ]);
    expect(message({ attribute: "a", type: "YES_NO", operator: "=", value: "yes" })).toEqual([`Choose yes or no for ${where}`]);
    expect(message({ attribute: "a", type: "DATE", operator: "in", value: ["2024-01-01", "01/02/2024"] })).toEqual([
      `Enter each date for ${where} as a real date, written YYYY-MM-DD`,
    ]);
    expect(message({ attribute: "a", type: "ONE_OF", operator: "in", value: [] })).toEqual([
      `Enter one or more values for ${where}`,
    ]);
  });

  it("checks conditions against the benefit plan's declared attributes", () => {
    const rule = (conditions: object[]) => ({
      baseAmountPence: 0,
      conditionalAmounts: [{ label: "A", conditions, amountPence: 1, countsTowardsCeiling: true }],
    });
    const result = calculationRuleSchemaFor(declared).safeParse(
      rule([
        { attribute: "Pets", type: "NUMBER", operator: "=", value: 1 },
        { attribute: "Region", type: "NUMBER", operator: "=", value: 1 },
        { attribute: "Tenure", type: "ONE_OF", operator: "=", value: "rent" },
        { attribute: "Tenure", type: "ONE_OF", operator: "in", value: ["Own", "Lodger"] },
      ]),
    );
    expect(errors(result)).toEqual({
      "conditionalAmounts.0.conditions.0.attribute":
        "Choose an attribute the benefit plan declares for condition 1 of conditional amount 1",
      "conditionalAmounts.0.conditions.1.type":
        "Condition 2 of conditional amount 1 treats Region as number, but the benefit plan declares it as text",
      "conditionalAmounts.0.conditions.2.value": "Choose one of the options of Tenure for condition 3 of conditional amount 1",
      "conditionalAmounts.0.conditions.3.value": "Choose only options of Tenure for condition 4 of conditional amount 1",
    });
    // Without the declarations (a stored version read back), the same rule is well formed.
    expect(calculationRuleSchema.safeParse(rule([{ attribute: "Pets", type: "NUMBER", operator: "=", value: 1 }])).success).toBe(
      true,
    );
  });

  it("refuses what is not a rule at all", () => {
    expect(errors(calculationRuleSchema.safeParse("rule"))).toEqual({ "": "Enter a calculation rule" });
    expect(errors(calculationRuleSchema.safeParse({ baseAmountPence: 1, conditionalAmounts: {} }))).toEqual({
      conditionalAmounts: "Enter the conditional amounts as a list",
    });
  });
});

describe("attributeDeclarationsSchema", () => {
  it("accepts typed attributes with options for one-of lists, and refuses duplicates and empty lists", () => {
    expect(attributeDeclarationsSchema.parse(declared)).toEqual(declared);
    const result = attributeDeclarationsSchema.safeParse([
      { name: "Region", type: "TEXT" },
      { name: "region", type: "NUMBER" },
      { name: "Tenure", type: "ONE_OF", options: [] },
    ]);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      "Enter at least one option for a one-of list",
      'Attribute "region" is declared twice',
    ]);
  });
});
