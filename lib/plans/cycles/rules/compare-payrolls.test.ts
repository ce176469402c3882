import { describe, expect, it } from "vitest";
import {
  classifyChange,
  comparePayrolls,
  comparisonFromGroups,
  describeComparison,
  inPayroll,
  signedPence,
  type PayrollSide,
  type PersonPayments,
} from "./compare-payrolls";

const paid = (periodPence: number, carriedPence = 0, status = "DRAFT", sent = false): PayrollSide => ({
  status,
  sent,
  periodPence,
  carriedPence,
});

describe("inPayroll", () => {
  it("leaves out only payments cancelled before they were sent", () => {
    expect(inPayroll(paid(100, 0, "CANCELLED", false))).toBe(false);
    expect(inPayroll(paid(100, 0, "CANCELLED", true))).toBe(true);
    for (const status of ["DRAFT", "SUSPENDED", "NEW", "SENT", "PAID", "FAILED", "EXPIRED", "CASHED", "CARRIED_OVER"]) {
      expect(inPayroll(paid(100, 0, status))).toBe(true);
    }
    expect(inPayroll(null)).toBe(false);
  });
});

describe("classifyChange", () => {
  it("compares the period amounts, by how much", () => {
    expect(classifyChange({ previous: null, current: paid(5000) })).toEqual({
      kind: "JOINED",
      previousPence: 0,
      currentPence: 5000,
      changePence: 5000,
    });
    expect(classifyChange({ previous: paid(5000), current: null })).toMatchObject({ kind: "LEFT", changePence: -5000 });
    expect(classifyChange({ previous: paid(5000), current: paid(7000) })).toMatchObject({ kind: "UP", changePence: 2000 });
    expect(classifyChange({ previous: paid(7000), current: paid(5000) })).toMatchObject({ kind: "DOWN", changePence: -2000 });
    expect(classifyChange({ previous: paid(5000), current: paid(5000) })).toMatchObject({ kind: "UNCHANGED", changePence: 0 });
  });

  it("does not count carried-over money as a change", () => {
    expect(classifyChange({ previous: paid(5000), current: paid(5000, 5000) })).toMatchObject({ kind: "UNCHANGED" });
    // An ended enrolment still paid what it carried: no period money now, so the person left.
    expect(classifyChange({ previous: paid(5000), current: paid(0, 5000) })).toMatchObject({ kind: "LEFT", changePence: -5000 });
    expect(classifyChange({ previous: paid(0, 300), current: paid(0, 200) })).toMatchObject({
      kind: "CARRIED_ONLY",
      changePence: 0,
    });
  });

  it("treats a payment cancelled before sending as no payment, and one cancelled after as paid", () => {
    expect(classifyChange({ previous: paid(5000, 0, "CANCELLED"), current: paid(5000) })).toMatchObject({ kind: "JOINED" });
    expect(classifyChange({ previous: paid(5000), current: paid(5000, 0, "CANCELLED") })).toMatchObject({ kind: "LEFT" });
    expect(classifyChange({ previous: paid(5000, 0, "CANCELLED", true), current: paid(5000) })).toMatchObject({
      kind: "UNCHANGED",
    });
    expect(classifyChange({ previous: paid(5000, 0, "CANCELLED"), current: null })).toBeNull();
  });
});

describe("comparePayrolls", () => {
  const people: PersonPayments[] = [
    { previous: null, current: paid(5000) },
    { previous: null, current: paid(6000, 1000) },
    { previous: paid(4000), current: null },
    { previous: paid(5000), current: paid(5500) },
    { previous: paid(5000), current: paid(4500, 200) },
    { previous: paid(5000), current: paid(6000) },
    { previous: paid(5000, 700), current: paid(5000) },
    { previous: paid(0, 900), current: null },
    { previous: paid(3000, 0, "CANCELLED"), current: paid(3000, 0, "CANCELLED") },
  ];

  it("counts and totals each kind, and the totals add up", () => {
    const c = comparePayrolls(people);
    expect(c.groups.JOINED).toMatchObject({ people: 2, previousPence: 0, currentPence: 11_000, currentCarriedPence: 1000 });
    expect(c.groups.LEFT).toMatchObject({ people: 1, previousPence: 4000, currentPence: 0 });
    expect(c.groups.UP).toMatchObject({ people: 2, previousPence: 10_000, currentPence: 11_500 });
    expect(c.groups.DOWN).toMatchObject({ people: 1, previousPence: 5000, currentPence: 4500, currentCarriedPence: 200 });
    expect(c.groups.UNCHANGED).toMatchObject({ people: 1, previousCarriedPence: 700 });
    expect(c.groups.CARRIED_ONLY).toMatchObject({ people: 1, previousCarriedPence: 900 });
    expect([c.previousPence, c.currentPence, c.netPence]).toEqual([24_000, 32_000, 8000]);
    expect([c.previousCarriedPence, c.currentCarriedPence]).toEqual([1600, 1200]);
    const changes = Object.values(c.groups).reduce((n, g) => n + g.currentPence - g.previousPence, 0);
    expect(c.previousPence + changes).toBe(c.currentPence);
  });

  it("gives the same from its groups as from the people", () => {
    const c = comparePayrolls(people);
    expect(comparisonFromGroups(Object.values(c.groups).filter((g) => g.people > 0))).toEqual(c);
    expect(comparisonFromGroups([])).toEqual(comparePayrolls([]));
  });

  it("says it in one sentence", () => {
    expect(describeComparison(comparePayrolls(people), "1 October 2026 to 31 October 2026")).toBe(
      "Against 1 October 2026 to 31 October 2026: 2 joined (+£110.00), 1 left (\u2212£40.00), 3 amount changed (net +£10.00); " +
        "1 unchanged. This period's amounts: £320.00 (+£80.00). Carried over from unpaid earlier payments, not compared: " +
        "£12.00 in this payroll, £16.00 in the previous one.",
    );
    expect(describeComparison(comparePayrolls([]), "October")).toBe(
      "Against October: 0 joined (£0.00), 0 left (£0.00), 0 amount changed (net £0.00). This period's amounts: £0.00 (£0.00).",
    );
  });

  it("signs amounts with a true minus", () => {
    expect([signedPence(1), signedPence(-123_456), signedPence(0)]).toEqual(["+£0.01", "\u2212£1,234.56", "£0.00"]);
  });
});
