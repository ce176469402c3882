import type { Db, Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { bankDetailsProblem, describeBankDetailsProblem } from "@/lib/bank-details/payable-bank-details";
import { recordPaymentsCreated } from "@/lib/payments/move-payments";
import { pendingPersonChangeHold, refreshNeedsAttention } from "@/lib/payments/payment-holds";
import { bumpVersion, claimSnapshot, type Caseworker } from "@/lib/claims/claim-change";
import { addClaimEvent } from "@/lib/timeline/claim-events";
import { lockClaim, type LockedClaim } from "@/lib/claims/lock-claim";
import { PAYMENT_FOR_APPROVAL_MESSAGES } from "@/lib/claims/rules/payment-for-approval";
import { assertTransition } from "@/lib/claims/rules/claim-transitions";
import { decryptBankDetails, maskAccountNumber } from "@/lib/crypto/bank-details-cipher";
import { AppError } from "@/lib/errors";
import type { ClaimStatus, InformationRequestKind, PaymentMethod, PaymentStatus } from "@/lib/generated/prisma/enums";
import { formatPence } from "@/lib/money";
import { MAX_PAYMENTS_PER_CLAIM, makePaymentReference, nextPaymentSequence } from "../references/payment-reference";
import { reissueProblem, type ReissueFacts } from "./rules/reissue";
import { voucherReissueProblem, type ReissueMethod, type VoucherReissueFacts } from "./rules/reissue-voucher";

interface ClaimForReissue {
  status: ClaimStatus;
  informationRequestKind: InformationRequestKind | null;
  claimantId: string;
  payments: { id: string; status: PaymentStatus; failedAt: Date | null; replacesId: string | null }[];
}

/**
 * After a bank payment failed and a second caseworker approved new bank details, the caseworker
 * pays the same amount again: a NEW payment linked to the failed one, picked up by the next run,
 * and the claim APPROVED again. The claim lock and version make a double submit reissue once.
 */
export async function reissuePayment(options: {
  db: Db;
  key: Buffer;
  claimReference: string;
  expectedVersion: number;
  failedPaymentId: string;
  actor: Caseworker;
  now: Date;
}): Promise<{ id: string; reference: string }> {
  const { db, key, claimReference, expectedVersion, failedPaymentId, actor, now } = options;
  return db.$transaction(async (tx) => {
    const claim = await lockClaim(tx, { reference: claimReference, expectedVersion, actorId: actor.id });
    const failed = claim.payments.find((p) => p.id === failedPaymentId);
    if (!failed) throw new AppError("NOT_FOUND", `Payment not found on claim ${claimReference}`);

    const problem = reissueProblem(await reissueFacts(tx, key, claim, failed));
    if (problem) throw new AppError("INVALID_STATE", problem);
    if (claim.status !== "APPROVED") {
      const context = { requestKind: claim.informationRequestKind, bankPaymentFailed: true, newBankDetailsApproved: true };
      const allowed = assertTransition(claim.status, "APPROVED", context);
      if (!allowed.ok) throw new AppError("INVALID_STATE", allowed.message);
    }
    // reissueFacts found the details payable, so they decrypt.
    const account = maskedAccount(claim.claimant.bankDetails!.ciphertext, key);
    const payment = await createReplacement(tx, {
      claim,
      replaced: failed,
      method: "BANK",
      claimChange: { status: "APPROVED", informationRequestKind: null },
      account,
      summary: (made) =>
        `Payment ${failed.reference} reissued as ${made.reference} (${formatPence(made.amountPence)}) to the new bank details (account ${account})`,
      actor,
      now,
    });
    return { id: payment.id, reference: payment.reference };
  });
}

/**
 * A Post Office voucher that expired, or that the Post Office cancelled, replaced by a new payment
 * of the same amount linked to it (docs/domain.md#reissuing-an-expired-voucher): a new voucher for
 * the next Payout run, or a bank transfer to the claimant's approved details, which makes the claim
 * a bank claim. Either takes the claim out of the expired-voucher queue and "needs attention".
 */
export async function reissueVoucher(options: {
  db: Db;
  key: Buffer;
  claimReference: string;
  expectedVersion: number;
  voucherPaymentId: string;
  method: ReissueMethod;
  actor: Caseworker;
  now: Date;
}): Promise<{ id: string; reference: string; method: ReissueMethod }> {
  const { db, key, claimReference, expectedVersion, voucherPaymentId, method, actor, now } = options;
  return db.$transaction(async (tx) => {
    const claim = await lockClaim(tx, { reference: claimReference, expectedVersion, actorId: actor.id });
    const voucher = claim.payments.find((p) => p.id === voucherPaymentId);
    if (!voucher) throw new AppError("NOT_FOUND", `Payment not found on claim ${claimReference}`);
    const problem = voucherReissueProblem(await voucherFacts(tx, key, claim, voucher), method);
    if (problem) throw new AppError("INVALID_STATE", problem);

    const outcome = voucher.status === "EXPIRED" ? "expired" : "cancelled by the Post Office";
    // voucherFacts found the details payable, so they decrypt.
    const account = method === "BANK" ? maskedAccount(claim.claimant.bankDetails!.ciphertext, key) : null;
    const payment = await createReplacement(tx, {
      claim,
      replaced: voucher,
      method,
      claimChange: method === "BANK" ? { paymentMethod: "BANK" } : {},
      account,
      summary: (made) =>
        method === "CASH"
          ? `Voucher ${voucher.reference} (${outcome}) reissued as ${made.reference} (${formatPence(made.amountPence)}): a new Post Office voucher in the next Payout run`
          : `Voucher ${voucher.reference} (${outcome}) replaced by bank payment ${made.reference} (${formatPence(made.amountPence)}) to the approved bank details (account ${account}); the claim is now paid by bank transfer`,
      actor,
      now,
    });
    return { id: payment.id, reference: payment.reference, method };
  });
}

/**
 * For the claim page: the claim's expired or Post-Office-cancelled voucher that nothing has
 * replaced, and for each way of replacing it, why it cannot be done (null when it can). Null when
 * there is no such voucher.
 */
export async function voucherReissueState(
  db: Db,
  key: Buffer,
  claimId: string,
): Promise<{ voucherPaymentId: string; problems: Record<ReissueMethod, string | null>; account: string | null } | null> {
  const claim = await claimForReissue(db, claimId);
  if (!claim) return null;
  const voucher = claim.unreplaced
    .filter((p) => p.method === "CASH" && (p.status === "EXPIRED" || p.status === "CANCELLED") && p.postOfficeStatusDate !== null)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  if (!voucher) return null;
  const facts = await voucherFacts(db, key, claim, voucher);
  const details = claim.claimant.bankDetails;
  const account = details && facts.bankDetailsProblem === null ? maskedAccount(details.ciphertext, key) : null;
  return {
    voucherPaymentId: voucher.id,
    problems: { CASH: voucherReissueProblem(facts, "CASH"), BANK: voucherReissueProblem(facts, "BANK") },
    account,
  };
}

async function voucherFacts(
  db: Tx | Db,
  key: Buffer,
  claim: {
    status: ClaimStatus;
    claimantId: string;
    claimant: { bankDetails: { ciphertext: string } | null };
    payments: { id: string; status: PaymentStatus; replacesId: string | null }[];
  },
  voucher: { id: string; method: PaymentMethod; status: PaymentStatus; postOfficeStatusDate: Date | null },
): Promise<VoucherReissueFacts> {
  const pending = await db.bankDetailChange.count({ where: { claimantId: claim.claimantId, status: "PENDING" } });
  const current = claim.claimant.bankDetails;
  return {
    claimStatus: claim.status,
    voucher: {
      method: voucher.method,
      status: voucher.status,
      reportedByPostOffice: voucher.postOfficeStatusDate !== null,
      replacedBy: claim.payments.some((p) => p.replacesId === voucher.id),
    },
    hasLivePayment: claim.payments.some(
      (p) => p.id !== voucher.id && (p.status === "NEW" || p.status === "SENT" || p.status === "PAID" || p.status === "CASHED"),
    ),
    hasBankDetails: current !== null,
    hasPendingBankDetailsChange: pending > 0,
    bankDetailsProblem: current ? payableProblem(current.ciphertext, key) : null,
  };
}

/**
 * The replacement itself, shared by both reissues: the claim's next payment reference, a NEW
 * unheld payment of the same amount linked to the one it replaces, its history row, the claim's
 * version moved on (with any change the reissue makes), "needs attention" recomputed, and the
 * timeline entry and audit rows that say so.
 */
async function createReplacement(
  tx: Tx,
  options: {
    claim: LockedClaim;
    replaced: { id: string; reference: string; status: PaymentStatus; amountPence: number };
    method: PaymentMethod;
    claimChange: { status?: ClaimStatus; informationRequestKind?: null; paymentMethod?: PaymentMethod };
    /** The masked account a bank payment goes to; null for a voucher. */
    account: string | null;
    summary: (payment: { reference: string; amountPence: number }) => string;
    actor: Caseworker;
    now: Date;
  },
) {
  const { claim, replaced, method, account, actor, now } = options;
  const sequence = nextPaymentSequence(claim.payments.map((p) => p.reference));
  if (sequence > MAX_PAYMENTS_PER_CLAIM) {
    throw new AppError("INVALID_STATE", PAYMENT_FOR_APPROVAL_MESSAGES.tooManyPayments);
  }
  const payment = await tx.payment.create({
    data: {
      personId: claim.claimantId,
      claimId: claim.id,
      reference: makePaymentReference(claim.reference, sequence),
      method,
      amountPence: replaced.amountPence,
      status: "NEW",
      holdReason: await pendingPersonChangeHold(tx, claim.claimantId),
      replacesId: replaced.id,
    },
  });
  await recordPaymentsCreated(tx, { ids: [payment.id], action: "payment.reissued", actor, now });
  const after = await bumpVersion(tx, claim, options.claimChange);
  await refreshNeedsAttention(tx, claim.claimantId);

  await addClaimEvent(tx, {
    claimId: claim.id,
    actorId: actor.id,
    kind: "payment.reissued",
    summary: options.summary(payment),
    detail: {
      paymentId: payment.id,
      paymentReference: payment.reference,
      replacesId: replaced.id,
      amountPence: payment.amountPence,
      method,
    },
    at: now,
  });
  await recordAudit(tx, {
    actor,
    action: "payment.reissued",
    entityType: "Payment",
    entityId: payment.id,
    after: {
      reference: payment.reference,
      amountPence: payment.amountPence,
      status: "NEW",
      method,
      replacesId: replaced.id,
      replacesReference: replaced.reference,
      replacesStatus: replaced.status,
      ...(account ? { account } : {}),
    },
  });
  await recordAudit(tx, {
    actor,
    action: "claim.payment-reissued",
    entityType: "Claim",
    entityId: claim.id,
    before: { ...claimSnapshot(claim), paymentMethod: claim.paymentMethod },
    after: { ...claimSnapshot(after), paymentMethod: after.paymentMethod, paymentId: payment.id, replacesId: replaced.id },
  });
  return payment;
}

/**
 * For the claim page: the failed payment waiting to be reissued and, if it cannot be yet, why.
 * Null when the claim has no failed payment that has not been replaced.
 */
export async function reissueState(
  db: Db,
  key: Buffer,
  claimId: string,
): Promise<{ failedPaymentId: string; problem: string | null } | null> {
  const claim = await claimForReissue(db, claimId);
  if (!claim) return null;
  const failed = claim.unreplaced
    .filter((p) => p.status === "FAILED")
    .sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0))[0];
  if (!failed) return null;
  return { failedPaymentId: failed.id, problem: reissueProblem(await reissueFacts(db, key, claim, failed)) };
}

