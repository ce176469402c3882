import { describe, expect, it } from "vitest";
import { afterFailure, isLocked, type ThrottleState } from "./lockout";

const now = new Date("2026-11-22T10:00:00Z");
const minutes = (m: number) => new Date(now.getTime() + m * 60_000);

describe("lockout", () => {
  it("locks on the fifth failure in a row, for 15 minutes", () => {
    let state: ThrottleState | null = null;
    for (let i = 1; i <= 4; i++) {
      const next = afterFailure(state, now);
      expect(next.lockedNow).toBe(false);
      state = next;
    }
    const fifth = afterFailure(state, now);
    expect(fifth.lockedNow).toBe(true);
    expect(fifth.lockedUntil).toEqual(minutes(15));
    expect(isLocked(fifth, minutes(14.9))).toBe(true);
    expect(isLocked(fifth, minutes(15))).toBe(false);
  });

  it("starts a fresh count once a lock has expired", () => {
    const expired = { failures: 5, lockedUntil: minutes(-1) };
    expect(afterFailure(expired, now)).toEqual({ failures: 1, lockedUntil: null, lockedNow: false });
  });
});
