import { describe, expect, it } from "vitest";
import { afterPassingFailure, MAX_SEND_ATTEMPTS, retryDelayMinutes, staleClaimCutoff } from "./retry-policy";

const now = new Date("2026-11-30T09:00:00.000Z");

describe("retry policy", () => {
  it("waits 1, 5, 25 and 125 minutes after the first four failures", () => {
    expect([1, 2, 3, 4].map(retryDelayMinutes)).toEqual([1, 5, 25, 125]);
    expect(afterPassingFailure(1, now)).toEqual({ kind: "retry", nextAttemptAt: new Date("2026-11-30T09:01:00.000Z") });
    expect(afterPassingFailure(3, now)).toEqual({ kind: "retry", nextAttemptAt: new Date("2026-11-30T09:25:00.000Z") });
  });

  it("gives up after the fifth attempt", () => {
    expect(MAX_SEND_ATTEMPTS).toBe(5);
    expect(afterPassingFailure(4, now).kind).toBe("retry");
    expect(afterPassingFailure(5, now)).toEqual({ kind: "give-up" });
  });

  it("counts a claim as stale after 10 minutes", () => {
    expect(staleClaimCutoff(now)).toEqual(new Date("2026-11-30T08:50:00.000Z"));
  });

  it("refuses a count that is not an attempt", () => {
    expect(() => retryDelayMinutes(0)).toThrow(RangeError);
  });
});
