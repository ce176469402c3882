import { describe, expect, it } from "vitest";
import {
  reconciliationCsvHeader,
  reconciliationCsvLines,
  reconciliationPart,
  type ReconciliationCsvRow,
} from "./reconciliation-csv";

const row = (over: Partial<ReconciliationCsvRow>): ReconciliationCsvRow => ({
  reference: "7KQ2M9X-01",
  paymentId: "0c4f7a8e-1111-4222-8333-944455556666",
  lineNo: 1,
  amountPence: 10_000,
  lineVoid: false,
  status: "SENT",
  failureReason: null,
  date: null,
  ...over,
});

describe("reconciliation CSV", () => {
  it("starts with a byte order mark and the header", () => {
    expect(reconciliationCsvHeader()).toBe(
      "\uFEFFPayment reference,Payment UUID,Line,Amount,Reconciliation,Payment status,Failure reason or Post Office status,Date,File\n",
    );
  });

  it("writes a bank batch's lines with their failure reason and date, and makes a formula-like reason safe", () => {
    const text = reconciliationCsvLines("BANK", "accesspay_20261122_101530.csv", [
      row({ status: "PAID" }),
      row({ lineNo: 2, amountPence: 2_345, status: "FAILED", failureReason: '=HYPERLINK("x")', date: "2026-11-23" }),
      row({ lineNo: 3, amountPence: 5, lineVoid: true, status: "NEW" }),
    ]);
    expect(text).toBe(
      "7KQ2M9X-01,0c4f7a8e-1111-4222-8333-944455556666,1,100.00,Paid,PAID,,,accesspay_20261122_101530.csv\n" +
        `7KQ2M9X-01,0c4f7a8e-1111-4222-8333-944455556666,2,23.45,Failed,FAILED,"'=HYPERLINK(""x"")",2026-11-23,accesspay_20261122_101530.csv\n` +
        "7KQ2M9X-01,0c4f7a8e-1111-4222-8333-944455556666,3,0.05,No longer in this batch,NEW,,,accesspay_20261122_101530.csv\n",
    );
  });

  it("writes a Payout batch's Post Office outcomes with their status dates", () => {
    const text = reconciliationCsvLines("CASH", "payout.csv", [
      row({ status: "CASHED", date: "2026-11-25" }),
      row({ lineNo: 2, status: "EXPIRED", date: "2026-12-20" }),
      row({ lineNo: 3, status: "SENT" }),
    ]);
    expect(text.split("\n").map((l) => l.split(",").slice(4, 8).join(","))).toEqual([
      "Paid,CASHED,Cashed,2026-11-25",
      "Failed,EXPIRED,Expired,2026-12-20",
      "Waiting,SENT,,",
      "",
    ]);
    expect(reconciliationPart("CASH", { lineVoid: false, status: "PAID" })).toBe("PAID");
  });
});
