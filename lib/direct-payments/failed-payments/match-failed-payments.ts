import { formatPence } from "@/lib/money";
import { shownValue, type FailedPaymentRow, type ParsedFailedPayments } from "./parse-failed-payments";

/**
 * Matching SSCL's failed rows to the AccessPay lines we sent (docs/file-formats.md#matching-failed-rows).
 * Pure: the shell loads the candidate file lines (with bank details decrypted) and applies the
 * outcomes, and only if summarise(...).anyErrors is false ("if any row is an error, apply nothing").
 */

/** Same strings as the Prisma enum; redeclared so this module stays free of Prisma. */
export type PaymentStatusName = "NEW" | "SENT" | "PAID" | "FAILED" | "CANCELLED" | "CASHED" | "EXPIRED";

/**
 * One stored FileLine with what it paid to. The shell should load every line, in any batch
 * (void ones too, so the error can say so), whose fileReference is one of the rows' references.
 */
export interface CandidateFileLine {
  fileLineId: string;
  batchId: string;
  batchIsVoid: boolean;
  paymentId: string;
  paymentReference: string;
  paymentStatus: PaymentStatusName;
  failureReason: string | null;
  /** The reference column as written to the file: payment reference or roll number. */
  fileReference: string;
  /** Decrypted bank details this line paid to. */
  sortCode: string;
  accountNumber: string;
  amountPence: number;
}

export type RowOutcomeKind = "MATCHED" | "UNCHANGED" | "ERROR";

export interface RowOutcome {
  lineNo: number;
  outcome: RowOutcomeKind;
  paymentId?: string;
  fileLineId?: string;
  /** MATCHED: the reason to store on the payment (NO_REASON_GIVEN when the row has none). */
  failureReason?: string;
  /** ERROR: starts with "Line N". */
  message?: string;
}

/** Stored when SSCL's row has no reason column, and compared as equal to a missing reason. */
export const NO_REASON_GIVEN = "No reason given";

export function failureReasonOf(row: Pick<FailedPaymentRow, "reason">): string {
  return row.reason ?? NO_REASON_GIVEN;
}

// Reasons are typed by people: "Account closed" and "account  closed" are the same reason, and
// calling them different would turn a harmless re-upload into an error.
function sameReason(a: string | null, b: string | null): boolean {
  const norm = (r: string | null) => (r ?? NO_REASON_GIVEN).trim().replace(/\s+/g, " ").toLowerCase();
  return norm(a) === norm(b);
}

// Bacs and bank reports upper-case references; roll numbers may come back in either case.
function sameReference(a: string, b: string): boolean {
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}

/** One outcome per row, in row order. Duplicate rows for one payment are all errors. */
export function matchFailedPayments(rows: readonly FailedPaymentRow[], lines: readonly CandidateFileLine[]): RowOutcome[] {
  const outcomes = rows.map((row) => matchRow(row, lines));
  markDuplicates(outcomes);
  return outcomes;
}

/** Parse errors and match outcomes together, sorted by line: everything the upload page shows. */
export function reconcileFailedPayments(parsed: ParsedFailedPayments, lines: readonly CandidateFileLine[]): RowOutcome[] {
  const errors: RowOutcome[] = parsed.errors.map((e) => ({ lineNo: e.lineNo, outcome: "ERROR", message: e.message }));
  return [...errors, ...matchFailedPayments(parsed.rows, lines)].sort((a, b) => a.lineNo - b.lineNo);
}

