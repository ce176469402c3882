import { describe, expect, it } from "vitest";
import { formatUkTime, nextScheduledRun, scheduleOf } from "./next-scheduled-run";

const BANK = "0 0 * * 0-4"; // vercel.json: 00:00 UTC, Sunday to Thursday
const PAYOUT = "0 1 * * *"; // 01:00 UTC every day

const next = (expression: string, now: string) => {
  const at = nextScheduledRun(expression, new Date(now));
  return { utc: at.toISOString(), uk: formatUkTime(at) };
};

describe("the next scheduled run, in UK time", () => {
  it("reads the two runs' schedules from vercel.json", () => {
    expect(scheduleOf("DIRECT_PAYMENTS")).toBe(BANK);
    expect(scheduleOf("PAYOUT")).toBe(PAYOUT);
    expect(() => scheduleOf("PAYOUT", [])).toThrow("vercel.json schedules no /api/cron/payout-payments");
  });

  it("skips Friday and Saturday nights for the bank run, in winter at 00:00 GMT", () => {
    // Friday 27 November 2026, 10:00: the next is Sunday's.
    expect(next(BANK, "2026-11-27T10:00:00Z")).toEqual({
      utc: "2026-11-29T00:00:00.000Z",
      uk: "Sunday 29 November 2026 at 00:00 UK time (GMT)",
    });
    // Exactly at a run's time, the next is the following one.
    expect(next(BANK, "2026-11-29T00:00:00Z").utc).toBe("2026-11-30T00:00:00.000Z");
  });

  it("is 01:00 BST in summer, and 00:00 GMT on the first night after the clocks go back", () => {
    // The clocks go back at 01:00 UTC on Sunday 25 October 2026: that night's run is still in BST.
    expect(next(BANK, "2026-10-24T12:00:00Z")).toEqual({
      utc: "2026-10-25T00:00:00.000Z",
      uk: "Sunday 25 October 2026 at 01:00 UK time (BST)",
    });
    expect(next(BANK, "2026-10-25T00:30:00Z")).toEqual({
      utc: "2026-10-26T00:00:00.000Z",
      uk: "Monday 26 October 2026 at 00:00 UK time (GMT)",
    });
  });

  it("moves an hour on the clock when the clocks go forward, and the Payout run with it", () => {
    // The clocks go forward at 01:00 UTC on Sunday 29 March 2026.
    expect(next(BANK, "2026-03-28T12:00:00Z").uk).toBe("Sunday 29 March 2026 at 00:00 UK time (GMT)");
    expect(next(BANK, "2026-03-29T00:00:00Z").uk).toBe("Monday 30 March 2026 at 01:00 UK time (BST)");
    // The Payout run at 01:00 UTC on the morning of the change is already 02:00 BST.
    expect(next(PAYOUT, "2026-03-28T23:00:00Z")).toEqual({
      utc: "2026-03-29T01:00:00.000Z",
      uk: "Sunday 29 March 2026 at 02:00 UK time (BST)",
    });
    expect(next(PAYOUT, "2026-03-28T00:30:00Z").uk).toBe("Saturday 28 March 2026 at 01:00 UK time (GMT)");
  });
});
