import { describe, expect, it } from "vitest";
import type { Condition } from "@/lib/plans/rules/calculation-rule";
import { matchingPoints, overlappingPoints, pointFor } from "./which-point";

const north: Condition = { attribute: "Region", type: "TEXT", operator: "=", value: "North" };
const large: Condition = { attribute: "Household size", type: "NUMBER", operator: ">=", value: 3 };

// Listed out of order on purpose: position decides, never the order given.
const points = [
  { id: "large", position: 2, filters: [large] },
  { id: "everyone", position: 3, filters: [] },
  { id: "north-large", position: 1, filters: [north, large] },
];

describe("which point a beneficiary belongs to", () => {
  it("takes the first point by position whose filters all hold", () => {
    expect(pointFor(points, { Region: "north", "Household size": 4 })?.id).toBe("north-large");
    expect(pointFor(points, { Region: "South", "Household size": 4 })?.id).toBe("large");
    expect(pointFor(points, { Region: "North", "Household size": 2 })?.id).toBe("everyone");
  });

  it("gives no point when none matches, and a missing value matches no filter", () => {
    const withoutCatchAll = points.filter((p) => p.id !== "everyone");
    expect(pointFor(withoutCatchAll, { Region: "North" })).toBeNull();
    expect(pointFor(withoutCatchAll, { Region: "North", "Household size": "4" })).toBeNull();
    expect(pointFor([], { Region: "North" })).toBeNull();
  });

  it("lists every matching point in position order, and calls two or more an overlap", () => {
    expect(matchingPoints(points, { Region: "NORTH", "Household size": 3 }).map((p) => p.id)).toEqual([
      "north-large",
      "large",
      "everyone",
    ]);
    expect(overlappingPoints(points, { "Household size": 5 }).map((p) => p.id)).toEqual(["large", "everyone"]);
    expect(overlappingPoints(points, { "Household size": 1 })).toEqual([]);
  });
});
