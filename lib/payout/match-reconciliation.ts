import { isIsoDate } from "@/lib/dates/london-date";
import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import { formatPence } from "@/lib/money";

import { shownValue } from "./rules/shown-value";
import type { ParsedReconciliation, ReconciliationRow, VoucherFinalStatus } from "./parse-reconciliation";
import { VOUCHER_FINAL_STATUSES } from "./parse-reconciliation";

/**
 * Matching the Post Office's daily report to our vouchers (docs/file-formats.md#payout-reconciliation-file).
 * Pure: the shell loads the vouchers whose references the file names and passes today's London date;
 * it applies reconciliationChangesToApply(...) only when no row is an error.
 */

/** A cash payment that went out in a Payout batch, as the shell loads it. */
export interface Voucher {
  paymentId: string;
  reference: string;
  amountPence: number;
  code: string | null;
  status: PaymentStatus;
  /** The London date its batch was delivered to the Post Office (YYYY-MM-DD); null if never. */
  deliveredOn: string | null;
}

export interface MatchReconciliationInput {
  parsed: ParsedReconciliation;
  /** Vouchers with the file's references (others are ignored); references compare case-insensitively. */
  vouchers: readonly Voucher[];
  /** Today's London date, YYYY-MM-DD. */
  today: string;
}

export type RowOutcomeKind = "MATCHED" | "UNCHANGED" | "ERROR";

export interface ReconciliationOutcome {
  lineNo: number;
  outcome: RowOutcomeKind;
  /** Set whenever the row names a known voucher, errors included, so the page can link to it. */
  paymentId?: string;
  /** MATCHED: the status and date to record. */
  status?: VoucherFinalStatus;
  statusDate?: string;
  /** ERROR: starts with "Line N" (or is a whole-file message for line 0). */
  message?: string;
}

export interface ReconciliationSummary {
  total: number;
  matched: number;
  unchanged: number;
  errors: number;
  /** True: apply nothing. */
  anyErrors: boolean;
  /** MATCHED rows by the status they record. */
  byStatus: Record<VoucherFinalStatus, number>;
}

const key = (reference: string) => reference.trim().toUpperCase();
const isFinal = (status: PaymentStatus): status is VoucherFinalStatus =>
  (VOUCHER_FINAL_STATUSES as readonly string[]).includes(status);

export function matchReconciliation({ parsed, vouchers, today }: MatchReconciliationInput): ReconciliationOutcome[] {
  if (!isIsoDate(today)) throw new RangeError(`today must be a YYYY-MM-DD date, got ${JSON.stringify(today)}`);
  const byReference = new Map(vouchers.map((v) => [key(v.reference), v]));
  const matched = parsed.rows.map((row) => matchRow(row, byReference.get(key(row.reference)), today));
  markRepeats(parsed.rows, matched);
  return [
    ...parsed.errors.map((e): ReconciliationOutcome => ({ lineNo: e.lineNo, outcome: "ERROR", message: e.message })),
    ...matched,
  ].sort((a, b) => a.lineNo - b.lineNo);
}

