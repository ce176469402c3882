import { parsePoundsToPence } from "@/lib/money";
import { lineFieldName } from "./decide-lines";
import type { FormFieldReader } from "./decide-lines-form";

export type RunningTotal = {
  claimedPence: number;
  /** What the choices made so far approve; a different amount not (yet) valid counts as nothing. */
  approvedPence: number;
  /** Lines with no choice yet, or a different amount not (yet) valid. */
  undecided: number;
};

/**
 * The decision form's running total while the caseworker works down the lines: a hint, not the
 * decision (decideLines checks that). Pure, so the browser and the tests add up the same way.
 */
export function runningTotal(lines: readonly { id: string; claimedPence: number }[], read: FormFieldReader): RunningTotal {
  let approvedPence = 0;
  let undecided = 0;
  for (const line of lines) {
    const choice = read(lineFieldName(line.id, "decision"));
    if (choice === "APPROVE") approvedPence += line.claimedPence;
    else if (choice === "APPROVE_DIFFERENT") {
      const amount = read(lineFieldName(line.id, "amount"));
      const pence = typeof amount === "string" ? parsePoundsToPence(amount.trim()) : null;
      if (pence !== null && pence > 0 && pence <= line.claimedPence) approvedPence += pence;
      else undecided += 1;
    } else if (choice !== "REJECT") undecided += 1;
  }
  return { claimedPence: lines.reduce((sum, l) => sum + l.claimedPence, 0), approvedPence, undecided };
}
