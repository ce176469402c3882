import type { Db } from "@/lib/db";
import type { LineOutcome } from "@/lib/notify/claimant-messages";
import { assertCanDecide, assertNotKeyedInBy, validationError, type Caseworker } from "./claim-change";
import { expenseTypeLabels } from "./expense-types";
import { lockClaim, type LockedClaim } from "./lock-claim";
import { lineFieldName, type DecideLinesResult } from "./rules/decide-lines";
import { decideLinesFromForm, type FormFieldReader } from "./rules/decide-lines-form";
import { lineOutcomes } from "./rules/decide-lines-outcomes";
import { secondApprovalDecision, type ApprovalLimits } from "./rules/second-approval";

export type CheckedDecision = Extract<DecideLinesResult, { ok: true }>;

/**
 * The caseworker's decision on the claim's lines, checked as deciding checks it: every line
 * decided as its choice requires, and no line approved above the per-line maximum. Anything
 * wrong is a validation error naming the line.
 */
export function decisionOfClaim(
  expenses: LockedClaim["expenses"],
  read: FormFieldReader,
  limits: ApprovalLimits,
): CheckedDecision {
  const decided = decideLinesFromForm(
    expenses.map((l) => ({ id: l.id, lineNo: l.lineNo, typeLabel: expenseTypeLabels[l.type], claimedPence: l.claimedPence })),
    read,
  );
  if (!decided.ok) throw validationError(decided.errors);
  const lineNumbers = new Map(expenses.map((l) => [l.id, l.lineNo]));
  const rule = secondApprovalDecision({
    lines: decided.lines.map((l) => ({ lineNo: lineNumbers.get(l.id)!, approvedPence: l.approvedPence })),
    recentApprovedPence: 0,
    limits,
  });
  if (rule.kind === "REFUSED") {
    const byLineNo = new Map(decided.lines.map((l) => [lineNumbers.get(l.id)!, l]));
    const errors: Record<string, string> = {};
    for (const refused of rule.lines) {
      const line = byLineNo.get(refused.lineNo)!;
      // The amount field when the caseworker typed the amount; the choice when it is the claimed one.
      const part = line.decision === "APPROVED_DIFFERENT_AMOUNT" ? "amount" : "decision";
      errors[lineFieldName(line.id, part)] = refused.message;
    }
    throw validationError(errors);
  }
  return decided;
}

/** What the check-your-answers step shows before anything is written. */
export type DecisionSummary = {
  outcome: "APPROVED" | "REJECTED";
  claimedTotalPence: number;
  approvedTotalPence: number;
  lines: LineOutcome[];
};

/**
 * The first step of a decision: checks it exactly as decideClaim will (the page's version, whether
 * this caseworker may decide the claim, every line) and says what it will do, writing nothing.
 * decideClaim checks it all again when the caseworker confirms.
 */
export async function checkDecision(options: {
  db: Db;
  reference: string;
  expectedVersion: number;
  read: FormFieldReader;
  actor: Caseworker;
  limits: ApprovalLimits;
}): Promise<DecisionSummary> {
  const { db, reference, expectedVersion, read, actor, limits } = options;
  const claim = await db.$transaction((tx) => lockClaim(tx, { reference, expectedVersion }));
  assertCanDecide(claim.status);
  assertNotKeyedInBy(claim, actor);
  const decided = decisionOfClaim(claim.expenses, read, limits);
  const lines = lineOutcomes(claim.expenses, decided.lines);
  return {
    outcome: decided.outcome,
    claimedTotalPence: claim.expenses.reduce((sum, l) => sum + l.claimedPence, 0),
    approvedTotalPence: decided.lines.reduce((sum, l) => sum + (l.approvedPence ?? 0), 0),
    lines,
  };
}

/** Where the two-step decision form is after a submit, with the decision's fields as sent. */
export type DecisionStep =
  | { step: "check"; summary: DecisionSummary; values: Record<string, string> }
  | { step: "change"; values: Record<string, string>; /** The line number whose "Change" was pressed. */ line?: string }
  | { step: "done"; values: Record<string, string> };

/** The decision's own fields (line-…) from a submitted form, strings only. */
export function decisionFieldValues(fields: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).filter(
      (entry): entry is [string, string] => entry[0].startsWith("line-") && typeof entry[1] === "string",
    ),
  );
}
