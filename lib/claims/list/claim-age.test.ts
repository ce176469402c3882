import { describe, expect, it } from "vitest";
import { claimAge, claimAgeWorkingDays, describeAge } from "./claim-age";

// Easter 2026: Good Friday 3 April and Easter Monday 6 April are bank holidays in England and Wales.
const HOLIDAYS = new Set(["2026-04-03", "2026-04-06", "2026-12-25", "2026-12-28"]);
const at = (iso: string) => new Date(iso);

describe("claimAgeWorkingDays", () => {
  it("is 0 on the day received and counts each working day after it", () => {
    expect(claimAgeWorkingDays(at("2026-11-23T09:00:00Z"), at("2026-11-23T17:00:00Z"), HOLIDAYS)).toBe(0);
    expect(claimAgeWorkingDays(at("2026-11-23T09:00:00Z"), at("2026-11-24T08:00:00Z"), HOLIDAYS)).toBe(1);
    expect(claimAgeWorkingDays(at("2026-11-23T09:00:00Z"), at("2026-11-27T08:00:00Z"), HOLIDAYS)).toBe(4);
  });

  it("skips weekends and bank holidays", () => {
    // Friday to Monday: one working day.
    expect(claimAgeWorkingDays(at("2026-11-27T12:00:00Z"), at("2026-11-30T12:00:00Z"), HOLIDAYS)).toBe(1);
    // Thursday 2 April to Tuesday 7 April over Easter: only Tuesday counts.
    expect(claimAgeWorkingDays(at("2026-04-02T10:00:00Z"), at("2026-04-07T10:00:00Z"), HOLIDAYS)).toBe(1);
    // Received on a Saturday: Monday is the first working day after it.
    expect(claimAgeWorkingDays(at("2026-11-28T10:00:00Z"), at("2026-11-30T10:00:00Z"), HOLIDAYS)).toBe(1);
    expect(claimAgeWorkingDays(at("2026-11-28T10:00:00Z"), at("2026-11-29T10:00:00Z"), HOLIDAYS)).toBe(0);
  });

  it("counts London days: 23:30 UTC in summer is already the next day", () => {
    // Received Monday 8 June 2026 at 00:30 BST (23:30 UTC on Sunday 7 June).
    expect(claimAgeWorkingDays(at("2026-06-07T23:30:00Z"), at("2026-06-09T10:00:00Z"), HOLIDAYS)).toBe(1);
  });

  it("is never negative (a clock behind the database's)", () => {
    expect(claimAgeWorkingDays(at("2026-11-24T09:00:00Z"), at("2026-11-23T09:00:00Z"), HOLIDAYS)).toBe(0);
  });
});

describe("claimAge", () => {
  const options = { now: at("2026-12-14T10:00:00Z"), holidays: HOLIDAYS, targetWorkingDays: 10 };

  it("marks an open claim past the target only when it is more than the target", () => {
    // Monday 30 November to Monday 14 December: 10 working days, at the target, not past it.
    expect(claimAge({ status: "NEW", receivedAt: at("2026-11-30T09:00:00Z") }, options)).toEqual({
      workingDays: 10,
      pastTarget: false,
    });
    expect(claimAge({ status: "UPDATED", receivedAt: at("2026-11-27T09:00:00Z") }, options)).toEqual({
      workingDays: 11,
      pastTarget: true,
    });
    expect(claimAge({ status: "INFORMATION_REQUESTED", receivedAt: at("2026-11-27T09:00:00Z") }, options)?.pastTarget).toBe(true);
    expect(claimAge({ status: "AWAITING_SECOND_APPROVAL", receivedAt: at("2026-11-27T09:00:00Z") }, options)?.pastTarget).toBe(
      true,
    );
  });

  it("follows the configured target", () => {
    const claim = { status: "NEW" as const, receivedAt: at("2026-12-07T09:00:00Z") };
    expect(claimAge(claim, { ...options, targetWorkingDays: 5 })).toEqual({ workingDays: 5, pastTarget: false });
    expect(claimAge(claim, { ...options, targetWorkingDays: 4 })).toEqual({ workingDays: 5, pastTarget: true });
  });

  it("gives a decided claim no age", () => {
    expect(claimAge({ status: "APPROVED", receivedAt: at("2026-01-05T09:00:00Z") }, options)).toBeNull();
    expect(claimAge({ status: "REJECTED", receivedAt: at("2026-01-05T09:00:00Z") }, options)).toBeNull();
  });
});

describe("describeAge", () => {
  it("says working days, singular and plural", () => {
    expect(describeAge(0)).toBe("0 working days");
    expect(describeAge(1)).toBe("1 working day");
    expect(describeAge(12)).toBe("12 working days");
  });
});
