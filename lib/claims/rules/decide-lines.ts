import type { LineDecision } from "@/lib/generated/prisma/enums";
import { formatPence } from "@/lib/money";
import { checkNote } from "./notes";
import { isRejectionReason, rejectionReasonError, type RejectionReasonCode } from "./rejection-reasons";

export { parsePoundsToPence } from "@/lib/money";
export { REJECTION_REASONS, type RejectionReasonCode } from "./rejection-reasons";

/** What the caseworker picks for each expense line. */
export const LINE_CHOICES = ["APPROVE", "APPROVE_DIFFERENT", "REJECT"] as const;
export type LineChoice = (typeof LINE_CHOICES)[number];

export type LineFieldPart = "decision" | "amount" | "note";

/** Form field names; errors are keyed by the same names. */
export function lineFieldName(lineId: string, part: LineFieldPart): string {
  return `line-${lineId}-${part}`;
}
export const REJECTION_REASON_FIELD = "rejectionReason";
/** For errors that belong to no single field (a stale or tampered form). */
export const FORM_ERROR_FIELD = "form";

export const DECIDE_LINES_MESSAGES = {
  noLines: "This claim has no expense lines to decide",
  unknownLine: "The form includes an expense line that is not on this claim. Reload the page and try again.",
  duplicate: "This expense line has been decided more than once",
  missingDecision: "Choose a decision for this expense line",
  missingAmount: "Enter the approved amount",
  amountFormat: "Enter the approved amount in pounds and pence, for example 12.50",
  amountNotPositive: "The approved amount must be more than £0.00",
  missingDifferentAmountNote: "Enter a note explaining the different amount",
} as const;

export function amountAboveClaimedMessage(claimedPence: number): string {
  return `The approved amount must be less than or equal to the claimed ${formatPence(claimedPence)}`;
}

export interface ExpenseLineInput {
  id: string;
  claimedPence: number;
}

export interface LineDecisionInput {
  lineId: string;
  decision: LineChoice;
  approvedPence?: number | null;
  note?: string | null;
}

export interface DecideLinesInput {
  lines: readonly ExpenseLineInput[];
  decisions: readonly LineDecisionInput[];
  rejectionReason?: string | null;
}

export interface DecidedLine {
  id: string;
  decision: LineDecision;
  approvedPence: number | null;
  note: string | null;
}

export type DecideLinesResult =
  | { ok: true; outcome: "APPROVED"; approvedTotalPence: number; lines: DecidedLine[] }
  | { ok: true; outcome: "REJECTED"; reason: RejectionReasonCode; lines: DecidedLine[] }
  | { ok: false; errors: Record<string, string> };

export function decideLines(input: DecideLinesInput): DecideLinesResult {
  if (input.lines.length === 0) return { ok: false, errors: { [FORM_ERROR_FIELD]: DECIDE_LINES_MESSAGES.noLines } };

  const errors: Record<string, string> = {};
  const claimLineIds = new Set(input.lines.map((l) => l.id));
  const byLine = new Map<string, LineDecisionInput>();
  for (const d of input.decisions) {
    if (!claimLineIds.has(d.lineId)) errors[FORM_ERROR_FIELD] = DECIDE_LINES_MESSAGES.unknownLine;
    else if (byLine.has(d.lineId)) errors[lineFieldName(d.lineId, "decision")] = DECIDE_LINES_MESSAGES.duplicate;
    else byLine.set(d.lineId, d);
  }

  const decided: DecidedLine[] = [];
  for (const line of input.lines) {
    const d = byLine.get(line.id);
    if (!d) {
      errors[lineFieldName(line.id, "decision")] = DECIDE_LINES_MESSAGES.missingDecision;
      continue;
    }
    const result = decideLine(line, d);
    if (result.ok) decided.push(result.line);
    else Object.assign(errors, result.errors);
  }

  // Every line rejected rejects the claim as a whole, which needs a reason; otherwise any
  // reason sent along is ignored.
  const allRejected = input.lines.every((l) => byLine.get(l.id)?.decision === "REJECT");
  const reason = input.rejectionReason;
  const reasonError = allRejected ? rejectionReasonError(reason) : null;
  if (reasonError !== null) errors[REJECTION_REASON_FIELD] = reasonError;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (allRejected && isRejectionReason(reason)) return { ok: true, outcome: "REJECTED", reason, lines: decided };
  const approvedTotalPence = decided.reduce((sum, l) => sum + (l.approvedPence ?? 0), 0);
  return { ok: true, outcome: "APPROVED", approvedTotalPence, lines: decided };
}

type LineResult = { ok: true; line: DecidedLine } | { ok: false; errors: Record<string, string> };

function decideLine(line: ExpenseLineInput, d: LineDecisionInput): LineResult {
  const errors: Record<string, string> = {};
  const noteRequired = d.decision === "APPROVE_DIFFERENT" ? DECIDE_LINES_MESSAGES.missingDifferentAmountNote : undefined;
  const note = checkNote(d.note, noteRequired);
  if (!note.ok) errors[lineFieldName(line.id, "note")] = note.message;

  let decision: LineDecision;
  let approvedPence: number | null;
  switch (d.decision) {
    case "APPROVE":
      decision = "APPROVED";
      approvedPence = line.claimedPence;
      break;
    case "REJECT":
      decision = "REJECTED";
      approvedPence = null;
      break;
    case "APPROVE_DIFFERENT": {
      decision = "APPROVED_DIFFERENT_AMOUNT";
      approvedPence = d.approvedPence ?? null;
      const amountError = differentAmountError(approvedPence, line.claimedPence);
      if (amountError !== null) errors[lineFieldName(line.id, "amount")] = amountError;
      break;
    }
    default:
      // Unreachable for typed callers; guards values cast from untyped form data.
      return { ok: false, errors: { [lineFieldName(line.id, "decision")]: DECIDE_LINES_MESSAGES.missingDecision } };
  }

  if (!note.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, line: { id: line.id, decision, approvedPence, note: note.note } };
}

function differentAmountError(approvedPence: number | null, claimedPence: number): string | null {
  if (approvedPence === null) return DECIDE_LINES_MESSAGES.missingAmount;
  if (!Number.isSafeInteger(approvedPence)) return DECIDE_LINES_MESSAGES.amountFormat;
  if (approvedPence <= 0) return DECIDE_LINES_MESSAGES.amountNotPositive;
  if (approvedPence > claimedPence) return amountAboveClaimedMessage(claimedPence);
  return null;
}