function matchRow(row: FailedPaymentRow, lines: readonly CandidateFileLine[]): RowOutcome {
  const error = (message: string, line?: CandidateFileLine): RowOutcome => ({
    lineNo: row.lineNo,
    outcome: "ERROR",
    message: `Line ${row.lineNo}: ${message}`,
    ...(line ? { paymentId: line.paymentId, fileLineId: line.fileLineId } : {}),
  });

  const sameRef = lines.filter((l) => sameReference(l.fileReference, row.reference));
  if (sameRef.length === 0) return error(matchMessages.unknown(row.reference));

  const exact = sameRef.filter(
    (l) => l.sortCode === row.sortCode && l.accountNumber === row.accountNumber && l.amountPence === row.amountPence,
  );
  if (exact.length === 0) {
    const line = closest(row, sameRef);
    return error(
      matchMessages.mismatch({
        sortCodeAgrees: line.sortCode === row.sortCode,
        accountAgrees: line.accountNumber === row.accountNumber,
        fileAmountPence: row.amountPence,
        sentAmountPence: line.amountPence,
        rowReference: row.reference,
        paymentReference: line.paymentReference,
      }),
    );
  }

  // A voided batch's payment goes back to NEW and may be sent again in a later batch, so a live
  // line wins over a void one; only when every matching line is void is that the error.
  const live = exact.filter((l) => !l.batchIsVoid);
  if (live.length === 0) {
    const line = exact[0];
    return error(matchMessages.voided(line.paymentReference, line.batchId), line);
  }

  const sent = unique(live.filter((l) => l.paymentStatus === "SENT" || l.paymentStatus === "PAID"));
  if (sent.length > 1) {
    // Possible with roll numbers: one society account, the same amount, in two batches.
    return error(matchMessages.ambiguous(sent.map((l) => l.paymentReference)));
  }
  if (sent.length === 1) {
    const line = sent[0];
    return {
      lineNo: row.lineNo,
      outcome: "MATCHED",
      paymentId: line.paymentId,
      fileLineId: line.fileLineId,
      failureReason: failureReasonOf(row),
    };
  }

  const failed = live.find((l) => l.paymentStatus === "FAILED");
  if (failed) {
    if (sameReason(failed.failureReason, row.reason)) {
      return { lineNo: row.lineNo, outcome: "UNCHANGED", paymentId: failed.paymentId, fileLineId: failed.fileLineId };
    }
    return error(matchMessages.differentReason(failed.paymentReference, failed.failureReason, failureReasonOf(row)), failed);
  }

  const line = live[0];
  return error(matchMessages.notSent(line.paymentReference, line.paymentStatus), line);
}

/**
 * What a row that does not match is told, after "Line N: ". One builder per kind of problem,
 * shared by the pure matcher here and by the set-based check, which stages the facts in SQL and
 * renders only the messages it stores (check-failed-payments.ts).
 */
export const matchMessages = {
  unknown: (reference: string) => `unknown line: no AccessPay line was sent with reference ${shownValue(reference)}`,
  // Names which values disagree, but never echoes the stored bank details: the report is a
  // download, and the sent sort code or account number is not something it needs to carry.
  mismatch(f: {
    sortCodeAgrees: boolean;
    accountAgrees: boolean;
    fileAmountPence: number;
    sentAmountPence: number;
    rowReference: string;
    paymentReference: string;
  }): string {
    const parts: string[] = [];
    if (!f.sortCodeAgrees) parts.push("sort code mismatch");
    if (!f.accountAgrees) parts.push("account number mismatch");
    if (f.fileAmountPence !== f.sentAmountPence) {
      parts.push(`amount mismatch: file ${formatPence(f.fileAmountPence)}, sent ${formatPence(f.sentAmountPence)}`);
    }
    // A roll number says nothing to a caseworker; name the payment too when the reference is one.
    const shownReference = f.rowReference.length > 40 ? `${f.rowReference.slice(0, 40)}…` : f.rowReference;
    const which = sameReference(f.rowReference, f.paymentReference)
      ? f.paymentReference
      : `${shownReference} (payment ${f.paymentReference})`;
    return `${parts.join("; ")} for ${which}`;
  },
  voided: (paymentReference: string, batchId: string) =>
    `line of a voided batch: payment ${paymentReference} was in batch ${batchId}, which was voided`,
  ambiguous: (paymentReferences: readonly string[]) =>
    `matches more than one sent payment (${paymentReferences.join(", ")}); ask for the payment reference to tell them apart`,
  differentReason: (paymentReference: string, storedReason: string | null, fileReason: string) =>
    `payment ${paymentReference} already failed with a different reason (${shownValue(storedReason ?? NO_REASON_GIVEN)}; this file says ${shownValue(fileReason)})`,
  notSent: (paymentReference: string, status: string) => `payment not sent: payment ${paymentReference} is ${status}`,
  /** `others`: the first few of the other rows' lines; `otherCount`: how many other rows in all. */
  duplicate(others: readonly number[], otherCount: number): string {
    const more = otherCount - others.length;
    const list = others.join(", ") + (more > 0 ? ` and ${more.toLocaleString("en-GB")} more` : "");
    return `duplicate row (also line ${list}) for the same payment`;
  },
};

/** How many of the other rows' lines a duplicate's message names before "and N more". */
export const DUPLICATES_NAMED = 3;

function unique(lines: CandidateFileLine[]): CandidateFileLine[] {
  const seen = new Set<string>();
  return lines.filter((l) => {
    if (seen.has(l.paymentId)) return false;
    seen.add(l.paymentId);
    return true;
  });
}

