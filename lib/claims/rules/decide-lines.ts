import type { LineDecision } from "@/lib/generated/prisma/enums";
import { formatPence } from "@/lib/money";
import { checkNote } from "./notes";
import { isRejectionReason, rejectionReasonLabel, type RejectionReasonCode } from "./rejection-reasons";

export { parsePoundsToPence } from "@/lib/money";
export { REJECTION_REASONS, type RejectionReasonCode } from "./rejection-reasons";

/** What the caseworker picks for each expense line. */
export const LINE_CHOICES = ["APPROVE", "APPROVE_DIFFERENT", "REJECT"] as const;
export type LineChoice = (typeof LINE_CHOICES)[number];

/** amount and note belong to "different amount"; reason and otherReason to "reject". */
export type LineFieldPart = "decision" | "amount" | "note" | "reason" | "otherReason";

/** Form field names; errors are keyed by the same names. */
export function lineFieldName(lineId: string, part: LineFieldPart): string {
  return `line-${lineId}-${part}`;
}
/** For errors that belong to no single field (a stale or tampered form). */
export const FORM_ERROR_FIELD = "form";

/** A typed reason is sent to the claimant, perhaps by text message: kept short. */
export const OTHER_REASON_MAX_LENGTH = 500;

export const DECIDE_LINES_MESSAGES = {
  noLines: "This claim has no expense lines to decide",
  unknownLine: "The form includes an expense line that is not on this claim. Reload the page and try again.",
} as const;

/** What is wrong with one line, after the line's name ("Line 2, Train: …"), so the error summary says which. */
export const LINE_MESSAGES = {
  duplicate: "this expense line has been decided more than once",
  missingDecision: "choose a decision",
  missingAmount: "enter the approved amount",
  amountFormat: "enter the approved amount in pounds and pence, for example 12.50",
  amountNotPositive: "the approved amount must be more than £0.00",
  missingDifferentAmountNote: "enter a note explaining the different amount",
  noteTooLong: "the note must be 2,000 characters or fewer",
  missingReason: "choose a reason for rejecting this line",
  unknownReason: "choose a reason from the list",
  missingOtherReason: "enter the reason for rejecting this line",
  otherReasonTooLong: `the reason must be ${OTHER_REASON_MAX_LENGTH} characters or fewer`,
} as const;

export function amountAboveClaimedMessage(claimedPence: number): string {
  return `the approved amount must be no more than the ${formatPence(claimedPence)} claimed`;
}

export interface ExpenseLineInput {
  id: string;
  lineNo: number;
  /** The expense type as it reads on screen ("Train"); names the line in errors. */
  typeLabel: string;
  claimedPence: number;
}

/** "Line 2, Train": how an error names the line. */
export function lineName(line: Pick<ExpenseLineInput, "lineNo" | "typeLabel">): string {
  return `Line ${line.lineNo}, ${line.typeLabel}`;
}

export function lineMessage(line: Pick<ExpenseLineInput, "lineNo" | "typeLabel">, text: string): string {
  return `${lineName(line)}: ${text}`;
}

export interface LineDecisionInput {
  lineId: string;
  decision: LineChoice;
  approvedPence?: number | null;
  /** Only for a different amount (required there); ignored otherwise. */
  note?: string | null;
  /** Only for a rejected line (required there): a code from the list. */
  reason?: string | null;
  /** The reason in the caseworker's words, when the code is OTHER. */
  otherReason?: string | null;
}

export interface DecideLinesInput {
  lines: readonly ExpenseLineInput[];
  decisions: readonly LineDecisionInput[];
}

export interface DecidedLine {
  id: string;
  decision: LineDecision;
  approvedPence: number | null;
  /**
   * What the claimant is told about the line, kept as its decision note: the note explaining a
   * different amount, or the reason a line is rejected (the list's words, or the caseworker's for
   * "Other"); null for a line approved as claimed.
   */
  note: string | null;
  /** The list's code for a rejected line; null otherwise. */
  reasonCode: RejectionReasonCode | null;
}

export type DecideLinesResult =
  | { ok: true; outcome: "APPROVED"; approvedTotalPence: number; lines: DecidedLine[] }
  | { ok: true; outcome: "REJECTED"; reason: string; lines: DecidedLine[] }
  | { ok: false; errors: Record<string, string> };

/**
 * The caseworker's decision on every line of a claim. At least one line approved approves the
 * claim for the approved total; every line rejected rejects it, its reason the lines' reasons
 * (docs/correspondence-and-decisions.md#the-rules).
 */
