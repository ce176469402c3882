import type { Db } from "@/lib/db";
import { changeClaimStatus } from "./change-claim-status";
import { validationError, type Caseworker } from "./claim-change";
import { validateClaimRejection } from "./rules/information-request";
import { rejectionReasonLabel } from "./rules/rejection-reasons";

/** Rejects the claim as a whole (every line), with a reason from the list and a note. */
export async function rejectClaim(options: {
  db: Db;
  reference: string;
  expectedVersion: number;
  reason: string | undefined;
  note: string | undefined;
  actor: Caseworker;
}): Promise<void> {
  const { db, reference, expectedVersion, actor } = options;
  const valid = validateClaimRejection({ reason: options.reason, note: options.note });
  if (!valid.ok) throw validationError(valid.errors);
  const reason = rejectionReasonLabel(valid.rejection.reason);
  const { note } = valid.rejection;
  await changeClaimStatus({
    db,
    reference,
    expectedVersion,
    actor,
    decide: async (tx, claim) => {
      await tx.expenseLine.updateMany({ where: { claimId: claim.id }, data: { decision: "REJECTED", approvedPence: null } });
      return {
        claim: { status: "REJECTED", rejectionReason: reason, informationRequestKind: null },
        event: { kind: "claim.rejected", summary: `Rejected: ${reason}`, detail: { note } },
        message: { kind: "CLAIM_REJECTED", data: { claimReference: reference, reason, note } },
        audit: { reason, note },
        result: undefined,
      };
    },
  });
}
