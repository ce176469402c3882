import { describe, expect, it } from "vitest";
import { benefitPlanFormFields, benefitPlanFormValues, parseBenefitPlanForm } from "./benefit-plan-form";

const reader = (fields: Record<string, string>) => (name: string) => fields[name];

describe("parseBenefitPlanForm", () => {
  it("reads the plan, upper-cases the code and skips blank attribute rows", () => {
    const parsed = parseBenefitPlanForm(
      reader({
        code: " winter-fuel ",
        name: " Winter fuel ",
        description: "",
        "attribute-1-name": "Household size",
        "attribute-1-type": "NUMBER",
        "attribute-3-name": "Tenure",
        "attribute-3-type": "ONE_OF",
        "attribute-3-options": "Rent\r\n Own \n\n",
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      plan: {
        code: "WINTER-FUEL",
        name: "Winter fuel",
        description: null,
        attributes: [
          { name: "Household size", type: "NUMBER" },
          { name: "Tenure", type: "ONE_OF", options: ["Rent", "Own"] },
        ],
      },
    });
  });

  it("reports each problem on the row's own input", () => {
    const parsed = parseBenefitPlanForm(
      reader({
        code: "no spaces",
        name: "",
        "attribute-1-name": "Region",
        "attribute-1-type": "TEXT",
        "attribute-2-name": "region",
        "attribute-2-type": "TEXT",
        "attribute-3-name": "Tenure",
        "attribute-3-type": "ONE_OF",
        "attribute-4-name": "Size",
        "attribute-4-type": "",
        "attribute-5-name": "Age",
        "attribute-5-type": "NUMBER",
        "attribute-5-options": "Young",
      }),
    );
    expect(parsed).toEqual({
      ok: false,
      fieldErrors: {
        code: ["The code may only contain letters, numbers and hyphens, like WINTER-FUEL"],
        name: ["Enter a name"],
        "attribute-2-name": ['Attribute "region" is declared twice'],
        "attribute-3-options": ["Enter at least one option for a one-of list"],
        "attribute-4-type": ["Choose a type for the attribute"],
        "attribute-5-options": ["Only a one-of list has options: clear them, or choose one-of list"],
      },
    });
    for (const field of Object.keys(parsed.ok ? {} : parsed.fieldErrors)) expect(benefitPlanFormFields(5)).toContain(field);
  });

  it("round-trips through the edit form's values", () => {
    const plan = {
      code: "WF",
      name: "Winter fuel",
      description: "For the winter",
      attributes: [
        { name: "Disabled", type: "YES_NO" as const },
        { name: "Tenure", type: "ONE_OF" as const, options: ["Rent", "Own"] },
      ],
    };
    expect(parseBenefitPlanForm(reader(benefitPlanFormValues(plan)))).toEqual({ ok: true, plan });
  });
});
