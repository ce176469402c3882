import { describe, expect, it } from "vitest";

import { shownValue } from "./shown-value";

describe("shownValue", () => {
  it("quotes a value", () => {
    expect(shownValue('say "hi"')).toBe('"say \\"hi\\""');
  });

  it("cuts a value longer than 40 characters, counting an emoji as one", () => {
    expect(shownValue("x".repeat(40))).toBe(`"${"x".repeat(40)}"`);
    expect(shownValue("😀".repeat(41))).toBe(`"${"😀".repeat(40)}…"`);
  });
});