function matchRow(row: ReconciliationRow, voucher: Voucher | undefined, today: string): ReconciliationOutcome {
  const { lineNo } = row;
  const error = (message: string): ReconciliationOutcome => ({
    lineNo,
    outcome: "ERROR",
    message: `Line ${lineNo}: ${message}`,
    ...(voucher ? { paymentId: voucher.paymentId } : {}),
  });
  if (!voucher) return error(`unknown reference ${shownValue(row.reference)}: no Payout voucher has it`);

  const name = voucher.reference;
  if (voucher.code === null)
    return error(`payment ${name} has no payment code yet, so it cannot have been ${row.status.toLowerCase()}`);
  // Neither message repeats our stored code: the row's own is enough to find the mistake.
  const problems: string[] = [];
  if (row.code !== voucher.code) problems.push(`payment code ${shownValue(row.code)} is not the code issued for ${name}`);
  if (row.amountPence !== voucher.amountPence) {
    problems.push(
      `amount mismatch for ${name}: file ${formatPence(row.amountPence)}, voucher ${formatPence(voucher.amountPence)}`,
    );
  }
  if (row.statusDate > today) {
    problems.push(`status date ${row.statusDateText} is in the future (today is ${today})`);
  }
  if (voucher.deliveredOn === null) problems.push(`payment ${name}'s batch has not been delivered`);
  else if (row.statusDate < voucher.deliveredOn) {
    problems.push(`status date ${row.statusDateText} is before payment ${name}'s batch was delivered (${voucher.deliveredOn})`);
  }
  if (problems.length > 0) return error(problems.join("; "));

  if (voucher.status === row.status) return { lineNo, outcome: "UNCHANGED", paymentId: voucher.paymentId };
  if (isFinal(voucher.status)) {
    // The report repeats this row every day until it is settled, so the message says how.
    return error(
      `payment ${name} is already ${voucher.status} and this file says ${row.status}: an admin settles it on the payment's page (accept the Post Office's status, with a reason), after which this row is unchanged`,
    );
  }
  if (voucher.status !== "SENT") return error(`payment ${name} is ${voucher.status}, not a delivered voucher (SENT)`);
  return { lineNo, outcome: "MATCHED", paymentId: voucher.paymentId, status: row.status, statusDate: row.statusDate };
}

/**
 * Two rows for one payment in one file: an exact repeat (same code, amount, status and date) is a
 * no-op like a repeat from an earlier report; rows that disagree are all errors, none being "the
 * right one".
 */
function markRepeats(rows: readonly ReconciliationRow[], outcomes: ReconciliationOutcome[]): void {
  const byReference = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const indexes = byReference.get(key(row.reference));
    if (indexes) indexes.push(i);
    else byReference.set(key(row.reference), [i]);
  });
  for (const indexes of byReference.values()) {
    if (indexes.length < 2) continue;
    const [first, ...rest] = indexes.map((i) => rows[i]);
    const same = rest.every(
      (r) =>
        r.code === first.code &&
        r.amountPence === first.amountPence &&
        r.status === first.status &&
        r.statusDate === first.statusDate,
    );
    for (const i of indexes) {
      const o = outcomes[i];
      if (same) {
        if (i !== indexes[0] && o.outcome === "MATCHED") {
          outcomes[i] = { lineNo: o.lineNo, outcome: "UNCHANGED", paymentId: o.paymentId };
        }
        continue;
      }
      const others = indexes.filter((j) => j !== i).map((j) => rows[j].lineNo);
      outcomes[i] = {
        lineNo: o.lineNo,
        outcome: "ERROR",
        ...(o.paymentId ? { paymentId: o.paymentId } : {}),
        message: `Line ${o.lineNo}: reference ${shownValue(rows[i].reference)} is also on ${others.length === 1 ? "line" : "lines"} ${others.join(", ")} with a different code, amount, status or date`,
      };
    }
  }
}

export function summariseReconciliation(outcomes: readonly ReconciliationOutcome[]): ReconciliationSummary {
  const count = (kind: RowOutcomeKind) => outcomes.filter((o) => o.outcome === kind).length;
  const byStatus = { CASHED: 0, EXPIRED: 0, CANCELLED: 0 };
  for (const o of outcomes) if (o.outcome === "MATCHED" && o.status) byStatus[o.status] += 1;
  const errors = count("ERROR");
  return {
    total: outcomes.length,
    matched: count("MATCHED"),
    unchanged: count("UNCHANGED"),
    errors,
    anyErrors: errors > 0,
    byStatus,
  };
}

export interface VoucherStatusToApply {
  paymentId: string;
  status: VoucherFinalStatus;
  statusDate: string;
}

/** What the shell should write: the MATCHED rows, or nothing at all if any row is an error. */
export function reconciliationChangesToApply(outcomes: readonly ReconciliationOutcome[]): VoucherStatusToApply[] {
  if (outcomes.some((o) => o.outcome === "ERROR")) return [];
  return outcomes.flatMap((o) =>
    o.outcome === "MATCHED" && o.paymentId && o.status && o.statusDate
      ? [{ paymentId: o.paymentId, status: o.status, statusDate: o.statusDate }]
      : [],
  );
}
