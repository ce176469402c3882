// The payment plan form from post to plan: reading the posted fields, the row buttons, the checks
// and their messages keyed by the field to link to, and the way back from a saved plan.
import { describe, expect, it } from "vitest";
import type { AttributeDeclaration } from "@/lib/plans/rules/attributes";
import type { CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { parsePlanForm } from "./parse-plan-form";
import { emptyPlanForm, planFormFieldOrder, type PlanFormValues } from "./plan-form-fields";
import { applyRowIntent } from "./plan-form-rows";
import { planFormValues } from "./plan-form-values";
import { checkPlanForm } from "./validate-plan-form";

const attributes: AttributeDeclaration[] = [
  { name: "Household size", type: "NUMBER" },
  { name: "Region", type: "ONE_OF", options: ["North", "South", "East"] },
  { name: "Disabled", type: "YES_NO" },
  { name: "Born", type: "DATE" },
  { name: "Town", type: "TEXT" },
];

function form(overrides: Partial<PlanFormValues> = {}): PlanFormValues {
  return {
    ...emptyPlanForm(),
    code: "chb-monthly",
    name: " Child benefit, monthly ",
    periodicityMonths: "1",
    validFrom: { day: "1", month: "1", year: "2027" },
    validTo: { day: "31", month: "12", year: "2027" },
    carryOverUnpaid: "yes",
    baseAmount: "50",
    ceiling: "30.00",
    limit: "£1,000",
    amounts: [
      {
        label: "Large household",
        amount: "20",
        counts: "yes",
        conditions: [{ attribute: "Household size", operator: ">=", value: "3" }],
      },
      {
        label: "Northern and disabled",
        amount: "15.5",
        counts: "no",
        conditions: [
          { attribute: "Region", operator: "in", value: "North, East" },
          { attribute: "Disabled", operator: "=", value: "Yes" },
        ],
      },
    ],
    ...overrides,
  };
}

const expectedRule: CalculationRule = {
  baseAmountPence: 5_000,
  conditionalAmounts: [
    {
      label: "Large household",
      conditions: [{ attribute: "Household size", type: "NUMBER", operator: ">=", value: 3 }],
      amountPence: 2_000,
      countsTowardsCeiling: true,
    },
    {
      label: "Northern and disabled",
      conditions: [
        { attribute: "Region", type: "ONE_OF", operator: "in", value: ["North", "East"] },
        { attribute: "Disabled", type: "YES_NO", operator: "=", value: true },
      ],
      amountPence: 1_550,
      countsTowardsCeiling: false,
    },
  ],
  ceilingPence: 3_000,
  limitPence: 100_000,
};

describe("checkPlanForm", () => {
  it("turns the typed form into the plan and its rule: pounds to pence, types from the benefit plan's attributes", () => {
    expect(checkPlanForm(form(), { attributes, creating: true })).toEqual({
      ok: true,
      code: "CHB-MONTHLY",
      details: {
        name: "Child benefit, monthly",
        periodicityMonths: 1,
        validFrom: "2027-01-01",
        validTo: "2027-12-31",
        carryOverUnpaid: true,
        letterTemplateCode: null,
      },
      rule: expectedRule,
    });
  });

  it("reports every problem at once, each keyed by the field its message links to", () => {
    const result = checkPlanForm(
      form({
        code: "CHB MONTHLY",
        name: "",
        periodicityMonths: "13",
        validFrom: { day: "2", month: "1", year: "2027" },
        validTo: { day: "30", month: "2", year: "2027" },
        carryOverUnpaid: "",
        letterTemplateCode: "NOMS 1086",
        baseAmount: "fifty",
        ceiling: "",
        limit: "-5",
        amounts: [
          {
            label: "",
            amount: "",
            counts: "",
            conditions: [
              { attribute: "Town", operator: ">", value: "Leeds" },
              { attribute: "Household size", operator: "=", value: "three" },
            ],
          },
          {
            label: "Region",
            amount: "1000000.01",
            counts: "no",
            conditions: [
              { attribute: "Region", operator: "=", value: "West" },
              { attribute: "Shoe size", operator: "=", value: "9" },
              { attribute: "", operator: "", value: "" },
            ],
          },
        ],
      }),
      { attributes, creating: true },
    );
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        code: ["The code can only have letters, digits and hyphens"],
        name: ["Enter a name for the payment plan"],
        periodicityMonths: ["Choose a period of 1 to 12 whole months"],
        "validFrom-day": ["The plan must be valid from the first day of a month: its periods are whole months"],
        "validTo-day": ["The date the plan is valid to must be a real date"],
        carryOverUnpaid: ["Choose whether unpaid amounts are carried into the next cycle"],
        letterTemplateCode: ["The letter template code can only have letters, digits and hyphens, up to 40 characters"],
        baseAmount: ["The base amount must be in pounds and pence, like 12.50"],
        "amount-1-label": ["Enter a name for conditional amount 1"],
        "amount-1-condition-1-operator": [
          "Choose =, != or in for condition 1 of conditional amount 1: > does not suit a text attribute",
        ],
        "amount-1-condition-2-value": ["Enter a number for condition 2 of conditional amount 1"],
        "amount-1-amount": ["Enter an amount for conditional amount 1"],
        "amount-1-counts": ["Choose whether conditional amount 1 counts towards the ceiling"],
        "amount-2-condition-1-value": ["Choose one of the options of Region for condition 1 of conditional amount 2"],
        "amount-2-condition-2-attribute": [
          "Choose an attribute the benefit plan declares for condition 2 of conditional amount 2",
          "Choose the type of the attribute for condition 2 of conditional amount 2",
        ],
        "amount-2-condition-3-attribute": [
          "Choose an attribute for condition 3 of conditional amount 2",
          "Choose the type of the attribute for condition 3 of conditional amount 2",
        ],
        "amount-2-condition-3-operator": ["Choose an operator for condition 3 of conditional amount 2"],
        "amount-2-amount": ["The amount for conditional amount 2 must be £1,000,000.00 or less"],
        limit: ["The per-payment limit must be in pounds and pence, like 12.50"],
      },
    });
  });

  it("asks for the required fields of an empty form, and leaves a change's code alone", () => {
    const result = checkPlanForm(emptyPlanForm(), { attributes, creating: false });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors).toEqual({
      name: ["Enter a name for the payment plan"],
      periodicityMonths: ["Choose how often the plan pays"],
      "validFrom-day": ["Enter the date the plan is valid from"],
      carryOverUnpaid: ["Choose whether unpaid amounts are carried into the next cycle"],
      baseAmount: ["Enter a base amount"],
    });
  });

  it("refuses a plan valid to the last day of a month before it starts", () => {
    const result = checkPlanForm(form({ validTo: { day: "31", month: "12", year: "2026" } }), { attributes, creating: true });
    expect(!result.ok && result.fieldErrors).toEqual({
      "validTo-day": ["The date the plan is valid to must be after the date it is valid from"],
    });
  });

  it("lists every field of every row in the form's order, for the error summary", () => {
    expect(planFormFieldOrder(form(), { creating: false }).slice(7, 16)).toEqual([
      "amount-1-label",
      "amount-1-amount",
      "amount-1-counts",
      "amount-1-condition-1-attribute",
      "amount-1-condition-1-operator",
      "amount-1-condition-1-value",
      "amount-1-addCondition",
      "amount-2-label",
      "amount-2-amount",
    ]);
  });
});

