import { describe, expect, it } from "vitest";
import { isWorkingDay } from "@/lib/bank-holidays/working-days";
import { claimIntakeSchema } from "@/lib/claims/intake/claim-intake-schema";
import { dayOfWeek, londonDate } from "@/lib/dates/london-date";
import {
  BANK_CLAIMS_PER_WEEK,
  CASH_CLAIMS_PER_PAYOUT_RUN,
  FAILED_LINES,
  generateDemoHistory,
  HISTORY_STAFF,
  PAYOUT_WEEKS,
  runDay,
  type HistoryStep,
} from "./demo-history";

// Wednesday 25 November 2026, 15:00 in London.
const NOW = new Date("2026-11-25T15:00:00Z");
const NO_HOLIDAYS: ReadonlySet<string> = new Set();
const history = generateDemoHistory({ now: NOW, seed: 20261122, holidays: NO_HOLIDAYS });
const of = <K extends HistoryStep["kind"]>(kind: K) =>
  history.steps.filter((s): s is Extract<HistoryStep, { kind: K }> => s.kind === kind);

describe("generateDemoHistory", () => {
  it("is the same story for the same seed, day and holidays, and another for another seed", () => {
    expect(generateDemoHistory({ now: NOW, seed: 20261122, holidays: NO_HOLIDAYS })).toEqual(history);
    expect(generateDemoHistory({ now: NOW, seed: 1, holidays: NO_HOLIDAYS })).not.toEqual(history);
  });

  it("runs the bank cron on the Tuesdays of the six weeks before this one, at 00:00 UTC, plus SSCL's re-run after the void", () => {
    const runs = of("bank-run");
    expect(runs.map((r) => `${r.at.toISOString()} ${r.triggeredBy}`)).toEqual([
      "2026-10-13T00:00:00.000Z cron",
      "2026-10-20T00:00:00.000Z cron",
      // The voided run's payments go again the same morning (09:05 in London, still summer time).
      "2026-10-20T08:05:00.000Z sscl-finance@demo.disburse.test",
      "2026-10-27T00:00:00.000Z cron",
      "2026-11-03T00:00:00.000Z cron",
      "2026-11-10T00:00:00.000Z cron",
      "2026-11-17T00:00:00.000Z cron",
    ]);
    expect(runDay("2026-11-23", 1)).toBe("2026-11-17");
    expect(runDay("2026-11-29", 1)).toBe("2026-11-17");
    // A British Summer Time run day: 00:00 UTC is 01:00 in London, still the Tuesday.
    expect(londonDate(new Date(`${runDay("2026-10-07", 1)}T00:00:00Z`))).toBe("2026-09-29");
    expect(of("payout-run").map((r) => r.at.toISOString())).toEqual([
      "2026-10-13T01:00:00.000Z",
      "2026-10-27T01:00:00.000Z",
      "2026-11-10T01:00:00.000Z",
    ]);
  });

  it("has every step in the past and in time order: each claim received, approved, then paid by the next run", () => {
    const times = history.steps.map((s) => s.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times)).toBeLessThan(NOW.getTime());
    const received = new Map(of("claim-received").map((s) => [s.claim, s.at]));
    const approved = of("claim-approved");
    expect(approved).toHaveLength(history.claims);
    for (const a of approved) expect(received.get(a.claim)!.getTime()).toBeLessThan(a.at.getTime());
    const runs = [...of("bank-run"), ...of("payout-run")].map((r) => r.at.getTime());
    // Every approval has a run within the day after it (the Monday's decisions, the Tuesday's cron).
    for (const a of approved) expect(runs.some((r) => r > a.at.getTime() && r - a.at.getTime() < 24 * 3600_000)).toBe(true);
  });

  it("approves 5 to 15 bank claims a week and the cash claims of three Payout runs, by both caseworkers", () => {
    expect(BANK_CLAIMS_PER_WEEK.every((n) => n >= 5 && n <= 15)).toBe(true);
    const intakes = of("claim-received").map((s) => s.intake);
    expect(intakes.filter((i) => i.paymentMethod === "BANK")).toHaveLength(BANK_CLAIMS_PER_WEEK.reduce((a, b) => a + b));
    expect(intakes.filter((i) => i.paymentMethod === "CASH")).toHaveLength(PAYOUT_WEEKS.length * CASH_CLAIMS_PER_PAYOUT_RUN);
    expect(new Set(of("claim-approved").map((a) => a.caseworker))).toEqual(new Set(HISTORY_STAFF.caseworkers));
  });

  it("sends claims the intake service accepts on the day they arrive, with valid bank details for bank claims", () => {
    for (const step of of("claim-received")) {
      const parsed = claimIntakeSchema(londonDate(step.at)).safeParse(step.intake);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(step.intake.bankDetails !== null).toBe(step.intake.paymentMethod === "BANK");
    }
  });

  it("voids one run's batch before anyone downloads it, fails two lines of another after its download, and reports last", () => {
    const [voided] = of("batch-voided");
    const downloads = of("files-downloaded");
    expect(downloads.some((d) => d.run === voided.run)).toBe(false);
    expect(downloads.find((d) => d.run === `${voided.run}-again`)!.at.getTime()).toBeGreaterThan(voided.at.getTime());
    const [failures] = of("failures-uploaded");
    expect(failures.failures).toEqual(FAILED_LINES);
    expect(downloads.find((d) => d.run === failures.run)!.at.getTime()).toBeLessThan(failures.at.getTime());
    expect(history.steps.at(-1)!.kind).toBe("reconciliation-uploaded");
    const [report] = of("reconciliation-uploaded");
    const statuses = Object.values(report.outcomes).flatMap((o) => o.map((v) => v.status));
    expect(new Set(statuses)).toEqual(new Set(["CASHED", "EXPIRED", "CANCELLED", "SENT"]));
    for (const o of Object.values(report.outcomes).flat()) {
      if ("date" in o) expect(o.date < londonDate(report.at)).toBe(true);
    }
    for (const codes of of("codes-uploaded")) {
      expect(codes.codes).toHaveLength(CASH_CLAIMS_PER_PAYOUT_RUN);
      for (const code of codes.codes) expect(code).toMatch(/^[A-Z2-9]{13}$/);
    }
  });

  it("moves SSCL's downloads and the decisions off bank holidays and weekends", () => {
    // Monday 16 November a holiday: that week's decisions on Friday 13th.
    const holidays = new Set(["2026-11-16"]);
    const moved = generateDemoHistory({ now: NOW, seed: 20261122, holidays });
    const decisionDays = new Set(moved.steps.filter((s) => s.kind === "claim-approved").map((s) => londonDate(s.at)));
    expect(decisionDays.has("2026-11-13")).toBe(true);
    expect(decisionDays.has("2026-11-16")).toBe(false);
    for (const s of moved.steps) {
      if (s.kind === "claim-received" || s.kind === "bank-run" || s.kind === "payout-run") continue;
      expect(isWorkingDay(londonDate(s.at), holidays), `${s.kind} ${s.at.toISOString()}`).toBe(true);
      expect(dayOfWeek(londonDate(s.at))).not.toBe(0);
    }
  });
});
