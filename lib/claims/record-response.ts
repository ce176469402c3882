import type { Db, Tx } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { maskAccountNumber, type BankDetailsPlain } from "@/lib/crypto/bank-details-cipher";
import { AppError } from "@/lib/errors";
import type { ClaimStatus } from "@/lib/generated/prisma/enums";
import { proposeBankDetailsChange } from "../bank-details/propose-bank-details-change";
import { ONLINE_RESPONSE_NOTE, RESPONSE_NOTE } from "../bank-details/change-source";
import { bumpVersion, claimSnapshot } from "./claim-change";
import { addClaimEvent } from "../timeline/claim-events";
import { lockClaim } from "./lock-claim";
import { assertTransition, TRANSITION_MESSAGES } from "./rules/claim-transitions";

export type RecordedResponse = { claimId: string; reference: string; status: ClaimStatus; bankDetailsChangeId: string | null };

/**
 * Records the claimant's answer to a request for information, sent by the online service
 * (actorId null) or typed in by a caseworker: the claim goes to UPDATED for a new decision, and
 * any new bank details become a pending change for a second caseworker to approve.
 *
 * One exception: a claim asked for new bank details because its payment failed is already
 * decided, so it stays INFORMATION_REQUESTED; the caseworker approves the details and reissues.
 */
export async function recordResponse(options: {
  db: Db;
  key: Buffer;
  /** BANK_DETAILS_LOOKUP_KEY, for new bank details sent with the response. */
  lookupKey: Buffer;
  reference: string;
  message: string;
  bankDetails?: BankDetailsPlain | null;
  actor: AuditActor;
  actorId: string | null;
  /** A caseworker's form names the version they saw; a newer one is refused as STALE. */
  expectedVersion?: number;
  now?: Date;
  /** The API stores its idempotent answer here, with the change. */
  inSameTransaction?: (tx: Tx, recorded: RecordedResponse) => Promise<void>;
}): Promise<RecordedResponse> {
  const { db, key, reference, message, actor, actorId } = options;
  const bankDetails = options.bankDetails ?? null;
  const now = options.now ?? new Date();

  return db.$transaction(async (tx) => {
    const claim = await lockClaim(tx, { reference, expectedVersion: options.expectedVersion, actorId: actorId ?? undefined });
    if (claim.status !== "INFORMATION_REQUESTED") throw new AppError("INVALID_STATE", TRANSITION_MESSAGES.notWaiting);
    const transition = assertTransition(claim.status, "UPDATED", {
      requestKind: claim.informationRequestKind,
      bankPaymentFailed: claim.payments.some((p) => p.status === "FAILED"),
    });
    const status: ClaimStatus = transition.ok ? "UPDATED" : "INFORMATION_REQUESTED";

    // The request is answered, so no kind stays open (unless the claim still waits, see above).
    const after = await bumpVersion(tx, claim, transition.ok ? { status, informationRequestKind: null } : { status });
    await addClaimEvent(tx, {
      claimId: claim.id,
      actorId,
      kind: "claim.response-received",
      summary: actorId
        ? "Claimant's response recorded by a caseworker"
        : "Claimant's response received through the online service",
      detail: { message },
      at: now,
    });

    let bankDetailsChangeId: string | null = null;
    if (bankDetails) {
      const change = await proposeBankDetailsChange(tx, {
        claimantId: claim.claimantId,
        details: bankDetails,
        key,
        lookupKey: options.lookupKey,
        actor,
        proposedById: actorId,
        // The checker is shown how the claimant sent them (lib/bank-details/change-source.ts).
        note: actorId ? RESPONSE_NOTE : ONLINE_RESPONSE_NOTE,
      });
      bankDetailsChangeId = change.changeId;
      await addClaimEvent(tx, {
        claimId: claim.id,
        actorId,
        kind: "bank-details.proposed",
        summary: `New bank details (account ${maskAccountNumber(bankDetails.accountNumber)}) await approval by a second caseworker`,
        detail: { changeId: change.changeId, heldPayments: change.heldPayments },
        at: now,
      });
    }

    await recordAudit(tx, {
      actor,
      action: "claim.response-recorded",
      entityType: "Claim",
      entityId: claim.id,
      before: claimSnapshot(claim),
      // Not the message itself: claimants type anything into it, bank details included.
      after: { ...claimSnapshot(after), messageLength: message.length, bankDetailsChangeId },
    });

    const recorded = { claimId: claim.id, reference: claim.reference, status, bankDetailsChangeId };
    await options.inSameTransaction?.(tx, recorded);
    return recorded;
  });
}
