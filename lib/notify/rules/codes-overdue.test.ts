import { describe, expect, it } from "vitest";
import { codesOverdueFrom, latestOverdueDeliveryDate } from "./codes-overdue";

// Christmas 2026: Friday 25 and Monday 28 December are bank holidays.
const holidays = new Set(["2026-12-25", "2026-12-28"]);

describe("payment codes overdue", () => {
  it("is two working days after delivery, never counting the delivery day", () => {
    expect(codesOverdueFrom("2026-11-30", holidays)).toBe("2026-12-02"); // Monday -> Wednesday
    expect(codesOverdueFrom("2026-12-04", holidays)).toBe("2026-12-08"); // Friday -> Tuesday
    expect(codesOverdueFrom("2026-12-05", holidays)).toBe("2026-12-08"); // Saturday -> Tuesday
    expect(codesOverdueFrom("2026-12-24", holidays)).toBe("2026-12-30"); // over Christmas
  });

  it("finds the latest delivery date that is overdue now, by London date", () => {
    // Wednesday 2 December, 09:00: Monday's batch is due, Tuesday's is not.
    expect(latestOverdueDeliveryDate(new Date("2026-12-02T09:00:00Z"), holidays)).toBe("2026-11-30");
    // Tuesday 8 December: Friday's and the weekend's batches are due.
    expect(latestOverdueDeliveryDate(new Date("2026-12-08T09:00:00Z"), holidays)).toBe("2026-12-06");
    // Tuesday 29 December: Christmas Eve's batch is not due until the 30th.
    expect(latestOverdueDeliveryDate(new Date("2026-12-29T12:00:00Z"), holidays)).toBe("2026-12-23");
  });

  it("agrees with codesOverdueFrom on every day of a month", () => {
    for (let day = 1; day <= 31; day++) {
      const now = new Date(Date.UTC(2026, 11, day, 12));
      const today = now.toISOString().slice(0, 10);
      const latest = latestOverdueDeliveryDate(now, holidays);
      expect(codesOverdueFrom(latest, holidays) <= today).toBe(true);
      const next = new Date(Date.parse(`${latest}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(codesOverdueFrom(next, holidays) > today).toBe(true);
    }
  });
});
