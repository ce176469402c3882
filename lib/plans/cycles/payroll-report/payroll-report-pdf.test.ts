import { describe, expect, it } from "vitest";
import type { ReportHeader, ReportPayment } from "./payroll-report-layout";
import { payrollReportChunks, payrollReportPdf } from "./payroll-report-pdf";
import { reportText } from "./payroll-report-layout";

const HEADER: ReportHeader = {
  planName: "Winter fuel help",
  planCode: "WFH-1",
  benefitPlanName: "Winter support",
  periodStart: "2026-11-01",
  periodEnd: "2026-11-30",
  status: "APPROVED",
  approvedAt: new Date("2026-11-20T10:05:00Z"),
  approvedByName: "Checker Person",
  printedAt: new Date("2026-11-21T09:00:00Z"),
  payments: 20_000,
  totalPence: 100_000_000,
  byMethod: [{ label: "Bank", payments: 20_000, totalPence: 100_000_000 }],
  byPoint: [{ key: "p", label: "North depot", payments: 20_000, totalPence: 100_000_000 }],
};

const batch = (from: number, size: number): ReportPayment[] =>
  Array.from({ length: size }, (_, i) => ({
    pointKey: "p",
    reference: `A${String(from + i).padStart(6, "0")}-202611`,
    personName: `Person ${from + i}`,
    method: "BANK",
    amountPence: 5000,
  }));

describe("the payroll report's PDF", () => {
  it("is the same bytes for the same payroll", async () => {
    const a = await payrollReportPdf(HEADER, batch(0, 30));
    const b = await payrollReportPdf(HEADER, batch(0, 30));
    expect(Buffer.from(a).subarray(0, 5).toString()).toBe("%PDF-");
    expect(Buffer.from(a).subarray(-6).toString()).toContain("%%EOF");
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("hands on its bytes batch by batch, never reading ahead of what it has written", async () => {
    let requested = 0;
    async function* batches() {
      for (let n = 0; n < 40; n++) {
        requested += 1;
        yield batch(n * 150, 150);
      }
    }
    const seen: { bytes: number; requested: number }[] = [];
    for await (const chunk of payrollReportChunks(HEADER, batches())) seen.push({ bytes: chunk.byteLength, requested });
    const total = seen.reduce((n, s) => n + s.bytes, 0);
    const beforeLast = seen.filter((s) => s.requested < 40).reduce((n, s) => n + s.bytes, 0);
    // Finished pages leave as they are drawn: most of the file is out before the last batch is read.
    expect(beforeLast / total).toBeGreaterThan(0.9);
    // And no chunk is more than a few batches' pages.
    expect(Math.max(...seen.map((s) => s.bytes))).toBeLessThan(total / 10);
  });

  it("prints what the standard fonts can, and ? for the rest", () => {
    expect(reportText("Zoë Ångström\nŁukasz 李")).toBe("Zoë Ångström ?ukasz ?");
    expect(reportText("Őrs")).toBe("Ors");
  });
});