/** The candidate agreeing on most of sort code, account and amount: the likeliest intended line. */
function closest(row: FailedPaymentRow, candidates: CandidateFileLine[]): CandidateFileLine {
  const score = (l: CandidateFileLine) =>
    Number(l.sortCode === row.sortCode) +
    Number(l.accountNumber === row.accountNumber) +
    Number(l.amountPence === row.amountPence);
  return candidates.reduce((best, l) => (score(l) > score(best) ? l : best));
}

/** Two rows resolving to one payment: all of them become errors, each naming the others. */
function markDuplicates(outcomes: RowOutcome[]): void {
  const byPayment = new Map<string, RowOutcome[]>();
  for (const o of outcomes) {
    if (o.outcome === "ERROR" || !o.paymentId) continue;
    byPayment.set(o.paymentId, [...(byPayment.get(o.paymentId) ?? []), o]);
  }
  for (const group of byPayment.values()) {
    if (group.length < 2) continue;
    for (const o of group) {
      const others = group.filter((g) => g !== o).map((g) => g.lineNo);
      o.outcome = "ERROR";
      o.message = `Line ${o.lineNo}: ${matchMessages.duplicate(others.slice(0, DUPLICATES_NAMED), others.length)}`;
      delete o.failureReason;
    }
  }
}

export interface OutcomeSummary {
  total: number;
  matched: number;
  unchanged: number;
  errors: number;
  /** True: apply nothing. */
  anyErrors: boolean;
}

export function summarise(outcomes: readonly Pick<RowOutcome, "outcome">[]): OutcomeSummary {
  const count = (kind: RowOutcomeKind) => outcomes.filter((o) => o.outcome === kind).length;
  const errors = count("ERROR");
  return { total: outcomes.length, matched: count("MATCHED"), unchanged: count("UNCHANGED"), errors, anyErrors: errors > 0 };
}

export interface FailureToApply {
  paymentId: string;
  fileLineId: string;
  failureReason: string;
}

/**
 * What the shell should write: the MATCHED rows, or nothing at all if any row is an error
 * ("validate the whole file first ... if any row is an error, apply nothing"). UNCHANGED rows
 * need no write.
 */
export function changesToApply(outcomes: readonly RowOutcome[]): FailureToApply[] {
  if (summarise(outcomes).anyErrors) return [];
  return outcomes.flatMap((o) =>
    o.outcome === "MATCHED" && o.paymentId && o.fileLineId && o.failureReason
      ? [{ paymentId: o.paymentId, fileLineId: o.fileLineId, failureReason: o.failureReason }]
      : [],
  );
}

/** The kinds of row error the matcher finds (the parser's are in parse-failed-payments.ts). */
export type MatchErrorKind = "unknown" | "mismatch" | "voided" | "ambiguous" | "different-reason" | "not-sent" | "duplicate";

/** What the set-based check stages for a row error, per kind: the values its message needs. */
export type MatchErrorFacts = {
  unknown: { reference: string };
  mismatch: {
    sortCodeAgrees: boolean;
    accountAgrees: boolean;
    fileAmountPence: number;
    sentAmountPence: number;
    rowReference: string;
    paymentReference: string;
  };
  voided: { paymentReference: string; batchId: string };
  ambiguous: { paymentReferences: string[] };
  "different-reason": { paymentReference: string; storedReason: string | null; fileReason: string };
  "not-sent": { paymentReference: string; status: string };
  duplicate: { others: number[]; otherCount: number };
};

/** The message of a row error from its staged facts: the same words the matcher above writes. */
export function renderMatchError(kind: string, facts: unknown, lineNo: number): string {
  const f = facts as MatchErrorFacts[MatchErrorKind];
  const message = (() => {
    switch (kind as MatchErrorKind) {
      case "unknown":
        return matchMessages.unknown((f as MatchErrorFacts["unknown"]).reference);
      case "mismatch":
        return matchMessages.mismatch(f as MatchErrorFacts["mismatch"]);
      case "voided": {
        const v = f as MatchErrorFacts["voided"];
        return matchMessages.voided(v.paymentReference, v.batchId);
      }
      case "ambiguous":
        return matchMessages.ambiguous((f as MatchErrorFacts["ambiguous"]).paymentReferences);
      case "different-reason": {
        const d = f as MatchErrorFacts["different-reason"];
        return matchMessages.differentReason(d.paymentReference, d.storedReason, d.fileReason);
      }
      case "not-sent": {
        const n = f as MatchErrorFacts["not-sent"];
        return matchMessages.notSent(n.paymentReference, n.status);
      }
      case "duplicate": {
        const d = f as MatchErrorFacts["duplicate"];
        return matchMessages.duplicate(d.others, d.otherCount);
      }
      default:
        return "error";
    }
  })();
  return `Line ${lineNo}: ${message}`;
}