/** The claim with its payments and bank details, and those of its payments nothing has replaced yet. */
async function claimForReissue(db: Db, claimId: string) {
  const claim = await db.claim.findUnique({
    where: { id: claimId },
    include: { payments: true, claimant: { include: { bankDetails: true } } },
  });
  if (!claim) return null;
  const replaced = new Set(claim.payments.map((p) => p.replacesId));
  return { ...claim, unreplaced: claim.payments.filter((p) => !replaced.has(p.id)) };
}

async function reissueFacts(
  db: Tx | Db,
  key: Buffer,
  claim: ClaimForReissue & { claimant: { bankDetails: { ciphertext: string } | null } },
  failed: ClaimForReissue["payments"][number],
): Promise<ReissueFacts> {
  const { claimantId } = claim;
  const pending = await db.bankDetailChange.count({ where: { claimantId, status: "PENDING" } });
  const current = claim.claimant.bankDetails;
  // The current details count as approved only through the change that made them current: a
  // change is copied into BankDetails as it is, so the ciphertext names that change.
  const approval = current
    ? await db.bankDetailChange.findFirst({
        where: { claimantId, status: "APPROVED", ciphertext: current.ciphertext, decidedById: { not: null } },
        orderBy: { decidedAt: "desc" },
        select: { decidedAt: true },
      })
    : null;
  return {
    claimStatus: claim.status,
    informationRequestKind: claim.informationRequestKind,
    failedPayment: {
      status: failed.status,
      failedAt: failed.failedAt,
      replacedBy: claim.payments.some((p) => p.replacesId === failed.id),
    },
    hasLivePayment: claim.payments.some(
      (p) => p.id !== failed.id && (p.status === "NEW" || p.status === "SENT" || p.status === "PAID"),
    ),
    hasPendingBankDetailsChange: pending > 0,
    bankDetailsApprovedAt: approval?.decidedAt ?? null,
    bankDetailsProblem: current ? payableProblem(current.ciphertext, key) : null,
  };
}

function maskedAccount(ciphertext: string, key: Buffer): string {
  return maskAccountNumber(decryptBankDetails(ciphertext, key).accountNumber);
}

function payableProblem(ciphertext: string, key: Buffer): string | null {
  try {
    const problem = bankDetailsProblem(decryptBankDetails(ciphertext, key));
    return problem === null ? null : describeBankDetailsProblem(problem);
  } catch {
    return "the stored bank details could not be read";
  }
}
