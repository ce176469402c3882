// A batch's reconciliation as CSV (docs/batch-reconciliation.md#the-csv-export): one line per line
// of the batch's file, in line order, with a header and no total row (the page shows the totals;
// a total row would be summed into itself by anyone who sums the Amount column). Pure: records
// in, text out; the shell streams it a page of lines at a time.
//
// As the other exports: a UTF-8 byte order mark, LF line endings, amounts in pounds with two
// decimals and no "£" or commas, dates as YYYY-MM-DD (UK dates), and every cell through the
// formula-safe writer (failure reasons are SSCL's free text).
import type { PaymentMethod, PaymentStatus } from "@/lib/generated/prisma/enums";
import { unparseLine } from "@/lib/csv/csv-line";
import { poundsText } from "@/lib/money";
import { FAILED_STATUSES } from "./batch-reconciliation";

export const RECONCILIATION_CSV_COLUMNS = [
  "Payment reference",
  "Payment UUID",
  "Line",
  "Amount",
  "Reconciliation",
  "Payment status",
  "Failure reason or Post Office status",
  "Date",
  "File",
] as const;

export interface ReconciliationCsvRow {
  reference: string;
  paymentId: string;
  lineNo: number;
  amountPence: number;
  lineVoid: boolean;
  status: PaymentStatus;
  failureReason: string | null;
  /** Bank: the UK date the failure was recorded; Payout: the Post Office's status date. YYYY-MM-DD. */
  date: string | null;
}

/** Which part of the reconciliation the line counts in, as the page words it. */
export function reconciliationPart(method: PaymentMethod, row: Pick<ReconciliationCsvRow, "lineVoid" | "status">): string {
  if (row.lineVoid) return "No longer in this batch";
  if (row.status === (method === "BANK" ? "PAID" : "CASHED")) return "Paid";
  if (FAILED_STATUSES[method].includes(row.status)) return "Failed";
  if (row.status === "SENT") return "Waiting";
  return row.status;
}

const POST_OFFICE: Partial<Record<PaymentStatus, string>> = { CASHED: "Cashed", EXPIRED: "Expired", CANCELLED: "Cancelled" };

export function reconciliationCsvHeader(): string {
  return `\uFEFF${unparseLine([...RECONCILIATION_CSV_COLUMNS])}`;
}

export function reconciliationCsvLines(method: PaymentMethod, fileName: string, rows: readonly ReconciliationCsvRow[]): string {
  let text = "";
  for (const row of rows) {
    const outcome =
      method === "BANK"
        ? row.status === "FAILED" || row.status === "CARRIED_OVER"
          ? row.failureReason
          : null
        : POST_OFFICE[row.status];
    text += unparseLine([
      row.reference,
      row.paymentId,
      String(row.lineNo),
      poundsText(row.amountPence),
      reconciliationPart(method, row),
      row.status,
      outcome ?? "",
      row.date ?? "",
      fileName,
    ]);
  }
  return text;
}
