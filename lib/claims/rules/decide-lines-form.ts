import { parsePoundsToPence } from "@/lib/money";
import {
  decideLines,
  LINE_CHOICES,
  LINE_MESSAGES,
  lineFieldName,
  lineMessage,
  type DecideLinesResult,
  type ExpenseLineInput,
  type LineChoice,
  type LineDecisionInput,
} from "./decide-lines";

/** Reads one form field; `(name) => formData.get(name)` fits, and non-strings count as absent. */
export type FormFieldReader = (name: string) => unknown;

/**
 * decideLines straight from the decision form's fields, so an amount typed as "12.5p" is
 * reported as a format error on its own field rather than as a missing amount. Fields that belong
 * to another choice than the one made (an amount typed, then "Reject" chosen) are not read: the
 * form hides them, so the caseworker no longer sees them.
 */
export function decideLinesFromForm(lines: readonly ExpenseLineInput[], read: FormFieldReader): DecideLinesResult {
  const text = (name: string): string | null => {
    const value = read(name);
    return typeof value === "string" ? value : null;
  };
  const amountErrors: Record<string, string> = {};
  const decisions: LineDecisionInput[] = [];

  for (const line of lines) {
    const field = (part: Parameters<typeof lineFieldName>[1]) => text(lineFieldName(line.id, part));
    const choice = field("decision");
    // An absent or unknown choice is left out, so decideLines reports the line as undecided.
    if (!isLineChoice(choice)) continue;
    if (choice === "APPROVE") {
      decisions.push({ lineId: line.id, decision: choice });
    } else if (choice === "REJECT") {
      decisions.push({ lineId: line.id, decision: choice, reason: field("reason"), otherReason: field("otherReason") });
    } else {
      let approvedPence: number | null = null;
      const amountText = field("amount")?.trim() ?? "";
      if (amountText !== "") {
        approvedPence = parsePoundsToPence(amountText);
        if (approvedPence === null)
          amountErrors[lineFieldName(line.id, "amount")] = lineMessage(line, LINE_MESSAGES.amountFormat);
      }
      decisions.push({ lineId: line.id, decision: choice, approvedPence, note: field("note") });
    }
  }

  const result = decideLines({ lines, decisions });
  if (Object.keys(amountErrors).length === 0) return result;
  return { ok: false, errors: { ...(result.ok ? {} : result.errors), ...amountErrors } };
}

function isLineChoice(value: string | null): value is LineChoice {
  return LINE_CHOICES.some((c) => c === value);
}
