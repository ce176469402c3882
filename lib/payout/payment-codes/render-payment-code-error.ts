import { matchPaymentCodes, type BatchPayment, type OtherBatch } from "../match-payment-codes";
import { linesText } from "../parse-csv-upload";
import { duplicateCodeProblem, duplicateReferenceProblem } from "../parse-payment-codes";
import type { PaymentStatus } from "@/lib/generated/prisma/enums";

/**
 * The message of an error row the set-based check (check-payment-codes.ts) staged with its facts.
 * The words are the pure matcher's own: the row and what the database holds for it are handed to
 * matchPaymentCodes as a one-row file, so the upload and the corpus can never say different things.
 * Pure; only called for the error rows the upload shell stores.
 */

/** How many of the other lines a duplicate names before "and N more". */
export const OTHER_LINES_NAMED = 10;

/** The facts of a row whose values are wrong, or that shares its code or reference with other lines. */
export interface ValuesFacts {
  /** The line's own problems, joined with "; " (null when only a duplicate is wrong). */
  problems: string | null;
  reference: string;
  code: string | null;
  /** The first few other lines with the same code (or reference), and how many there are in all. */
  codeOthers: number[] | null;
  codeOtherCount: number | null;
  referenceOthers: number[] | null;
  referenceOtherCount: number | null;
}

/** The facts of a well-formed row the batch does not accept. */
export interface MatchFacts {
  row: { amountPence: number; reference: string; code: string };
  batchId: string | null;
  /** The payment of the batch with the row's reference, as it is now. */
  payment: {
    paymentId: string;
    reference: string;
    amountPence: number;
    status: PaymentStatus;
    batchId: string | null;
    code: string | null;
  } | null;
  /** The Payout batch the payment is in now (or last was), with its file, when that is not this one. */
  elsewhere: OtherBatch | null;
  codeUsed: boolean;
}

/** "line 4", "lines 2, 4 and 9", "lines 2, 3, … and 1,996 more". */
export function otherLinesText(others: readonly number[], total: number): string {
  const more = total - others.length;
  if (more <= 0) return linesText(others);
  return `lines ${others.join(", ")} and ${more.toLocaleString("en-GB")} more`;
}

export function renderPaymentCodeError(kind: string, facts: unknown, lineNo: number): string {
  if (kind === "values") {
    const f = facts as ValuesFacts;
    const problems = [
      ...(f.problems ? [f.problems] : []),
      ...(f.codeOthers && f.code !== null
        ? [duplicateCodeProblem(f.code, otherLinesText(f.codeOthers, f.codeOtherCount ?? 0))]
        : []),
      ...(f.referenceOthers
        ? [duplicateReferenceProblem(f.reference, otherLinesText(f.referenceOthers, f.referenceOtherCount ?? 0))]
        : []),
    ];
    return `Line ${lineNo}: ${problems.join("; ")}`;
  }
  const f = facts as MatchFacts;
  const key = (reference: string) => reference.trim().toUpperCase();
  const otherBatches = new Map<string, OtherBatch>();
  if (f.elsewhere) otherBatches.set(key(f.payment?.reference ?? f.row.reference), f.elsewhere);
  const payments: BatchPayment[] = f.payment ? [f.payment] : [];
  const { outcomes } = matchPaymentCodes({
    batchId: f.batchId ?? "",
    parsed: { rows: [{ lineNo, ...f.row }], errors: [] },
    payments,
    otherBatches,
    existingCodes: new Set(f.codeUsed ? [f.row.code] : []),
  });
  return outcomes[0]?.message ?? `Line ${lineNo}: error`;
}
