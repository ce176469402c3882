import { describe, expect, it } from "vitest";
import { errorNote, rejectionReason, tooLargeReason } from "./describe-inbox-file";

describe("the words for a file moved to error/", () => {
  it("too large names the limit", () => {
    expect(tooLargeReason(100 * 1024 * 1024)).toBe("The file is larger than 100 MB (UPLOAD_MAX_MB): not imported.");
  });

  it("a rejected file: the kind, the counts, the upload and the first three errors", () => {
    expect(
      rejectionReason({
        kind: "PAYOUT_RECONCILIATION",
        uploadId: "u-1",
        counts: { rows: 40, errors: 5 },
        errors: [
          { lineNo: 2, message: "Line 2: a" },
          { lineNo: 3, message: "Line 3: b" },
          { lineNo: 4, message: "Line 4: c" },
          { lineNo: 5, message: "Line 5: d" },
        ],
      }),
    ).toBe(
      "Rejected as a reconciliation report: 5 of 40 rows have errors, so nothing in it was applied (upload u-1). " +
        "Line 2: a; Line 3: b; Line 4: c; and 2 more",
    );
  });

  it("a file refused whole says so", () => {
    expect(
      rejectionReason({
        kind: "PAYOUT_PAYMENT_CODES",
        uploadId: "u-2",
        counts: { rows: 1, errors: 1 },
        errors: [{ lineNo: 0, message: "The file is empty" }],
      }),
    ).toBe("Rejected as a payment-code file: the file was refused, so nothing in it was applied (upload u-2). The file is empty");
  });

  it("the note: what moved where and when, why, the errors, what to do", () => {
    expect(
      errorNote({
        fileName: "codes.csv",
        movedTo: "error/codes.csv.1",
        at: new Date("2026-11-28T10:15:00.000Z"),
        reason: "Rejected as …",
        errors: ["Line 2: a", "Line 3: b"],
      }),
    ).toBe(
      [
        "codes.csv was moved to error/codes.csv.1 by the Disburse Payout inbox on 2026-11-28T10:15:00.000Z.",
        "",
        "Rejected as …",
        "",
        "Errors:",
        "Line 2: a",
        "Line 3: b",
        "",
        "Nothing in this file was applied. Correct it (or ask the Post Office for a corrected one) and put it in the inbox folder again, or upload it on the portal's Payout page.",
        "",
      ].join("\n"),
    );
  });
});
