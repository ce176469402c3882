import { describe, expect, it } from "vitest";
import { failedPaymentsMessage, FAILURES_IN_MESSAGE, type FailedByUpload } from "./failed-payments-message";

const at = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

const failure = (i: number): FailedByUpload => ({
  reference: `7KQ2M${String(i).padStart(2, "0")}-01`,
  amountPence: 1000 + i,
  reason: "Account closed",
});

describe("failedPaymentsMessage", () => {
  it("names each payment failed with its amount and reason, and the total", () => {
    expect(
      failedPaymentsMessage(
        {
          failed: 2,
          totalPence: 12_345,
          named: [
            { reference: "7KQ2M9X-01", amountPence: 10_000, reason: "Account closed" },
            { reference: "8ABCDEF-02", amountPence: 2_345, reason: "No reason given" },
          ],
          unchanged: 0,
          earlier: null,
        },
        at,
      ),
    ).toBe(
      "2 payments marked as failed, £123.45: 7KQ2M9X-01 £100.00 (Account closed), 8ABCDEF-02 £23.45 (no reason given). " +
        "The claims are back with caseworkers for new bank details.",
    );
  });

  it("names the first 20 of a long list, then how many more", () => {
    const named = Array.from({ length: FAILURES_IN_MESSAGE }, (_, i) => failure(i + 1));
    const text = failedPaymentsMessage({ failed: 1_025, totalPence: 1_234_567, named, unchanged: 1, earlier: null }, at);
    expect(text).toMatch(/^1,025 payments marked as failed, £12,345\.67: 7KQ2M01-01 £10\.01 \(Account closed\), /);
    expect(text).toContain("7KQ2M20-01 £10.20 (Account closed) and 1,005 more. 1 row was already recorded.");
    expect(text).not.toContain("7KQ2M21-01");
  });

  it("says a file whose every row was recorded before changed nothing, and which upload recorded them", () => {
    expect(
      failedPaymentsMessage(
        {
          failed: 0,
          totalPence: 0,
          named: [],
          unchanged: 2,
          earlier: {
            fileName: "failed_20261123.csv",
            uploadId: "u1",
            uploadedAt: new Date("2026-11-23T10:00:00Z"),
            uploadedBy: "Sam Sscl",
            others: 0,
          },
        },
        at,
      ),
    ).toBe(
      "All 2 failures in this file were recorded before (upload of failed_20261123.csv, 2026-11-23 10:00 by Sam Sscl). Nothing changed.",
    );
    const text = failedPaymentsMessage(
      {
        failed: 0,
        totalPence: 0,
        named: [],
        unchanged: 1,
        earlier: {
          fileName: "a.csv",
          uploadId: "u2",
          uploadedAt: new Date("2026-11-01T09:00:00Z"),
          uploadedBy: "Sam Sscl",
          others: 1,
        },
      },
      at,
    );
    expect(text).toBe(
      "The 1 failure in this file was recorded before (upload of a.csv, 2026-11-01 09:00 by Sam Sscl, and 1 other upload). Nothing changed.",
    );
    expect(text).not.toContain("caseworkers");
  });
});
