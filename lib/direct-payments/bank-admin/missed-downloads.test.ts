import { describe, expect, it } from "vitest";
import { holidaySet } from "@/lib/bank-holidays/bank-holidays";
import { missedDownloads, type RunFilesForBanner } from "./missed-downloads";

const holidays = holidaySet([
  { date: "2026-12-25", title: "Christmas Day" },
  { date: "2026-12-28", title: "Boxing Day (substitute day)" },
]);
const files = (csv: number, journal: number, isVoid = false) => [
  { kind: "ACCESSPAY_CSV", fileName: "accesspay.csv", isVoid, downloadCount: csv },
  { kind: "ADI_JOURNAL", fileName: "adi-journal.xlsx", isVoid, downloadCount: journal },
];
const run = (runId: string, startedAt: string, f = files(0, 0)): RunFilesForBanner => ({
  runId,
  startedAt: new Date(startedAt),
  files: f,
});

describe("missed downloads", () => {
  const now = new Date("2026-11-23T09:00:00Z"); // Monday

  it("lists a run until both files have been downloaded once, naming the missing ones", () => {
    expect(missedDownloads([run("a", "2026-11-23T00:00:00Z")], now, holidays)).toEqual([
      { runId: "a", startedAt: new Date("2026-11-23T00:00:00Z"), notDownloaded: ["accesspay.csv", "adi-journal.xlsx"] },
    ]);
    expect(missedDownloads([run("a", "2026-11-23T00:00:00Z", files(1, 0))], now, holidays)[0].notDownloaded).toEqual([
      "adi-journal.xlsx",
    ]);
    expect(missedDownloads([run("a", "2026-11-23T00:00:00Z", files(3, 1))], now, holidays)).toEqual([]);
  });

  it("ignores voided files and runs without files", () => {
    expect(
      missedDownloads([run("v", "2026-11-23T00:00:00Z", files(0, 0, true)), run("e", "2026-11-23T00:00:00Z", [])], now, holidays),
    ).toEqual([]);
  });

  it("keeps runs of the last 20 working days by London date, and drops older ones", () => {
    // Tuesday 27 October is 19 working days before Monday 23 November; Monday 26 October is 20.
    const kept = run("kept", "2026-10-27T00:30:00Z");
    const dropped = run("dropped", "2026-10-26T12:00:00Z");
    expect(missedDownloads([kept, dropped], now, holidays).map((m) => m.runId)).toEqual(["kept"]);
    // 23:30 UTC on 26 October (GMT by then) is still 26 October in London: dropped. In summer
    // time 23:30 UTC is the next London day: 23:30 UTC on 25 June is 26 June.
    expect(missedDownloads([run("late", "2026-10-26T23:30:00Z")], now, holidays)).toEqual([]);
    const july = new Date("2026-07-23T09:00:00Z"); // Thursday: Friday 26 June is 19 working days back, 25 June 20
    expect(missedDownloads([run("bst", "2026-06-25T23:30:00Z")], july, holidays).map((m) => m.runId)).toEqual(["bst"]);
    expect(missedDownloads([run("bst", "2026-06-25T22:30:00Z")], july, holidays)).toEqual([]);
  });

  it("counts bank holidays out of the window", () => {
    // Monday 18 January 2027: counting back 19 working days skips 25 and 28 December 2026.
    const jan = new Date("2027-01-18T10:00:00Z");
    expect(missedDownloads([run("x", "2026-12-18T10:00:00Z")], jan, holidays).map((m) => m.runId)).toEqual(["x"]);
    expect(missedDownloads([run("y", "2026-12-17T10:00:00Z")], jan, holidays)).toEqual([]);
  });
});
