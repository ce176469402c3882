import { describe, expect, it } from "vitest";
import { mulberry32 } from "./mulberry32";

describe("mulberry32", () => {
  it("repeats for a seed, differs between seeds, and stays in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(mulberry32(43)()).not.toBe(first[0]);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    // The published sequence for seed 42 starts here; a change would reshuffle every demo and test set.
    expect(first[0]).toBeCloseTo(0.6011037519201636, 15);
  });
});
