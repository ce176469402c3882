import { describe, expect, it } from "vitest";
import { attributeChanges, refusalFor } from "./attribute-changes";

describe("attributeChanges", () => {
  it("finds type changes, removals (renames included) and removed one-of options; additions are no change", () => {
    const changes = attributeChanges(
      [
        { name: "Household size", type: "NUMBER" },
        { name: "Region", type: "TEXT" },
        { name: "Tenure", type: "ONE_OF", options: ["Rent", "Own", "Other"] },
        { name: "Age", type: "NUMBER" },
      ],
      [
        { name: "Household size", type: "TEXT" },
        { name: "Area", type: "TEXT" },
        { name: "Tenure", type: "ONE_OF", options: ["Own", "Shared"] },
        { name: "Age", type: "NUMBER" },
        { name: "Disabled", type: "YES_NO" },
      ],
    );
    expect(changes).toEqual([
      { kind: "TYPE_CHANGED", name: "Household size", from: "NUMBER", to: "TEXT" },
      { kind: "REMOVED", name: "Region" },
      { kind: "OPTION_REMOVED", name: "Tenure", option: "Rent" },
      { kind: "OPTION_REMOVED", name: "Tenure", option: "Other" },
    ]);
  });

  it("refuses only when someone holds a value, and says how many", () => {
    const change = { kind: "TYPE_CHANGED", name: "Household size", from: "NUMBER", to: "TEXT" } as const;
    expect(refusalFor(change, 0)).toBeNull();
    expect(refusalFor(change, 1)).toBe('The type of "Household size" cannot change: 1 beneficiary has a value for it');
    expect(refusalFor({ kind: "OPTION_REMOVED", name: "Tenure", option: "Rent" }, 3)).toBe(
      '"Rent" cannot be removed from "Tenure": 3 beneficiaries have it',
    );
  });
});
