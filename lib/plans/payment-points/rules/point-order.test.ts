import { describe, expect, it } from "vitest";
import { placePoint, positionChoices } from "./point-order";

describe("a point's place in the order", () => {
  it("puts the point at the position and moves the rest down, with no gaps", () => {
    expect(placePoint(["a", "b", "c"], "new", 1)).toEqual(["new", "a", "b", "c"]);
    expect(placePoint(["a", "b", "c"], "new", 4)).toEqual(["a", "b", "c", "new"]);
    expect(placePoint(["a", "b", "c"], "c", 1)).toEqual(["c", "a", "b"]);
    expect(placePoint(["a", "b", "c"], "a", 3)).toEqual(["b", "c", "a"]);
    expect(placePoint(["a", "b", "c"], "b", 2)).toEqual(["a", "b", "c"]);
  });

  it("clamps a position beyond either end", () => {
    expect(placePoint(["a", "b"], "c", 99)).toEqual(["a", "b", "c"]);
    expect(placePoint(["a", "b"], "c", 0)).toEqual(["c", "a", "b"]);
  });

  it("offers each position with the point it follows", () => {
    expect(positionChoices([{ name: "North" }, { name: "South" }])).toEqual([
      { value: "1", label: "1 (first, before North)" },
      { value: "2", label: "2 (after North)" },
      { value: "3", label: "3 (after South)" },
    ]);
    expect(positionChoices([])).toEqual([{ value: "1", label: "1 (the only point)" }]);
  });
});
