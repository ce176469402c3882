// The payroll export (docs/payroll-review.md#csv-export): one line per payment of the cycle, every
// status, with a header. Pure: records in, text out; the shell streams it batch by batch.
//
// Choices, and why: a UTF-8 byte order mark and LF line endings, as the upload error reports
// (names and labels hold "£" and accents, which Excel misreads without the mark); amounts in pounds
// with two decimals and no "£" or commas, so a spreadsheet sums them; codes for method, status and
// hold (what the payroll filters use); no bank details at all. Every cell goes through the shared
// formula-safe writer: names and labels are typed by people and opened in spreadsheets.
import { unparseLine } from "@/lib/uploads/upload-report";

export const PAYROLL_CSV_COLUMNS = [
  "Payment reference",
  "Payment UUID",
  "Person reference",
  "Name",
  "Payment method",
  "Payment point",
  "Status",
  "Hold reason",
  "Amount",
  "Period amount",
  "Carried over",
  "Breakdown",
] as const;

export type PayrollCsvLine = { kind: string; label: string; amountPence: number; carriedFromReference: string | null };

export type PayrollCsvRow = {
  paymentId: string;
  reference: string;
  personReference: string | null;
  personName: string;
  method: string;
  /** Null: the payment has no payment point. */
  pointName: string | null;
  status: string;
  holdReason: string | null;
  amountPence: number;
  lines: readonly PayrollCsvLine[];
};

/** Pence as "1234.56" or "-5.00": exact, integer arithmetic only. */
export function csvPounds(pence: number): string {
  if (!Number.isSafeInteger(pence)) throw new RangeError(`csvPounds expects whole pence, got ${pence}`);
  const abs = Math.abs(pence);
  const rest = abs % 100;
  return `${pence < 0 ? "-" : ""}${(abs - rest) / 100}.${String(rest).padStart(2, "0")}`;
}

/** "Base amount 50.00; Large household 20.00; Carried over from an unpaid earlier payment (7KQ2M9X-202610) 30.00" */
export function breakdownText(lines: readonly PayrollCsvLine[]): string {
  return lines
    .map((l) => `${l.label}${l.carriedFromReference ? ` (${l.carriedFromReference})` : ""} ${csvPounds(l.amountPence)}`)
    .join("; ");
}

/** The first chunk: the byte order mark and the header line. */
export function payrollCsvHeader(): string {
  return `\uFEFF${unparseLine([...PAYROLL_CSV_COLUMNS])}`;
}

export function payrollCsvLines(rows: readonly PayrollCsvRow[]): string {
  let text = "";
  for (const row of rows) {
    const carried = row.lines.filter((l) => l.kind === "CARRIED_OVER").reduce((n, l) => n + l.amountPence, 0);
    text += unparseLine([
      row.reference,
      row.paymentId,
      row.personReference ?? "",
      row.personName,
      row.method,
      row.pointName ?? "",
      row.status,
      row.holdReason ?? "",
      csvPounds(row.amountPence),
      csvPounds(row.amountPence - carried),
      csvPounds(carried),
      breakdownText(row.lines),
    ]);
  }
  return text;
}
