import { parsePoundsToPence } from "@/lib/money";
import {
  decideLines,
  DECIDE_LINES_MESSAGES,
  LINE_CHOICES,
  lineFieldName,
  REJECTION_REASON_FIELD,
  type DecideLinesResult,
  type ExpenseLineInput,
  type LineChoice,
  type LineDecisionInput,
} from "./decide-lines";

/** Reads one form field; `(name) => formData.get(name)` fits, and non-strings count as absent. */
export type FormFieldReader = (name: string) => unknown;

/**
 * decideLines straight from the decision form's fields, so an amount typed as "12.5p" is
 * reported as a format error on its own field rather than as a missing amount.
 */
export function decideLinesFromForm(lines: readonly ExpenseLineInput[], read: FormFieldReader): DecideLinesResult {
  const text = (name: string): string | null => {
    const value = read(name);
    return typeof value === "string" ? value : null;
  };
  const amountErrors: Record<string, string> = {};
  const decisions: LineDecisionInput[] = [];

  for (const line of lines) {
    const choice = text(lineFieldName(line.id, "decision"));
    // An absent or unknown choice is left out, so decideLines reports the line as undecided.
    if (!isLineChoice(choice)) continue;
    let approvedPence: number | null = null;
    const amountText = text(lineFieldName(line.id, "amount"))?.trim() ?? "";
    if (choice === "APPROVE_DIFFERENT" && amountText !== "") {
      approvedPence = parsePoundsToPence(amountText);
      if (approvedPence === null) amountErrors[lineFieldName(line.id, "amount")] = DECIDE_LINES_MESSAGES.amountFormat;
    }
    decisions.push({ lineId: line.id, decision: choice, approvedPence, note: text(lineFieldName(line.id, "note")) });
  }

  const result = decideLines({ lines, decisions, rejectionReason: text(REJECTION_REASON_FIELD) });
  if (Object.keys(amountErrors).length === 0) return result;
  return { ok: false, errors: { ...(result.ok ? {} : result.errors), ...amountErrors } };
}

function isLineChoice(value: string | null): value is LineChoice {
  return LINE_CHOICES.some((c) => c === value);
}
