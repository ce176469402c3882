// The finance export of payments (docs/payment-search.md#the-csv-export): one line per payment the
// search and filters find, with a header. Pure: records in, text out; the shell streams it.
//
// As the payroll export: a UTF-8 byte order mark and LF line endings (names hold accents, which
// Excel misreads without the mark); amounts in pounds with two decimals and no "£" or commas, so a
// spreadsheet sums them; codes for method, status and hold; times in UK time. No bank details, and
// no Payout payment code (it is what a claimant cashes a voucher with). Every cell goes through the
// shared formula-safe writer: names and failure reasons come from people and from uploaded files.
import { unparseLine } from "@/lib/csv/csv-line";
import { poundsText } from "@/lib/money";

export const PAYMENTS_CSV_COLUMNS = [
  "Payment reference",
  "Payment UUID",
  "Claim reference",
  "Person reference",
  "Paid to",
  "Payment method",
  "Status",
  "Hold reason",
  "Amount",
  "Created (UK time)",
  "Sent (UK time)",
  "Paid (UK time)",
  "Failed (UK time)",
  "Failure reason",
  "File name",
  "Line",
] as const;

export type PaymentsCsvRow = {
  reference: string;
  id: string;
  claimReference: string | null;
  personReference: string | null;
  personName: string;
  method: string;
  status: string;
  holdReason: string | null;
  amountPence: number;
  /** "YYYY-MM-DD HH:MM:SS" in Europe/London, as the database prints it. */
  createdAt: string;
  sentAt: string | null;
  paidAt: string | null;
  failedAt: string | null;
  failureReason: string | null;
  fileName: string | null;
  lineNo: number | null;
  /** The line's batch was voided: the line number is shown as "12 (void)". */
  lineVoid: boolean | null;
};

/** The first chunk: the byte order mark and the header line. */
export function paymentsCsvHeader(): string {
  return `\uFEFF${unparseLine([...PAYMENTS_CSV_COLUMNS])}`;
}

export function paymentsCsvLine(row: PaymentsCsvRow): string {
  return unparseLine([
    row.reference,
    row.id,
    row.claimReference ?? "",
    row.personReference ?? "",
    row.personName,
    row.method,
    row.status,
    row.holdReason ?? "",
    poundsText(row.amountPence),
    row.createdAt,
    row.sentAt ?? "",
    row.paidAt ?? "",
    row.failedAt ?? "",
    row.failureReason ?? "",
    row.fileName ?? "",
    row.lineNo === null ? "" : `${row.lineNo}${row.lineVoid ? " (void)" : ""}`,
  ]);
}

export function paymentsCsvLines(rows: readonly PaymentsCsvRow[]): string {
  let text = "";
  for (const row of rows) text += paymentsCsvLine(row);
  return text;
}

/** "payments-2026-11-28.csv": the UK date the export was made. */
export function paymentsExportFileName(londonDate: string): string {
  return `payments-${londonDate}.csv`;
}