describe("the posted form", () => {
  it("reads the rows the hidden counts announce, and the button pressed", () => {
    const { values, intent } = parsePlanForm({
      intent: "remove-condition:2:1",
      code: "A",
      amountCount: "2",
      "amount-1-label": "One",
      "amount-1-conditionCount": "1",
      "amount-1-condition-1-attribute": "Town",
      "amount-2-conditionCount": "2",
      "amount-2-condition-2-value": "x",
      "validFrom-day": "1",
    });
    expect(intent).toEqual({ kind: "remove-condition", amount: 2, condition: 1 });
    expect(values.code).toBe("A");
    expect(values.validFrom).toEqual({ day: "1", month: "", year: "" });
    expect(values.amounts.map((a) => a.conditions.length)).toEqual([1, 2]);
    expect(values.amounts[1].conditions[1]).toEqual({ attribute: "", operator: "", value: "x" });
  });

  it("never reads more rows than a rule may have, whatever the counts say", () => {
    const { values, intent } = parsePlanForm({ amountCount: "999", "amount-1-conditionCount": "50", intent: "drop tables" });
    expect(values.amounts).toHaveLength(20);
    expect(values.amounts[0].conditions).toHaveLength(10);
    expect(intent).toBeNull();
  });

  it("adds and removes rows, saying where focus goes", () => {
    const start = form();
    const added = applyRowIntent(start, { kind: "add-amount" });
    expect(added.values.amounts).toHaveLength(3);
    expect(added.values.amounts[2]).toEqual({
      label: "",
      amount: "",
      counts: "",
      conditions: [{ attribute: "", operator: "", value: "" }],
    });
    expect(added.focus).toBe("amount-3-label");

    const condition = applyRowIntent(start, { kind: "add-condition", amount: 2 });
    expect(condition.values.amounts[1].conditions).toHaveLength(3);
    expect(condition.focus).toBe("amount-2-condition-3-attribute");

    const removed = applyRowIntent(start, { kind: "remove-amount", amount: 1 });
    expect(removed.values.amounts.map((a) => a.label)).toEqual(["Northern and disabled"]);
    expect(removed.focus).toBe("conditional-amounts");

    const one = applyRowIntent(start, { kind: "remove-condition", amount: 2, condition: 1 });
    expect(one.values.amounts[1].conditions).toEqual([{ attribute: "Disabled", operator: "=", value: "Yes" }]);

    // A button for a row that is not there changes nothing.
    expect(applyRowIntent(start, { kind: "remove-amount", amount: 9 }).values).toBe(start);
  });
});

describe("planFormValues", () => {
  it("gives back the saved plan as the form's text, which checks out to the same plan and rule", () => {
    const details = {
      name: "Child benefit, monthly",
      periodicityMonths: 3,
      validFrom: "2027-04-01",
      validTo: null,
      carryOverUnpaid: false,
      letterTemplateCode: "NOMS1086-LET-009",
    };
    const rule: CalculationRule = {
      ...expectedRule,
      conditionalAmounts: [
        ...expectedRule.conditionalAmounts,
        {
          label: "Older",
          conditions: [
            { attribute: "Born", type: "DATE", operator: "<", value: "1960-01-01" },
            { attribute: "Town", type: "TEXT", operator: "in", value: ["Leeds", "York"] },
            { attribute: "Household size", type: "NUMBER", operator: "in", value: [1, 2.5] },
            { attribute: "Disabled", type: "YES_NO", operator: "!=", value: false },
          ],
          amountPence: 1,
          countsTowardsCeiling: true,
        },
      ],
      ceilingPence: null,
    };
    const values = planFormValues({ code: "CHB-Q", ...details }, rule);
    expect(values.validFrom).toEqual({ day: "1", month: "4", year: "2027" });
    expect(values.baseAmount).toBe("50.00");
    expect(values.ceiling).toBe("");
    expect(values.amounts[2].conditions[1].value).toBe("Leeds, York");
    expect(checkPlanForm(values, { attributes, creating: true })).toEqual({ ok: true, code: "CHB-Q", details, rule });
  });
});
