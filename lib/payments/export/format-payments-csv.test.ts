import { describe, expect, it } from "vitest";
import { paymentsCsvHeader, paymentsCsvLines, paymentsExportFileName, type PaymentsCsvRow } from "./format-payments-csv";

const row: PaymentsCsvRow = {
  reference: "7KQ2M9X-01",
  id: "9d3c1e7a-4b2f-4a6e-8c1d-2e3f4a5b6c7d",
  claimReference: "7KQ2M9X",
  personReference: null,
  personName: "Ada Lovelace",
  method: "BANK",
  status: "FAILED",
  holdReason: null,
  amountPence: 4240,
  createdAt: "2026-11-20 08:00:01",
  sentAt: "2026-11-20 08:05:00",
  paidAt: null,
  failedAt: "2026-11-23 09:00:00",
  failureReason: "Account closed",
  fileName: "accesspay_20261120_080500.csv",
  lineNo: 12,
  lineVoid: false,
};

describe("the payments CSV", () => {
  it("starts with a byte order mark and the header, with no bank details column", () => {
    expect(paymentsCsvHeader()).toBe(
      "\uFEFFPayment reference,Payment UUID,Claim reference,Person reference,Paid to,Payment method,Status,Hold reason,Amount," +
        "Created (UK time),Sent (UK time),Paid (UK time),Failed (UK time),Failure reason,File name,Line\n",
    );
    expect(paymentsCsvHeader()).not.toMatch(/sort code|account number|bank details|payment code/i);
  });

  it("writes a payment's line exactly: pounds with two decimals, empty cells for what is not there", () => {
    expect(
      paymentsCsvLines([row, { ...row, amountPence: 5, lineNo: 3, lineVoid: true, fileName: "a.csv", failureReason: null }]),
    ).toBe(
      "7KQ2M9X-01,9d3c1e7a-4b2f-4a6e-8c1d-2e3f4a5b6c7d,7KQ2M9X,,Ada Lovelace,BANK,FAILED,,42.40,2026-11-20 08:00:01," +
        "2026-11-20 08:05:00,,2026-11-23 09:00:00,Account closed,accesspay_20261120_080500.csv,12\n" +
        "7KQ2M9X-01,9d3c1e7a-4b2f-4a6e-8c1d-2e3f4a5b6c7d,7KQ2M9X,,Ada Lovelace,BANK,FAILED,,0.05,2026-11-20 08:00:01," +
        "2026-11-20 08:05:00,,2026-11-23 09:00:00,,a.csv,3 (void)\n",
    );
  });

  it("keeps cells a spreadsheet would run as text, and quotes commas and quotes", () => {
    const text = paymentsCsvLines([
      { ...row, personName: '=HYPERLINK("http://evil.test")', failureReason: "@SUM(1), closed", claimReference: "+1" },
    ]);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
    expect(text).toContain(`"'@SUM(1), closed"`);
    expect(text).toContain(`"'+1"`);
    expect(text).not.toMatch(/(^|,)[=+@]/m);
  });

  it("names the file with the UK date", () => {
    expect(paymentsExportFileName("2026-11-28")).toBe("payments-2026-11-28.csv");
  });
});
