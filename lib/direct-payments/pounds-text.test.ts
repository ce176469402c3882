import { describe, expect, it } from "vitest";

import { poundsText } from "./pounds-text";

describe("poundsText", () => {
  it.each([
    [0, "0.00"],
    [1, "0.01"],
    [10, "0.10"],
    [500, "5.00"],
    [12399, "123.99"],
    [1234567, "12345.67"],
    [Number.MAX_SAFE_INTEGER, "90071992547409.91"],
  ])("%i pence -> %s", (pence, text) => {
    expect(poundsText(pence)).toBe(text);
  });

  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])("rejects %s", (pence) => {
    expect(() => poundsText(pence)).toThrow(RangeError);
  });
});
