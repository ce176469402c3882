import { describe, expect, it } from "vitest";
import { isDueForErasure, lastActivity, retentionCutoff, retentionCutoffDate, type PersonActivity } from "./retention-rule";

const NOW = new Date("2026-11-28T10:00:00Z");
const OLD = new Date("2019-03-01T12:00:00Z");
const at = (iso: string) => new Date(iso);

const person = (overrides: Partial<PersonActivity> = {}): PersonActivity => ({
  createdAt: OLD,
  erasedAt: null,
  claims: [],
  enrolments: [],
  payments: [],
  detailChanges: [],
  ...overrides,
});

const due = (p: PersonActivity, years = 6) => isDueForErasure(p, { now: NOW, years });

describe("retentionCutoff", () => {
  it("is the start of the same London day the policy's years before", () => {
    expect(retentionCutoffDate(NOW, 6)).toBe("2020-11-28");
    expect(retentionCutoff(NOW, 6).toISOString()).toBe("2020-11-28T00:00:00.000Z");
    // In summer the London day starts at 23:00 UTC the day before.
    expect(retentionCutoff(at("2026-07-15T09:00:00Z"), 6).toISOString()).toBe("2020-07-14T23:00:00.000Z");
  });

  it("takes the London date of now, not the UTC one", () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London.
    expect(retentionCutoffDate(at("2026-06-30T23:30:00Z"), 6)).toBe("2020-07-01");
  });

  it("falls back from 29 February to 28 February in a common year", () => {
    expect(retentionCutoffDate(at("2028-02-29T12:00:00Z"), 1)).toBe("2027-02-28");
    expect(retentionCutoffDate(at("2028-02-29T12:00:00Z"), 4)).toBe("2024-02-29");
    expect(retentionCutoffDate(at("2026-12-31T12:00:00Z"), 6)).toBe("2020-12-31");
  });

  it("refuses a policy of less than a whole year", () => {
    expect(() => retentionCutoff(NOW, 0)).toThrow(/whole number from 1/);
    expect(() => retentionCutoff(NOW, 2.5)).toThrow(/whole number from 1/);
  });
});

describe("lastActivity", () => {
  it("is the latest of the claims, enrolments, payments, their history and changes of details", () => {
    const p = person({
      claims: [{ status: "REJECTED", createdAt: at("2018-01-01T00:00:00Z"), updatedAt: at("2018-02-01T00:00:00Z") }],
      enrolments: [{ enrolledTo: "2019-06-30", createdAt: at("2017-01-01T00:00:00Z"), updatedAt: at("2017-01-01T00:00:00Z") }],
      payments: [
        {
          status: "PAID",
          createdAt: at("2018-02-01T00:00:00Z"),
          updatedAt: at("2018-02-01T00:00:00Z"),
          history: [at("2018-02-01T00:00:00Z"), at("2019-09-09T09:09:09Z")],
        },
      ],
      detailChanges: [{ proposedAt: at("2019-01-01T00:00:00Z"), decidedAt: at("2019-01-02T00:00:00Z") }],
    });
    expect(lastActivity(p, "2026-11-28")).toEqual(at("2019-09-09T09:09:09Z"));
  });

  it("counts the day an enrolment ended from the start of that London day", () => {
    const p = person({
      enrolments: [{ enrolledTo: "2020-08-01", createdAt: OLD, updatedAt: OLD }],
    });
    expect(lastActivity(p, "2026-11-28")).toEqual(at("2020-07-31T23:00:00Z"));
  });

  it("is never earlier than the record's own creation", () => {
    expect(lastActivity(person(), "2026-11-28")).toEqual(OLD);
  });

  it("is open while a claim waits, an enrolment runs or a payment may still move", () => {
    for (const status of ["NEW", "INFORMATION_REQUESTED", "UPDATED", "AWAITING_SECOND_APPROVAL"] as const) {
      expect(lastActivity(person({ claims: [{ status, createdAt: OLD, updatedAt: OLD }] }), "2026-11-28")).toBe("open");
    }
    expect(lastActivity(person({ enrolments: [{ enrolledTo: null, createdAt: OLD, updatedAt: OLD }] }), "2026-11-28")).toBe(
      "open",
    );
    // Ends today or later: still enrolled.
    expect(
      lastActivity(person({ enrolments: [{ enrolledTo: "2026-11-28", createdAt: OLD, updatedAt: OLD }] }), "2026-11-28"),
    ).toBe("open");
    for (const status of ["NEW", "SENT", "DRAFT", "SUSPENDED"] as const) {
      const payments = [{ status, createdAt: OLD, updatedAt: OLD, history: [OLD] }];
      expect(lastActivity(person({ payments }), "2026-11-28")).toBe("open");
    }
  });

  it("is not open for settled payments and decided claims", () => {
    for (const status of ["PAID", "FAILED", "CANCELLED", "CASHED", "EXPIRED", "CARRIED_OVER"] as const) {
      const payments = [{ status, createdAt: OLD, updatedAt: OLD, history: [OLD] }];
      expect(lastActivity(person({ payments }), "2026-11-28")).toEqual(OLD);
    }
    for (const status of ["APPROVED", "REJECTED"] as const) {
      expect(lastActivity(person({ claims: [{ status, createdAt: OLD, updatedAt: OLD }] }), "2026-11-28")).toEqual(OLD);
    }
  });
});

describe("isDueForErasure", () => {
  it("is due when the last activity is before the cutoff, and not from the cutoff on", () => {
    const justBefore = at("2020-11-27T23:59:59.999Z");
    const onCutoff = at("2020-11-28T00:00:00.000Z");
    expect(due(person({ createdAt: justBefore }))).toBe(true);
    expect(due(person({ createdAt: onCutoff }))).toBe(false);
    expect(due(person({ claims: [{ status: "APPROVED", createdAt: OLD, updatedAt: onCutoff }] }))).toBe(false);
  });

  it("follows the policy's years", () => {
    const p = person({ createdAt: at("2022-01-01T00:00:00Z") });
    expect(due(p, 6)).toBe(false);
    expect(due(p, 4)).toBe(true);
  });

  it("keeps anyone with something open, however old", () => {
    expect(due(person({ claims: [{ status: "NEW", createdAt: OLD, updatedAt: OLD }] }))).toBe(false);
    expect(due(person({ enrolments: [{ enrolledTo: null, createdAt: OLD, updatedAt: OLD }] }))).toBe(false);
    expect(due(person({ payments: [{ status: "SENT", createdAt: OLD, updatedAt: OLD, history: [] }] }))).toBe(false);
  });

  it("never erases a person twice", () => {
    expect(due(person({ erasedAt: at("2025-01-01T00:00:00Z") }))).toBe(false);
  });

  it("counts a recent change of details as activity", () => {
    expect(due(person({ detailChanges: [{ proposedAt: OLD, decidedAt: at("2024-05-05T00:00:00Z") }] }))).toBe(false);
    expect(due(person({ detailChanges: [{ proposedAt: OLD, decidedAt: null }] }))).toBe(true);
  });
});
