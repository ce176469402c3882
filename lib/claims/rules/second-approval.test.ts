import { describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/random/mulberry32";
import { DEFAULT_APPROVAL_LIMITS, secondApprovalDecision, secondApprovalWindowStart, type ApprovedLine } from "./second-approval";

const limits = DEFAULT_APPROVAL_LIMITS;
const lines = (...pence: (number | null)[]): ApprovedLine[] =>
  pence.map((approvedPence, i) => ({ lineNo: i + 1, approvedPence }));

describe("secondApprovalDecision", () => {
  it("approves at once up to the threshold, and needs a second caseworker one penny above", () => {
    expect(secondApprovalDecision({ lines: lines(50_000), recentApprovedPence: 0, limits })).toEqual({
      kind: "APPROVE",
      approvedTotalPence: 50_000,
      recentApprovedPence: 0,
      combinedPence: 50_000,
    });
    expect(secondApprovalDecision({ lines: lines(50_001), recentApprovedPence: 0, limits })).toMatchObject({
      kind: "NEEDS_SECOND_APPROVAL",
      combinedPence: 50_001,
    });
  });

  it("adds what the person had approved in the window, so two £300 claims need a second approval", () => {
    expect(secondApprovalDecision({ lines: lines(30_000), recentApprovedPence: 0, limits }).kind).toBe("APPROVE");
    expect(secondApprovalDecision({ lines: lines(30_000), recentApprovedPence: 30_000, limits })).toEqual({
      kind: "NEEDS_SECOND_APPROVAL",
      approvedTotalPence: 30_000,
      recentApprovedPence: 30_000,
      combinedPence: 60_000,
    });
    expect(secondApprovalDecision({ lines: lines(100), recentApprovedPence: 49_900, limits }).kind).toBe("APPROVE");
  });

  it("counts approved line amounts only: a rejected line adds nothing", () => {
    expect(secondApprovalDecision({ lines: lines(40_000, null, 10_000), recentApprovedPence: 0, limits })).toMatchObject({
      kind: "APPROVE",
      approvedTotalPence: 50_000,
    });
  });

  it("refuses every line above the per-line maximum, with its number and both amounts", () => {
    expect(secondApprovalDecision({ lines: lines(100_000, 120_000, null, 100_001), recentApprovedPence: 0, limits })).toEqual({
      kind: "REFUSED",
      lines: [
        { lineNo: 2, message: "Line 2: £1,200.00 is above the most one line may be approved for, £1,000.00" },
        { lineNo: 4, message: "Line 4: £1,000.01 is above the most one line may be approved for, £1,000.00" },
      ],
    });
  });

  it("follows the configured limits", () => {
    const strict = { secondApprovalThresholdPence: 0, lineMaximumPence: 5_000 };
    expect(secondApprovalDecision({ lines: lines(1), recentApprovedPence: 0, limits: strict }).kind).toBe(
      "NEEDS_SECOND_APPROVAL",
    );
    expect(secondApprovalDecision({ lines: lines(5_001), recentApprovedPence: 0, limits: strict })).toMatchObject({
      kind: "REFUSED",
      lines: [{ lineNo: 1, message: "Line 1: £50.01 is above the most one line may be approved for, £50.00" }],
    });
  });

  it("property: splitting an approved sum over claims never lowers what the last one is checked against", () => {
    const random = mulberry32(20261128);
    const int = (max: number) => Math.floor(random() * (max + 1));
    for (let run = 0; run < 2_000; run++) {
      const claimLines = Array.from({ length: 1 + int(5) }, () => (random() < 0.2 ? null : 1 + int(limits.lineMaximumPence)));
      const recent = int(200_000);
      const result = secondApprovalDecision({ lines: lines(...claimLines), recentApprovedPence: recent, limits });
      const total = claimLines.reduce<number>((sum, p) => sum + (p ?? 0), 0);
      expect(result.kind).not.toBe("REFUSED");
      if (result.kind === "REFUSED") continue;
      expect(result.combinedPence).toBe(total + recent);
      expect(result.kind).toBe(total + recent > limits.secondApprovalThresholdPence ? "NEEDS_SECOND_APPROVAL" : "APPROVE");
      // The same money approved as one claim gets the same answer as split in two.
      const whole = secondApprovalDecision({
        lines: lines(total + recent > 0 ? 1 : null),
        recentApprovedPence: total + recent - 1,
        limits,
      });
      if (total + recent > 0) expect(whole.kind).toBe(result.kind);
    }
  });

  it("property: any line above the maximum is refused, whatever the total", () => {
    const random = mulberry32(7);
    for (let run = 0; run < 500; run++) {
      const over = limits.lineMaximumPence + 1 + Math.floor(random() * 1_000_000);
      const at = Math.floor(random() * 3);
      const claimLines = [100, 200, 300];
      claimLines[at] = over;
      const result = secondApprovalDecision({ lines: lines(...claimLines), recentApprovedPence: 0, limits });
      expect(result).toMatchObject({ kind: "REFUSED", lines: [{ lineNo: at + 1 }] });
    }
  });
});

describe("secondApprovalWindowStart", () => {
  it("is 30 days of 24 hours before now", () => {
    expect(secondApprovalWindowStart(new Date("2026-11-28T12:00:00Z")).toISOString()).toBe("2026-10-29T12:00:00.000Z");
  });
});
