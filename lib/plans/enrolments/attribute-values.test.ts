import { describe, expect, it } from "vitest";
import type { AttributeDeclaration } from "../rules/attributes";
import { attributeFormValues, describeAttributeValue, parseAttributeValues, typedAttributeValue } from "./attribute-values";

const declared: AttributeDeclaration[] = [
  { name: "Household size", type: "NUMBER" },
  { name: "Region", type: "TEXT" },
  { name: "Date moved in", type: "DATE" },
  { name: "Disabled", type: "YES_NO" },
  { name: "Tenure", type: "ONE_OF", options: ["Rent", "Own"] },
];
const reader = (fields: Record<string, string>) => (name: string) => fields[name];

describe("parseAttributeValues", () => {
  it("types each value as declared, trimming text", () => {
    const parsed = parseAttributeValues(
      declared,
      reader({
        "attr-1": " 4 ",
        "attr-2": "  North East ",
        "attr-3-day": "1",
        "attr-3-month": "4",
        "attr-3-year": "2027",
        "attr-4": "no",
        "attr-5": "Rent",
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      values: { "Household size": 4, Region: "North East", "Date moved in": "2027-04-01", Disabled: false, Tenure: "Rent" },
    });
  });

  it("stores nothing for a blank input: a missing value never matches a condition", () => {
    expect(parseAttributeValues(declared, reader({ "attr-1": "  ", "attr-4": "" }))).toEqual({ ok: true, values: {} });
  });

  it("keeps decimals and negatives as numbers", () => {
    expect(parseAttributeValues([declared[0]], reader({ "attr-1": "-2.5" }))).toEqual({
      ok: true,
      values: { "Household size": -2.5 },
    });
  });

  it("reports every bad value on its own input, a date on its day box", () => {
    const parsed = parseAttributeValues(
      declared,
      reader({
        "attr-1": "four",
        "attr-2": "x".repeat(201),
        "attr-3-day": "30",
        "attr-3-month": "2",
        "attr-3-year": "2027",
        "attr-4": "maybe",
        "attr-5": "rent",
      }),
    );
    expect(parsed).toEqual({
      ok: false,
      fieldErrors: {
        "attr-1": ["Household size must be a number, like 3 or 2.5"],
        "attr-2": ["Region must be 200 characters or fewer"],
        "attr-3-day": ["Date moved in must be a real date, like 1 4 2027"],
        "attr-4": ["Choose yes or no for Disabled"],
        "attr-5": ["Choose one of the options for Tenure"],
      },
    });
  });

  it("refuses a date with a box left empty", () => {
    const parsed = parseAttributeValues([declared[2]], reader({ "attr-1-day": "1", "attr-1-year": "2027" }));
    expect(parsed.ok).toBe(false);
  });
});

describe("attributeFormValues and describeAttributeValue", () => {
  const values = { "Household size": 4, Region: "North", "Date moved in": "2027-04-01", Disabled: true, Tenure: "Own" };

  it("draws stored values back into the inputs they came from", () => {
    const form = attributeFormValues(declared, values);
    expect(form).toEqual({
      "attr-1": "4",
      "attr-2": "North",
      "attr-3-day": "1",
      "attr-3-month": "4",
      "attr-3-year": "2027",
      "attr-4": "yes",
      "attr-5": "Own",
    });
    expect(parseAttributeValues(declared, (name) => form[name])).toEqual({ ok: true, values });
  });

  it("words values for people", () => {
    expect(declared.map((d) => describeAttributeValue(d, values[d.name as keyof typeof values]))).toEqual([
      "4",
      "North",
      "1 April 2027",
      "Yes",
      "Own",
    ]);
    expect(describeAttributeValue(declared[0], undefined)).toBe("Not given");
  });
});

describe("typedAttributeValue", () => {
  it("matches yes/no and options exactly, or ignoring case for a file, storing the option as declared", () => {
    const [, , moved, disabled, tenure] = declared;
    expect(typedAttributeValue(tenure, "rent")).toEqual({ problem: "ONE_OF" });
    expect(typedAttributeValue(tenure, " RENT ", { ignoreCase: true })).toBe("Rent");
    expect(typedAttributeValue(disabled, "Yes")).toEqual({ problem: "YES_NO" });
    expect(typedAttributeValue(disabled, "Yes", { ignoreCase: true })).toBe(true);
    expect(typedAttributeValue(moved, "2027-02-30")).toEqual({ problem: "DATE" });
    expect(typedAttributeValue(moved, "2027-02-28")).toBe("2027-02-28");
    expect(typedAttributeValue(tenure, "   ")).toBeUndefined();
  });
});