export function decideLines(input: DecideLinesInput): DecideLinesResult {
  if (input.lines.length === 0) return { ok: false, errors: { [FORM_ERROR_FIELD]: DECIDE_LINES_MESSAGES.noLines } };

  const errors: Record<string, string> = {};
  const linesById = new Map(input.lines.map((l) => [l.id, l]));
  const byLine = new Map<string, LineDecisionInput>();
  for (const d of input.decisions) {
    const line = linesById.get(d.lineId);
    if (!line) errors[FORM_ERROR_FIELD] = DECIDE_LINES_MESSAGES.unknownLine;
    else if (byLine.has(d.lineId)) errors[lineFieldName(d.lineId, "decision")] = lineMessage(line, LINE_MESSAGES.duplicate);
    else byLine.set(d.lineId, d);
  }

  const decided: DecidedLine[] = [];
  for (const line of input.lines) {
    const d = byLine.get(line.id);
    if (!d) {
      errors[lineFieldName(line.id, "decision")] ??= lineMessage(line, LINE_MESSAGES.missingDecision);
      continue;
    }
    const result = decideLine(line, d);
    if (result.ok) decided.push(result.line);
    else Object.assign(errors, result.errors);
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (decided.every((l) => l.decision === "REJECTED")) {
    const reasons = [...new Set(decided.map((l) => l.note!))];
    return { ok: true, outcome: "REJECTED", reason: reasons.join("; "), lines: decided };
  }
  const approvedTotalPence = decided.reduce((sum, l) => sum + (l.approvedPence ?? 0), 0);
  return { ok: true, outcome: "APPROVED", approvedTotalPence, lines: decided };
}

type LineResult = { ok: true; line: DecidedLine } | { ok: false; errors: Record<string, string> };

function decideLine(line: ExpenseLineInput, d: LineDecisionInput): LineResult {
  const errors: Record<string, string> = {};
  const fail = (part: LineFieldPart, text: string) => (errors[lineFieldName(line.id, part)] = lineMessage(line, text));

  switch (d.decision) {
    case "APPROVE":
      return {
        ok: true,
        line: { id: line.id, decision: "APPROVED", approvedPence: line.claimedPence, note: null, reasonCode: null },
      };
    case "APPROVE_DIFFERENT": {
      const approvedPence = d.approvedPence ?? null;
      const amountError = differentAmountError(approvedPence, line.claimedPence);
      if (amountError !== null) fail("amount", amountError);
      const note = checkNote(d.note, LINE_MESSAGES.missingDifferentAmountNote);
      if (!note.ok)
        fail("note", note.message === LINE_MESSAGES.missingDifferentAmountNote ? note.message : LINE_MESSAGES.noteTooLong);
      if (!note.ok || amountError !== null) return { ok: false, errors };
      return {
        ok: true,
        line: { id: line.id, decision: "APPROVED_DIFFERENT_AMOUNT", approvedPence, note: note.note, reasonCode: null },
      };
    }
    case "REJECT": {
      const reason = rejectedLineReason(d);
      if (!reason.ok) {
        fail(reason.part, reason.message);
        return { ok: false, errors };
      }
      return {
        ok: true,
        line: { id: line.id, decision: "REJECTED", approvedPence: null, note: reason.text, reasonCode: reason.code },
      };
    }
    default:
      // Unreachable for typed callers; guards values cast from untyped form data.
      fail("decision", LINE_MESSAGES.missingDecision);
      return { ok: false, errors };
  }
}

type ReasonCheck =
  { ok: true; code: RejectionReasonCode; text: string } | { ok: false; part: "reason" | "otherReason"; message: string };

function rejectedLineReason(d: LineDecisionInput): ReasonCheck {
  const code = d.reason?.trim() ?? "";
  if (code === "") return { ok: false, part: "reason", message: LINE_MESSAGES.missingReason };
  if (!isRejectionReason(code)) return { ok: false, part: "reason", message: LINE_MESSAGES.unknownReason };
  if (code !== "OTHER") return { ok: true, code, text: rejectionReasonLabel(code) };
  // Browsers send textarea line breaks as CRLF; a reason reads as one line in a text message.
  const text = (d.otherReason ?? "").replace(/\s+/g, " ").trim();
  if (text === "") return { ok: false, part: "otherReason", message: LINE_MESSAGES.missingOtherReason };
  if (text.length > OTHER_REASON_MAX_LENGTH) return { ok: false, part: "otherReason", message: LINE_MESSAGES.otherReasonTooLong };
  return { ok: true, code, text };
}

function differentAmountError(approvedPence: number | null, claimedPence: number): string | null {
  if (approvedPence === null) return LINE_MESSAGES.missingAmount;
  if (!Number.isSafeInteger(approvedPence)) return LINE_MESSAGES.amountFormat;
  if (approvedPence <= 0) return LINE_MESSAGES.amountNotPositive;
  if (approvedPence > claimedPence) return amountAboveClaimedMessage(claimedPence);
  return null;
}
