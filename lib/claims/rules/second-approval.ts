import { formatPence } from "@/lib/money";

/** The two settings behind the rule (SECOND_APPROVAL_THRESHOLD_PENCE, LINE_MAXIMUM_PENCE). */
export interface ApprovalLimits {
  /** Above this (approved total plus the person's approvals of the window), a second caseworker approves. */
  secondApprovalThresholdPence: number;
  /** No expense line may be approved above this. */
  lineMaximumPence: number;
}

/** The settings' defaults (lib/config/schema.ts), for tests and scripts that do not read the config. */
export const DEFAULT_APPROVAL_LIMITS: ApprovalLimits = { secondApprovalThresholdPence: 50_000, lineMaximumPence: 100_000 };

export const SECOND_APPROVAL_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The earliest first approval that still counts at `now`: 30 times 24 hours back, inclusive. A
 * claim counts from its first approval (a claim waiting for its second approver counts already),
 * so splitting one sum over claims approved one after another does not avoid the rule.
 */
export function secondApprovalWindowStart(now: Date): Date {
  return new Date(now.getTime() - SECOND_APPROVAL_WINDOW_DAYS * DAY_MS);
}

export interface ApprovedLine {
  lineNo: number;
  /** null for a rejected line. */
  approvedPence: number | null;
}

export type SecondApprovalDecision =
  | { kind: "APPROVE"; approvedTotalPence: number; recentApprovedPence: number; combinedPence: number }
  | { kind: "NEEDS_SECOND_APPROVAL"; approvedTotalPence: number; recentApprovedPence: number; combinedPence: number }
  | { kind: "REFUSED"; lines: { lineNo: number; message: string }[] };

export function lineAboveMaximumMessage(lineNo: number, approvedPence: number, lineMaximumPence: number): string {
  return `Line ${lineNo}: ${formatPence(approvedPence)} is above the most one line may be approved for, ${formatPence(lineMaximumPence)}`;
}

/**
 * Whether an approval stands on one caseworker's word. A line above the per-line maximum is refused
 * outright, whatever the total. Otherwise the claim's approved total plus what the same person had
 * approved in the window (`recentApprovedPence`, other claims only) needs a second caseworker when
 * it exceeds the threshold: exactly at the threshold does not.
 */
export function secondApprovalDecision(input: {
  lines: readonly ApprovedLine[];
  recentApprovedPence: number;
  limits: ApprovalLimits;
}): SecondApprovalDecision {
  const { lines, recentApprovedPence, limits } = input;
  const refused = lines
    .filter((l) => l.approvedPence !== null && l.approvedPence > limits.lineMaximumPence)
    .map((l) => ({ lineNo: l.lineNo, message: lineAboveMaximumMessage(l.lineNo, l.approvedPence!, limits.lineMaximumPence) }));
  if (refused.length > 0) return { kind: "REFUSED", lines: refused };

  const approvedTotalPence = lines.reduce((sum, l) => sum + (l.approvedPence ?? 0), 0);
  const combinedPence = approvedTotalPence + recentApprovedPence;
  const kind = combinedPence > limits.secondApprovalThresholdPence ? "NEEDS_SECOND_APPROVAL" : "APPROVE";
  return { kind, approvedTotalPence, recentApprovedPence, combinedPence };
}

/** The figures behind a first approval that needs a second caseworker, kept on its timeline entry. */
export type SecondApprovalFigures = {
  approvedTotalPence: number;
  recentApprovedPence: number;
  combinedPence: number;
  thresholdPence: number;
};

export function secondApprovalFigures(
  decision: { approvedTotalPence: number; recentApprovedPence: number; combinedPence: number },
  limits: ApprovalLimits,
): SecondApprovalFigures {
  const { approvedTotalPence, recentApprovedPence, combinedPence } = decision;
  return { approvedTotalPence, recentApprovedPence, combinedPence, thresholdPence: limits.secondApprovalThresholdPence };
}

/** The figures back from a timeline entry's JSON detail; null when it does not hold them. */
export function readSecondApprovalFigures(detail: unknown): SecondApprovalFigures | null {
  if (typeof detail !== "object" || detail === null) return null;
  const d = detail as Record<string, unknown>;
  const keys = ["approvedTotalPence", "recentApprovedPence", "combinedPence", "thresholdPence"] as const;
  if (!keys.every((k) => Number.isSafeInteger(d[k]))) return null;
  return Object.fromEntries(keys.map((k) => [k, d[k]])) as SecondApprovalFigures;
}

/** Why the first approval needed a second caseworker, for the timeline and the claim page. */
export function secondApprovalReason(figures: SecondApprovalFigures): string {
  const limit = `above the ${formatPence(figures.thresholdPence)} one caseworker may approve`;
  if (figures.recentApprovedPence === 0) return `${formatPence(figures.approvedTotalPence)} is ${limit}`;
  return (
    `${formatPence(figures.approvedTotalPence)}, with ${formatPence(figures.recentApprovedPence)} approved for this person ` +
    `in the previous ${SECOND_APPROVAL_WINDOW_DAYS} days, makes ${formatPence(figures.combinedPence)}, ${limit}`
  );
}

export const SECOND_APPROVAL_MESSAGES = {
  notWaiting: "This claim is not waiting for a second approval",
  firstApprover: "You approved this claim; another caseworker must check it.",
  keyedIn: "You keyed this claim in, so another caseworker must check it.",
} as const;

export type SecondApproverRefusal = { code: "INVALID_STATE" | "FORBIDDEN"; message: string };

/**
 * Who may give the second approval (or return the claim): any caseworker but the first approver
 * and whoever keyed the claim in. The page and the services ask the same question.
 */
export function secondApproverRefusal(
  claim: { status: string; firstApprovedById: string | null; keyedInById: string | null },
  actorId: string,
): SecondApproverRefusal | null {
  if (claim.status !== "AWAITING_SECOND_APPROVAL") return { code: "INVALID_STATE", message: SECOND_APPROVAL_MESSAGES.notWaiting };
  if (claim.firstApprovedById === actorId) return { code: "FORBIDDEN", message: SECOND_APPROVAL_MESSAGES.firstApprover };
  if (claim.keyedInById === actorId) return { code: "FORBIDDEN", message: SECOND_APPROVAL_MESSAGES.keyedIn };
  return null;
}

export const RETURN_NOTE_MIN = 5;
export const RETURN_NOTE_MAX = 500;

export type ReturnNoteCheck = { ok: true; note: string } | { ok: false; message: string };

/** The note that goes with a returned claim: why the first approval does not stand. */
export function checkReturnNote(raw: string | null | undefined): ReturnNoteCheck {
  const note = (raw ?? "").replace(/\r\n?/g, "\n").trim();
  if (note === "") return { ok: false, message: "Enter why the claim is returned" };
  if (note.length < RETURN_NOTE_MIN) return { ok: false, message: `The note must be at least ${RETURN_NOTE_MIN} characters` };
  if (note.length > RETURN_NOTE_MAX) return { ok: false, message: `The note must be ${RETURN_NOTE_MAX} characters or fewer` };
  return { ok: true, note };
}
