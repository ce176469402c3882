import type { Db } from "@/lib/db";
import { changeClaimStatus } from "./change-claim-status";
import { assertMaySecondApprove, validationError, type Caseworker } from "./claim-change";
import { checkReturnNote } from "./rules/second-approval";

export const RETURN_NOTE_FIELD = "note";

/**
 * The second caseworker does not let the first approval stand: the claim goes back to UPDATED to
 * be decided again, with their note on the timeline. The line decisions and the first approval are
 * cleared (so the claim no longer counts towards the person's 30-day sum); the claimant was never
 * told of the first approval, so is not messaged now.
 */
export async function returnClaim(options: {
  db: Db;
  reference: string;
  expectedVersion: number;
  note: string | undefined;
  actor: Caseworker;
}): Promise<void> {
  const { db, reference, expectedVersion, actor } = options;
  const checked = checkReturnNote(options.note);
  if (!checked.ok) throw validationError({ [RETURN_NOTE_FIELD]: checked.message });
  const { note } = checked;
  await changeClaimStatus({
    db,
    reference,
    expectedVersion,
    actor,
    check: assertMaySecondApprove,
    decide: async (tx, claim) => {
      await tx.expenseLine.updateMany({
        where: { claimId: claim.id },
        data: { decision: null, approvedPence: null, decisionNote: null },
      });
      const firstApproval = {
        firstApprovedById: claim.firstApprovedById,
        firstApprovedAt: claim.firstApprovedAt?.toISOString() ?? null,
      };
      return {
        claim: { status: "UPDATED", firstApprovedById: null, firstApprovedAt: null },
        event: { kind: "claim.returned", summary: `Returned to be decided again: ${note}`, detail: { note, ...firstApproval } },
        message: null,
        audit: {
          note,
          ...firstApproval,
          clearedLines: claim.expenses.map((l) => ({
            id: l.id,
            decision: l.decision,
            approvedPence: l.approvedPence,
            decisionNote: l.decisionNote,
          })),
        },
        result: undefined,
      };
    },
  });
}
