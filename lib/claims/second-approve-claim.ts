import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { approveWithPayment, type ApprovedOutcome } from "./approve-with-payment";
import { changeClaimStatus } from "./change-claim-status";
import { assertMaySecondApprove, type Caseworker } from "./claim-change";
import { secondApprovalDecision, type ApprovalLimits } from "./rules/second-approval";

/**
 * A second caseworker (neither the first approver nor whoever keyed the claim in) approves a claim
 * above the threshold as the first approver decided its lines: the payment is created exactly as
 * a one-step approval creates it, and the claimant is told. Two second approvals at once create one
 * payment: the claim row lock and version let only the first through.
 */
export async function secondApproveClaim(options: {
  db: Db;
  key: Buffer;
  reference: string;
  expectedVersion: number;
  actor: Caseworker;
  limits: ApprovalLimits;
}): Promise<ApprovedOutcome> {
  const { db, key, reference, expectedVersion, actor, limits } = options;
  return changeClaimStatus({
    db,
    reference,
    expectedVersion,
    actor,
    check: assertMaySecondApprove,
    decide: async (tx, claim) => {
      // The per-line maximum again, in case it was lowered since the first approval.
      const rule = secondApprovalDecision({
        lines: claim.expenses.map((l) => ({ lineNo: l.lineNo, approvedPence: l.approvedPence })),
        recentApprovedPence: 0,
        limits,
      });
      if (rule.kind === "REFUSED") {
        throw new AppError("INVALID_STATE", `${rule.lines[0].message}. Return the claim so that it is decided again.`);
      }
      return approveWithPayment(tx, {
        claim,
        key,
        approvedTotalPence: rule.approvedTotalPence,
        actor,
        event: { kind: "claim.second-approved", summary: "Second approval: approved" },
        audit: {
          firstApprovedById: claim.firstApprovedById,
          firstApprovedAt: claim.firstApprovedAt?.toISOString() ?? null,
          lines: claim.expenses.map((l) => ({ id: l.id, decision: l.decision, approvedPence: l.approvedPence })),
        },
      });
    },
  });
}
