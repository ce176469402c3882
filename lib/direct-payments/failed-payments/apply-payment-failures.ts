import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { movePayments } from "@/lib/payments/move-payments";
import { bumpVersion, claimSnapshot } from "@/lib/claims/claim-change";
import { addClaimEvent } from "@/lib/timeline/claim-events";
import { lockClaim } from "@/lib/claims/lock-claim";
import { assertTransition } from "@/lib/claims/rules/claim-transitions";
import { AppError } from "@/lib/errors";
import { queueClaimantMessage } from "@/lib/notify/queue-claimant-message";
import { NO_REASON_GIVEN, type FailureToApply } from "./match-failed-payments";

interface LockedPayment {
  id: string;
  reference: string;
  status: string;
  failureReason: string | null;
  failedAt: Date | null;
  claimId: string;
}

/**
 * Writes the MATCHED rows of an SSCL failed-payments upload
 * (docs/file-formats.md#effect-of-an-applied-file), inside the upload's transaction: each payment
 * FAILED, its claim back to the caseworker as "request new bank details", a message to the
 * claimant, the timeline and the audit log.
 *
 * The rows were checked before this runs, but a payment can change in between (an admin voids its
 * batch, putting it back to NEW). The payments are locked and checked again here, and any that is
 * no longer SENT or PAID fails the whole upload: applying the rest would leave a file half applied.
 */
export async function applyPaymentFailures(
  tx: Tx,
  options: { failures: readonly FailureToApply[]; uploadId: string; actor: { id: string; email: string }; now: Date },
): Promise<void> {
  const { failures, uploadId, actor, now } = options;
  if (failures.length === 0) return;
  const ids = failures.map((f) => f.paymentId);
  // One statement, in id order: two transactions locking overlapping payments cannot deadlock.
  const locked = await tx.$queryRaw<LockedPayment[]>`
    SELECT id, reference, status::text AS status, "failureReason", "failedAt", "claimId"
    FROM "Payment" WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  const byId = new Map(locked.map((p) => [p.id, p]));

  const moved = failures.flatMap((f) => {
    const p = byId.get(f.paymentId);
    return p && (p.status === "SENT" || p.status === "PAID")
      ? []
      : [p ? `${p.reference} (now ${p.status.toLowerCase()})` : f.paymentId];
  });
  if (moved.length > 0) {
    throw new AppError(
      "CONFLICT",
      `Payment ${moved.join(", ")} changed while the file was being checked, so nothing in it was applied. Upload the file again.`,
    );
  }

  // The status, history, audit and timeline entry of every payment in one statement; then each
  // claim goes back to its caseworker.
  await movePayments(tx, {
    transition: "fail",
    mover: "SSCL_FINANCE",
    ids,
    reasons: failures.map((f) => f.failureReason),
    extras: failures.map((f) => ({ fileLineId: f.fileLineId })),
    actor,
    now,
    source: { uploadId },
  });
  for (const failure of failures) {
    await failOne(tx, { payment: byId.get(failure.paymentId)!, failure, uploadId, actor, now });
  }
}

async function failOne(
  tx: Tx,
  options: { payment: LockedPayment; failure: FailureToApply; uploadId: string; actor: { id: string; email: string }; now: Date },
): Promise<void> {
  const { payment, failure, uploadId, actor, now } = options;
  const reason = failure.failureReason;

  const claim = await tx.claim.findUniqueOrThrow({ where: { id: payment.claimId }, select: { reference: true } });
  const locked = await lockClaim(tx, { reference: claim.reference });
  // Already waiting for new bank details: the request stands, only the version moves on so an open
  // form (a reissue) is refused as stale and reloaded with this failure on it.
  const alreadyWaiting = locked.status === "INFORMATION_REQUESTED" && locked.informationRequestKind === "BANK_DETAILS";
  if (!alreadyWaiting) {
    const allowed = assertTransition(locked.status, "INFORMATION_REQUESTED", {
      requestKind: "BANK_DETAILS",
      bankPaymentFailed: true,
    });
    if (!allowed.ok) {
      throw new AppError(
        "INVALID_STATE",
        `Claim ${locked.reference} (payment ${payment.reference}) cannot ask for new bank details: ${allowed.message}`,
      );
    }
  }
  const after = await bumpVersion(
    tx,
    locked,
    alreadyWaiting ? {} : { status: "INFORMATION_REQUESTED", informationRequestKind: "BANK_DETAILS" },
  );

  if (!alreadyWaiting) {
    await addClaimEvent(tx, {
      claimId: locked.id,
      actorId: actor.id,
      kind: "claim.information-requested",
      summary: "Requested: new bank details (the bank payment failed)",
      detail: { kind: "BANK_DETAILS", paymentId: payment.id, uploadId },
      at: now,
    });
  }
  await queueClaimantMessage(tx, {
    claimant: locked.claimant,
    claimId: locked.id,
    kind: "PAYMENT_FAILED",
    // "No reason given" is our placeholder, not the bank's words: the claimant is not told it.
    data: { claimReference: locked.reference, ...(reason === NO_REASON_GIVEN ? {} : { reason }) },
    actorId: actor.id,
  });

  if (!alreadyWaiting) {
    await recordAudit(tx, {
      actor,
      action: "claim.information-requested",
      entityType: "Claim",
      entityId: locked.id,
      before: claimSnapshot(locked),
      after: { ...claimSnapshot(after), paymentId: payment.id, uploadId },
    });
  }
}
