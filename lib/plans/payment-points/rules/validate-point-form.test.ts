import { describe, expect, it } from "vitest";
import type { AttributeDeclaration } from "@/lib/plans/rules/attributes";
import { applyFilterRowIntent, parsePointForm } from "./parse-point-form";
import { describeFilters, readStoredFilters } from "./point-filters";
import { pointFormFieldOrder, type PointFormValues } from "./point-form-fields";
import { pointFormValues } from "./point-form-values";
import { checkPointForm } from "./validate-point-form";

const ATTRIBUTES: AttributeDeclaration[] = [
  { name: "Household size", type: "NUMBER" },
  { name: "Region", type: "ONE_OF", options: ["North", "South"] },
  { name: "Disabled", type: "YES_NO" },
  { name: "Town", type: "TEXT" },
];
const MANAGER = "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
const options = { attributes: ATTRIBUTES, managerIds: [MANAGER], maxPosition: 3 };

function form(overrides: Partial<PointFormValues> = {}): PointFormValues {
  return {
    name: "  Leeds North  ",
    managerId: MANAGER.toUpperCase(),
    position: "2",
    filters: [
      { attribute: "Region", operator: "=", value: "North" },
      { attribute: "Household size", operator: "in", value: "3, 4,5" },
      { attribute: "Disabled", operator: "!=", value: "yes" },
    ],
    ...overrides,
  };
}

describe("the payment point form", () => {
  it("reads a complete form into the point, filters typed as the plan's attributes", () => {
    expect(checkPointForm(form(), options)).toEqual({
      ok: true,
      point: {
        name: "Leeds North",
        managerId: MANAGER,
        position: 2,
        filters: [
          { attribute: "Region", type: "ONE_OF", operator: "=", value: "North" },
          { attribute: "Household size", type: "NUMBER", operator: "in", value: [3, 4, 5] },
          { attribute: "Disabled", type: "YES_NO", operator: "!=", value: true },
        ],
      },
    });
  });

  it("names every problem at once, each on its field, filters by their number", () => {
    const result = checkPointForm(
      form({
        name: " ",
        managerId: "00000000-0000-4000-8000-000000000000",
        position: "4",
        filters: [
          { attribute: "Region", operator: "=", value: "East" },
          { attribute: "", operator: "", value: "" },
          { attribute: "Town", operator: ">", value: "Leeds" },
          { attribute: "Pets", operator: "=", value: "1" },
          { attribute: "Household size", operator: ">=", value: "three" },
        ],
      }),
      options,
    );
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        name: ["Enter a name for the payment point"],
        managerId: ["Choose a manager from the list: that user cannot be found or cannot sign in"],
        position: ["Choose a position from 1 to 3"],
        "filter-1-value": ["Choose one of the options of Region for filter 1"],
        // Row 2 is wholly blank: no filter, no error; the numbers stay those on the screen.
        "filter-3-operator": ["Choose =, != or in for filter 3: > does not suit a text attribute"],
        // As on the payment plan form: an attribute not declared has no type either.
        "filter-4-attribute": [
          "Choose an attribute the benefit plan declares for filter 4",
          "Choose the type of the attribute for filter 4",
        ],
        "filter-5-value": ["Enter a number for filter 5"],
      },
    });
  });

  it("never speaks of conditional amounts", () => {
    const result = checkPointForm(
      form({
        filters: [
          { attribute: "Household size", operator: "=", value: "" },
          { attribute: "Disabled", operator: "in", value: "yes" },
        ],
      }),
      options,
    );
    expect(result.ok).toBe(false);
    const messages = Object.values(result.ok ? {} : result.fieldErrors).flat();
    expect(messages.length).toBeGreaterThanOrEqual(2);
    for (const message of messages) expect(message).not.toMatch(/conditional amount|condition \d/i);
  });

  it("accepts no filters at all: the point takes everyone an earlier point did not", () => {
    const result = checkPointForm(form({ filters: [{ attribute: "", operator: "", value: " " }] }), options);
    expect(result).toMatchObject({ ok: true, point: { filters: [] } });
    expect(describeFilters([])).toBe("Every beneficiary (no filters)");
  });

  it("comes back from a saved point as the same form, and stored filters read back", () => {
    const checked = checkPointForm(form(), options);
    if (!checked.ok) throw new Error("valid form");
    const again = checkPointForm(pointFormValues(checked.point), options);
    expect(again).toEqual(checked);
    expect(readStoredFilters(JSON.parse(JSON.stringify(checked.point.filters)))).toEqual(checked.point.filters);
    expect(readStoredFilters([])).toEqual([]);
    expect(() => readStoredFilters([{ attribute: "Region" }])).toThrow(/cannot be read/);
    expect(describeFilters(checked.point.filters)).toBe('Region = "North" and Household size in (3, 4, 5) and Disabled != yes');
  });

  it("reads the posted form and its row buttons, clamping the row count", () => {
    const posted = {
      name: "North",
      managerId: MANAGER,
      position: "1",
      filterCount: "2",
      "filter-1-attribute": "Region",
      "filter-1-operator": "=",
      "filter-1-value": "North",
      "filter-2-attribute": "Town",
      intent: "remove-filter:1",
    };
    const { values, intent } = parsePointForm(posted);
    expect(intent).toEqual({ kind: "remove-filter", filter: 1 });
    expect(values.filters).toEqual([
      { attribute: "Region", operator: "=", value: "North" },
      { attribute: "Town", operator: "", value: "" },
    ]);
    expect(applyFilterRowIntent(values, { kind: "remove-filter", filter: 1 }).values.filters).toEqual([
      { attribute: "Town", operator: "", value: "" },
    ]);
    expect(applyFilterRowIntent(values, { kind: "add-filter" })).toMatchObject({ focus: "filter-3-attribute" });
    expect(parsePointForm({ ...posted, filterCount: "500", intent: "drop" })).toMatchObject({ intent: null });
    expect(parsePointForm({ ...posted, filterCount: "500" }).values.filters).toHaveLength(10);
    expect(pointFormFieldOrder(values).slice(0, 4)).toEqual(["name", "managerId", "position", "filter-1-attribute"]);
  });
});
