import { describe, expect, it } from "vitest";

import { SORT_CODE_SUBSTITUTIONS } from "./substitution-table";
import { findWeightRows, substituteSortCode } from "./tables";
import { VALACDOS_ROWS, VALACDOS_VERSION } from "./weight-table";

// Guards against the data being truncated or mangled when the table is
// replaced: these figures come from the published v8.50 files.
describe("VALACDOS data", () => {
  it("has every published row", () => {
    expect(VALACDOS_VERSION).toBe("8.50");
    expect(VALACDOS_ROWS.trim().split("\n")).toHaveLength(1151);
  });

  it("pairs the two checks of a range in published order", () => {
    expect(findWeightRows("309070").map((r) => r.exception)).toEqual([2, 9]);
    expect(findWeightRows("871427").map((r) => r.exception)).toEqual([10, 11]);
    expect(findWeightRows("074456").map((r) => [r.method, r.exception])).toEqual([
      ["MOD11", 12],
      ["MOD10", 13],
    ]);
    expect(findWeightRows("938600").map((r) => [r.method, r.exception])).toEqual([
      ["MOD11", 5],
      ["DBLAL", 5],
    ]);
  });

  it("parses weights, including negative ones", () => {
    const [row] = findWeightRows("070116");
    expect(row.weights).toEqual([0, 0, 7, 6, 5, 8, 9, 4, 5, 6, 7, 8, 9, -1]);
    expect(findWeightRows("180002")).toEqual([
      { start: 180002, end: 180002, method: "MOD11", weights: [0, 0, 0, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1], exception: 14 },
    ]);
  });
});

describe("SCSUBTAB data", () => {
  it("has the 21 published substitutions", () => {
    expect(Object.keys(SORT_CODE_SUBSTITUTIONS)).toHaveLength(21);
    expect(substituteSortCode("938600")).toBe("938611");
    expect(substituteSortCode("938654")).toBe("938621");
    expect(substituteSortCode("938611")).toBe("938611");
    expect(substituteSortCode("toString")).toBe("toString");
  });
});
