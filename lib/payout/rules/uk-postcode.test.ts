import { describe, expect, it } from "vitest";

import { normaliseUkPostcode } from "./uk-postcode";

describe("normaliseUkPostcode", () => {
  it.each<[string, string, string[]]>([
    ["SW1A 1AA", "SW1A 1AA", []],
    ["LS1 1AA", "LS1 1AA", []],
    ["M1 1AE", "M1 1AE", []],
    ["B33 8TH", "B33 8TH", []],
    ["CR2 6XH", "CR2 6XH", []],
    ["DN55 1PT", "DN55 1PT", []],
    ["W1A 0AX", "W1A 0AX", []],
    ["EC1A 1BB", "EC1A 1BB", []],
    ["GIR 0AA", "GIR 0AA", []],
    ["sw1a1aa", "SW1A 1AA", ["upper-cased", "set one space before the last three characters"]],
    ["sw1a 1aa", "SW1A 1AA", ["upper-cased"]],
    ["SW1A1AA", "SW1A 1AA", ["set one space before the last three characters"]],
    ["  LS1   1AA ", "LS1 1AA", ["set one space before the last three characters"]],
    ["ls1\u00a01aa", "LS1 1AA", ["upper-cased", "set one space before the last three characters"]],
  ])("%j -> %j", (raw, value, changes) => {
    expect(normaliseUkPostcode(raw)).toEqual({ ok: true, value, changes });
  });

  it.each(["12345", "SW1A", "1AA", "SW1A 1A", "SW1A-1AA", "QQ", "AAA1 1AA", "A1 1A1", "ÀB1 1AA", "BFPO 1234"])(
    "refuses %j",
    (raw) => {
      expect(normaliseUkPostcode(raw)).toEqual({
        ok: false,
        problem: `postcode ${JSON.stringify(raw)} is not a UK postcode (like SW1A 1AA)`,
      });
    },
  );

  it("says so when the postcode is empty", () => {
    expect(normaliseUkPostcode("  ")).toEqual({ ok: false, problem: "postcode is empty" });
  });
});
