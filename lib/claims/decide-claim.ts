import type { Db } from "@/lib/db";
import { approveWithPayment, type ApprovedOutcome } from "./approve-with-payment";
import { lockPersonAndSumRecentApprovals } from "./approved-for-person";
import { changeClaimStatus, type StatusChange } from "./change-claim-status";
import type { Caseworker } from "./claim-change";
import { decisionOfClaim } from "./check-decision";
import type { FormFieldReader } from "./rules/decide-lines-form";
import { lineOutcomes } from "./rules/decide-lines-outcomes";
import {
  secondApprovalDecision,
  secondApprovalFigures,
  secondApprovalReason,
  type ApprovalLimits,
} from "./rules/second-approval";

export type DecisionOutcome =
  | ApprovedOutcome
  | {
      outcome: "AWAITING_SECOND_APPROVAL";
      approvedTotalPence: number;
      recentApprovedPence: number;
      combinedPence: number;
    }
  | { outcome: "REJECTED"; reason: string };

/**
 * Submits the caseworker's line-by-line decision. An approval within the limits creates the payment
 * in the same transaction, so there is never an approved claim without its payment or a payment
 * without its approval; one above the second-approval threshold (with the person's approvals of the
 * last 30 days) waits for a second caseworker instead, with no payment and no message to the
 * claimant yet. The claim row lock and version make a double submit decide once.
 */
export async function decideClaim(options: {
  db: Db;
  key: Buffer;
  reference: string;
  expectedVersion: number;
  read: FormFieldReader;
  actor: Caseworker;
  limits: ApprovalLimits;
  now?: Date;
}): Promise<DecisionOutcome> {
  const { db, key, reference, expectedVersion, read, actor, limits, now = new Date() } = options;
  return changeClaimStatus({
    db,
    reference,
    expectedVersion,
    actor,
    now: options.now,
    decide: async (tx, claim): Promise<StatusChange<DecisionOutcome>> => {
      const decided = decisionOfClaim(claim.expenses, read, limits);
      for (const line of decided.lines) {
        await tx.expenseLine.update({
          where: { id: line.id },
          data: { decision: line.decision, approvedPence: line.approvedPence, decisionNote: line.note },
        });
      }
      const lines = decided.lines.map((l) => ({ ...l }));
      // What the claimant is told of each line: its outcome, amount and reason.
      const outcomes = lineOutcomes(claim.expenses, decided.lines);

      if (decided.outcome === "REJECTED") {
        const { reason } = decided;
        return {
          claim: { status: "REJECTED", rejectionReason: reason, informationRequestKind: null },
          event: { kind: "claim.rejected", summary: `Rejected: every line rejected (${reason})` },
          message: { kind: "CLAIM_REJECTED", data: { claimReference: reference, reason, lines: outcomes } },
          audit: { reason, lines },
          result: { outcome: "REJECTED", reason },
        };
      }

      const recentApprovedPence = await lockPersonAndSumRecentApprovals(tx, {
        claimantId: claim.claimantId,
        exceptClaimId: claim.id,
        now,
      });
      const lineNumbers = new Map(claim.expenses.map((l) => [l.id, l.lineNo]));
      const rule = secondApprovalDecision({
        lines: decided.lines.map((l) => ({ lineNo: lineNumbers.get(l.id)!, approvedPence: l.approvedPence })),
        recentApprovedPence,
        limits,
      });
      // decisionOfClaim refused any line above the maximum already.
      if (rule.kind === "REFUSED") throw new Error("decideClaim: a line above the maximum passed the check");

      // Every approval records who approved first and when: the 30-day sum counts a claim from then.
      const firstApproval = { firstApprovedById: actor.id, firstApprovedAt: now };
      if (rule.kind === "APPROVE") {
        return approveWithPayment(tx, {
          claim,
          key,
          approvedTotalPence: rule.approvedTotalPence,
          actor,
          event: { kind: "claim.approved", summary: "Approved" },
          claimUpdate: firstApproval,
          lines: outcomes,
          audit: { lines, recentApprovedPence },
          now: options.now,
        });
      }

      const figures = secondApprovalFigures(rule, limits);
      return {
        claim: { status: "AWAITING_SECOND_APPROVAL", informationRequestKind: null, rejectionReason: null, ...firstApproval },
        event: {
          kind: "claim.first-approved",
          summary: `Approved, waiting for a second caseworker: ${secondApprovalReason(figures)}`,
          detail: figures,
        },
        message: null,
        audit: { lines, ...figures },
        result: {
          outcome: "AWAITING_SECOND_APPROVAL",
          approvedTotalPence: rule.approvedTotalPence,
          recentApprovedPence: rule.recentApprovedPence,
          combinedPence: rule.combinedPence,
        },
      };
    },
  });
}
