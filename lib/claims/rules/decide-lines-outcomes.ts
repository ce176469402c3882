import type { ExpenseType, LineDecision } from "@/lib/generated/prisma/enums";
import type { LineOutcome } from "@/lib/notify/claimant-messages";
import { expenseTypeLabels } from "../expense-types";

type StoredLine = {
  id: string;
  lineNo: number;
  type: ExpenseType;
  description: string;
  claimedPence: number;
  decision: LineDecision | null;
  approvedPence: number | null;
  decisionNote: string | null;
};

/**
 * Each decided line as the claimant's message lists it: the claim's lines in order, with the
 * decision just made (`decided`, by line id) where the stored one is older or not there yet.
 * A line with no decision at all is left out (a decision always decides every line).
 */
export function lineOutcomes(
  lines: readonly StoredLine[],
  decided: readonly { id: string; decision: LineDecision; approvedPence: number | null; note: string | null }[] = [],
): LineOutcome[] {
  const byId = new Map(decided.map((d) => [d.id, d]));
  return lines.flatMap((line) => {
    const d = byId.get(line.id);
    const decision = d?.decision ?? line.decision;
    if (decision === null) return [];
    return [
      {
        lineNo: line.lineNo,
        typeLabel: expenseTypeLabels[line.type],
        description: line.description,
        claimedPence: line.claimedPence,
        decision,
        approvedPence: d ? d.approvedPence : line.approvedPence,
        reason: d ? d.note : line.decisionNote,
      },
    ];
  });
}
