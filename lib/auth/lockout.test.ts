import { describe, expect, it } from "vitest";
import { afterWrongPassword, beforeCheck, MAX_FAILURES } from "./lockout";

const now = new Date("2026-11-22T10:00:00Z");
const minutes = (m: number) => new Date(now.getTime() + m * 60_000);

describe("lockout", () => {
  it("checks the first five attempts of a run and refuses the rest unchecked", () => {
    const verdicts = Array.from({ length: 8 }, (_, i) => beforeCheck({ number: i + 1, lockedUntil: null }, now));
    expect(verdicts).toEqual(["CHECK", "CHECK", "CHECK", "CHECK", "CHECK", "LOCKED", "LOCKED", "LOCKED"]);
  });

  it("locks on the fifth wrong password, for 15 minutes", () => {
    expect(afterWrongPassword({ number: 4, lockedUntil: null }, now)).toEqual({ lockedUntil: null });
    expect(afterWrongPassword({ number: MAX_FAILURES, lockedUntil: null }, now)).toEqual({ lockedUntil: minutes(15) });
  });

  it("refuses while a lock is in force, and checks again once it has passed", () => {
    expect(beforeCheck({ number: 1, lockedUntil: minutes(0.1) }, now)).toBe("LOCKED");
    expect(beforeCheck({ number: 1, lockedUntil: now }, now)).toBe("CHECK");
  });
});
