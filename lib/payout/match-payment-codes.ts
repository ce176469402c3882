import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import { formatPence } from "@/lib/money";

import { shownValue } from "./rules/shown-value";
import type { ParsedPaymentCodes, PaymentCodeRow } from "./parse-payment-codes";

/**
 * Matching a payment-code file to the batch it answers (docs/file-formats.md#payout-payment-code-file).
 * Pure: the shell loads the batch's payments, where the file's other references live and the codes
 * already in use, and applies changesToApply(...) only when no row is an error.
 */

/** A payment of the batch the file is uploaded for, as the shell loads it (its file lines' payments). */
export interface BatchPayment {
  paymentId: string;
  reference: string;
  amountPence: number;
  status: PaymentStatus;
  /** The batch the payment is in now (null once an admin returned it to NEW). */
  batchId: string | null;
  code: string | null;
}

/** A Payout batch other than this one that has a payment with a given reference. */
export interface OtherBatch {
  batchId: string;
  /** Its Payout file name, when it has one, so the message says which file to look at. */
  fileName: string | null;
}

export interface MatchPaymentCodesInput {
  batchId: string;
  parsed: ParsedPaymentCodes;
  payments: readonly BatchPayment[];
  /** References of the file that are not this batch's, by upper-case reference. */
  otherBatches: ReadonlyMap<string, OtherBatch>;
  /** Every payment code already stored on any payment (this batch's included). */
  existingCodes: ReadonlySet<string>;
}

export type RowOutcomeKind = "MATCHED" | "UNCHANGED" | "ERROR";

export interface PaymentCodeOutcome {
  lineNo: number;
  outcome: RowOutcomeKind;
  paymentId?: string;
  /** MATCHED: the code to store on the payment. */
  code?: string;
  /** ERROR: starts with "Line N" (or is a whole-file message for line 0). */
  message?: string;
}

export interface PaymentWithoutCode {
  paymentId: string;
  reference: string;
  amountPence: number;
}

export interface PaymentCodesSummary {
  total: number;
  matched: number;
  unchanged: number;
  errors: number;
  /** True: apply nothing. */
  anyErrors: boolean;
  /** The rows read without an error. */
  file: { count: number; totalPence: number };
  /** The batch's payments. */
  batch: { count: number; totalPence: number };
  /**
   * The batch's SENT payments with no code once this file is applied; when the file has errors
   * (nothing is applied), those with no code now.
   */
  withoutCode: PaymentWithoutCode[];
}

export interface PaymentCodesResult {
  outcomes: PaymentCodeOutcome[];
  summary: PaymentCodesSummary;
}

const key = (reference: string) => reference.trim().toUpperCase();

export function matchPaymentCodes(input: MatchPaymentCodesInput): PaymentCodesResult {
  const { batchId, parsed, payments } = input;
  const byReference = new Map(payments.map((p) => [key(p.reference), p]));

  const outcomes: PaymentCodeOutcome[] = [
    ...parsed.errors.map((e): PaymentCodeOutcome => ({ lineNo: e.lineNo, outcome: "ERROR", message: e.message })),
    ...parsed.rows.map((row) => matchRow(row, byReference.get(key(row.reference)), input)),
  ].sort((a, b) => a.lineNo - b.lineNo);

  const count = (kind: RowOutcomeKind) => outcomes.filter((o) => o.outcome === kind).length;
  const errors = count("ERROR");
  const coded = new Set(errors > 0 ? [] : outcomes.flatMap((o) => (o.outcome === "MATCHED" && o.paymentId ? [o.paymentId] : [])));
  const ofBatch = payments.filter((p) => p.batchId === batchId);

  return {
    outcomes,
    summary: {
      total: outcomes.length,
      matched: count("MATCHED"),
      unchanged: count("UNCHANGED"),
      errors,
      anyErrors: errors > 0,
      file: { count: parsed.rows.length, totalPence: sum(parsed.rows.map((r) => r.amountPence)) },
      batch: { count: ofBatch.length, totalPence: sum(ofBatch.map((p) => p.amountPence)) },
      withoutCode: ofBatch
        .filter((p) => p.status === "SENT" && p.code === null && !coded.has(p.paymentId))
        .map(({ paymentId, reference, amountPence }) => ({ paymentId, reference, amountPence })),
    },
  };
}

function matchRow(row: PaymentCodeRow, payment: BatchPayment | undefined, input: MatchPaymentCodesInput): PaymentCodeOutcome {
  const { lineNo, reference, code } = row;
  const error = (message: string): PaymentCodeOutcome => ({
    lineNo,
    outcome: "ERROR",
    message: `Line ${lineNo}: ${message}`,
    ...(payment ? { paymentId: payment.paymentId } : {}),
  });

  if (!payment) {
    const other = input.otherBatches.get(key(reference));
    if (other)
      return error(`payment ${reference} is in another batch, ${batchName(other)}: upload this row with that batch's codes`);
    return error(`unknown reference ${shownValue(reference)}: no payment of this batch has it`);
  }
  const name = payment.reference;
  if (row.amountPence !== payment.amountPence) {
    return error(
      `amount mismatch for ${name}: file ${formatPence(row.amountPence)}, payment ${formatPence(payment.amountPence)}`,
    );
  }
  // The same code again changes nothing, whatever has happened to the voucher since.
  if (payment.code === code) return { lineNo, outcome: "UNCHANGED", paymentId: payment.paymentId };
  if (payment.status !== "SENT") {
    return error(`payment ${name} is ${payment.status}, not SENT: only a payment of a delivered batch gets a code`);
  }
  if (payment.batchId !== input.batchId) {
    return error(
      payment.batchId === null
        ? `payment ${name} is no longer in this batch`
        : `payment ${name} is now in another batch, ${batchName(input.otherBatches.get(key(name)) ?? { batchId: payment.batchId, fileName: null })}`,
    );
  }
  // A claimant may already hold a letter with the first code: replacing it is for a person, not an upload.
  if (payment.code !== null) return error(`payment ${name} already has a different payment code; an upload never replaces one`);
  if (input.existingCodes.has(code)) return error(`payment code ${shownValue(code)} is already used by another payment`);
  return { lineNo, outcome: "MATCHED", paymentId: payment.paymentId, code };
}

function batchName(batch: OtherBatch): string {
  return batch.fileName === null ? `batch ${batch.batchId}` : `batch ${batch.batchId} (file ${batch.fileName})`;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export interface PaymentCodeToApply {
  paymentId: string;
  code: string;
}

/** What the shell should write: the MATCHED rows' codes, or nothing at all if any row is an error. */
export function paymentCodesToApply(outcomes: readonly PaymentCodeOutcome[]): PaymentCodeToApply[] {
  if (outcomes.some((o) => o.outcome === "ERROR")) return [];
  return outcomes.flatMap((o) =>
    o.outcome === "MATCHED" && o.paymentId && o.code ? [{ paymentId: o.paymentId, code: o.code }] : [],
  );
}
