import { formatPence } from "@/lib/money";
import { plural } from "@/lib/plural";
import { NO_REASON_GIVEN } from "./match-failed-payments";

// What an applied failed-payments upload says it did (docs/batch-reconciliation.md#the-upload-result):
// each payment it failed, with its amount and reason, and their total; or, for a file whose
// every row was recorded before, that nothing changed and which upload recorded them.

/** How many failed payments the message names; the upload's page lists every one. */
export const FAILURES_IN_MESSAGE = 20;

export interface FailedByUpload {
  reference: string;
  amountPence: number;
  reason: string | null;
}

export interface FailedPaymentsSummary {
  /** Payments this upload failed, and their total. */
  failed: number;
  totalPence: number;
  /** The first FAILURES_IN_MESSAGE of them by line. */
  named: readonly FailedByUpload[];
  /** Rows whose failure was already recorded. */
  unchanged: number;
  /** The upload that recorded the first of those, when there are any. */
  earlier: { uploadId: string; fileName: string; uploadedAt: Date; uploadedBy: string; others: number } | null;
}

const reasonText = (reason: string | null) => (reason && reason !== NO_REASON_GIVEN ? ` (${reason})` : " (no reason given)");

/** "2 payments marked as failed, £123.45: 7KQ2M9X-01 £100.00 (Account closed), … and 3 more." */
export function failedPaymentsMessage(s: FailedPaymentsSummary, formatAt: (at: Date) => string): string {
  if (s.failed === 0) {
    const by = s.earlier
      ? ` (upload of ${s.earlier.fileName}, ${formatAt(s.earlier.uploadedAt)} by ${s.earlier.uploadedBy}${
          s.earlier.others > 0 ? `, and ${plural(s.earlier.others, "other upload")}` : ""
        })`
      : "";
    const all =
      s.unchanged === 1
        ? "The 1 failure in this file was"
        : `All ${s.unchanged.toLocaleString("en-GB")} failures in this file were`;
    return `${all} recorded before${by}. Nothing changed.`;
  }
  const names = s.named.map((f) => `${f.reference} ${formatPence(f.amountPence)}${reasonText(f.reason)}`).join(", ");
  const more = s.failed > s.named.length ? ` and ${(s.failed - s.named.length).toLocaleString("en-GB")} more` : "";
  const unchanged = s.unchanged ? ` ${plural(s.unchanged, "row was", "rows were")} already recorded.` : "";
  return (
    `${plural(s.failed, "payment", "payments")} marked as failed, ${formatPence(s.totalPence)}: ${names}${more}.` +
    `${unchanged} The claims are back with caseworkers for new bank details.`
  );
}
