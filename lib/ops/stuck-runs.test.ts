import { describe, expect, it } from "vitest";
import { ageText, exitCodesHelp } from "./ops-format";
import { stuckRuns, type StuckRunRow } from "./stuck-runs";

const NOW = new Date("2026-11-23T12:00:00Z");
const row = (over: Partial<StuckRunRow>): StuckRunRow => ({
  id: "r1",
  kind: "DIRECT_PAYMENTS",
  status: "FAILED",
  startedAt: new Date("2026-11-23T09:30:00Z"),
  leaseUntil: null,
  attempts: 1,
  error: "boom",
  unfinishedBatchIds: [],
  uncertainBatchIds: [],
  ...over,
});

describe("stuckRuns", () => {
  it("a RUNNING run past its lease: the next run of the kind takes it over", () => {
    const [run] = stuckRuns([row({ status: "RUNNING", leaseUntil: new Date("2026-11-23T10:00:00Z"), error: null })], NOW);
    expect(run).toMatchObject({ problem: "LEASE_EXPIRED", kind: "bank", age: "2 h 30 min" });
    expect(run.line).toBe(
      "bank run r1: RUNNING past its lease (started 23 Nov 2026, 09:30, 2 h 30 min ago; its lease ran out 2 h ago; attempt 1)",
    );
    expect(run.advice).toContain("npm run ops -- run-now bank --as <email>");
  });

  it("a FAILED run holding a batch: finished by the next run until the third attempt, then an admin's Retry", () => {
    const [early, late] = stuckRuns(
      [row({ unfinishedBatchIds: ["b1"], attempts: 2 }), row({ kind: "PAYOUT", unfinishedBatchIds: ["b2"], attempts: 3 })],
      NOW,
    );
    expect(early).toMatchObject({ problem: "FAILED_HOLDS_PAYMENTS", batchIds: ["b1"] });
    expect(early.advice).toContain("(attempt 3 of 3)");
    expect(early.line).toBe("bank run r1: FAILED (started 23 Nov 2026, 09:30, 2 h 30 min ago; attempt 2): boom");
    expect(late).toMatchObject({ problem: "FAILED_NEEDS_ADMIN", kind: "payout" });
    expect(late.advice).toContain("Retry on /runs (or npm run ops -- retry-delivery b2 --as <admin email>)");
  });

  it("an uncertain delivery is settled with the Post Office, never resent; a run with no batch holds no payments", () => {
    const [uncertain, empty] = stuckRuns(
      [row({ kind: "PAYOUT", uncertainBatchIds: ["b3"], unfinishedBatchIds: ["b4"] }), row({})],
      NOW,
    );
    expect(uncertain).toMatchObject({ problem: "DELIVERY_UNCERTAIN", batchIds: ["b3"] });
    expect(uncertain.advice).toContain("/payout/batches/b3");
    expect(empty).toMatchObject({ problem: "FAILED_RECENTLY", batchIds: [] });
    expect(empty.advice).toContain("holds no payments");
  });
});

describe("ageText", () => {
  it.each([
    [0, "0 min"],
    [59, "59 min"],
    [60, "1 h"],
    [61, "1 h 1 min"],
    [24 * 60, "1 day"],
    [49 * 60, "2 days 1 h"],
    [-5, "0 min"],
  ])("%i minutes: %s", (minutes, text) => {
    expect(ageText(new Date(NOW.getTime() - minutes * 60_000), NOW)).toBe(text);
  });
});

describe("exitCodesHelp", () => {
  it("lists the codes a command can end with, in its own words", () => {
    expect(exitCodesHelp({ 0: "listed", 1: null, 4: null, 5: null })).toBe(
      [
        "Exit codes:",
        "  0  listed",
        "  2  the command line was wrong: nothing done",
        "  3  the --as user is unknown, disabled or lacks the role: nothing done",
      ].join("\n"),
    );
  });
});
