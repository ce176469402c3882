import { describe, expect, it } from "vitest";

import { utcFileTimestamp } from "./file-timestamp";

describe("utcFileTimestamp", () => {
  it("uses UTC, not London time, across the clock change", () => {
    expect(utcFileTimestamp(new Date("2021-07-07T23:30:05.999Z"))).toBe("20210707_233005");
    expect(utcFileTimestamp(new Date("2024-01-02T03:04:05Z"))).toBe("20240102_030405");
  });

  it("rejects an invalid date", () => {
    expect(() => utcFileTimestamp(new Date("nope"))).toThrow(RangeError);
  });
});
