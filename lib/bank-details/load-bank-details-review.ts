import { recordAudit, type StaffMember } from "@/lib/audit/record-audit";
import { decryptBankDetails, maskAccountNumber, maskSortCode, type BankDetailsPlain } from "@/lib/crypto/bank-details-cipher";
import type { Db } from "@/lib/db";
import { checkBankAccount } from "./modulus";
import { changeSource, type ChangeSource } from "./change-source";
import { compareBankDetails, type BankDetailsComparison } from "./compare-bank-details";
import { bankLookupHashes } from "./lookup-hash";
import { findSameAccountPeople, type SameAccountPerson } from "./same-account";

// The checker's view of a person's bank details (docs/security.md#a-checker-who-can-check). A
// checker approves what they can see: the caseworker who may decide the pending change (anyone who
// may decide, except its proposer) sees the current and proposed details in full, side by side,
// with what changed; every other viewer, the proposer included, sees them masked. Each view that
// showed them in full is audited.

export type ShownDetails = {
  nameOnAccount: string;
  sortCode: string;
  accountNumber: string;
  /** The roll number when shown in full; when masked, only whether there is one. */
  rollNumber: string | null;
  hasRollNumber: boolean;
  passesModulusCheck: boolean;
};

export type BankDetailsReview = {
  /** Whether the details below are in full (the checker) or masked (everyone else). */
  inFull: boolean;
  current: ShownDetails | null;
  pending: {
    changeId: string;
    proposedAt: Date;
    proposedBy: { id: string; name: string } | null;
    note: string | null;
    source: ChangeSource;
    details: ShownDetails;
    /** Only in full: which fields changed, and the masked-identical warning. */
    comparison: BankDetailsComparison | null;
    /** Whether this viewer may approve or reject it. */
    mayDecide: boolean;
  } | null;
  /** Other people who hold the current or the proposed account. */
  sameAccount: SameAccountPerson[];
};

function shown(plain: BankDetailsPlain, inFull: boolean): ShownDetails {
  const rollNumber = plain.rollNumber?.trim() ? plain.rollNumber : null;
  return {
    nameOnAccount: plain.nameOnAccount,
    sortCode: inFull ? plain.sortCode : maskSortCode(plain.sortCode),
    accountNumber: inFull ? plain.accountNumber : maskAccountNumber(plain.accountNumber),
    rollNumber: inFull ? rollNumber : null,
    hasRollNumber: rollNumber !== null,
    passesModulusCheck: checkBankAccount(plain.sortCode, plain.accountNumber).valid,
  };
}

/**
 * A person's bank details as `viewer` may see them. `mayCheck` is whether the viewer's role may
 * decide bank-details changes here (the page's rule); the proposer never sees them in full.
 * `audit` names what the page is about, for the "bank-details.viewed" entry.
 */
export async function loadBankDetailsReview(options: {
  db: Db;
  key: Buffer;
  /** BANK_DETAILS_LOOKUP_KEY (a keyring while a lookup-key rotation runs): the same account is then found under both keys' hashes. */
  lookupKey?: Buffer;
  personId: string;
  viewer: StaffMember;
  mayCheck: boolean;
  now: Date;
  audit?: { claimReference?: string };
}): Promise<BankDetailsReview> {
  const { db, key, personId, viewer, now } = options;
  const person = await db.claimant.findUniqueOrThrow({
    where: { id: personId },
    select: {
      bankDetails: { select: { ciphertext: true, lookupHash: true } },
      // Only the newest change can be pending (a newer proposal replaces an older one).
      bankDetailChanges: {
        where: { status: "PENDING" },
        orderBy: { proposedAt: "desc" },
        take: 1,
        include: { proposedBy: { select: { id: true, name: true } } },
      },
    },
  });
  const change = person.bankDetailChanges[0] ?? null;
  const mayDecide = options.mayCheck && change !== null && change.proposedById !== viewer.id;
  const current = person.bankDetails ? decryptBankDetails(person.bankDetails.ciphertext, key) : null;
  const proposed = change ? decryptBankDetails(change.ciphertext, key) : null;
  // The stored hash may be under either lookup key half-way through a rotation (docs/key-rotation.md):
  // the details are decrypted here anyway, so look under every key's hash of them.
  const hashesOf = (stored: string | null | undefined, plain: BankDetailsPlain | null) =>
    plain && options.lookupKey ? [...new Set([stored ?? "", ...bankLookupHashes(plain, options.lookupKey)])] : (stored ?? null);
  const sameAccount = await findSameAccountPeople(db, {
    personId,
    current: hashesOf(person.bankDetails?.lookupHash, current),
    proposed: hashesOf(change?.lookupHash, proposed),
    now,
  });

  if (mayDecide && change) {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: viewer,
        action: "bank-details.viewed",
        entityType: "BankDetailChange",
        entityId: change.id,
        // What was shown, never the details themselves.
        after: {
          claimantId: personId,
          ...(options.audit?.claimReference ? { claimReference: options.audit.claimReference } : {}),
          shown: current ? ["current", "proposed"] : ["proposed"],
        },
      }),
    );
  }

  return {
    inFull: mayDecide,
    current: current ? shown(current, mayDecide) : null,
    pending:
      change && proposed
        ? {
            changeId: change.id,
            proposedAt: change.proposedAt,
            proposedBy: change.proposedBy,
            note: change.note,
            source: changeSource(change),
            details: shown(proposed, mayDecide),
            comparison: mayDecide ? compareBankDetails(current, proposed) : null,
            mayDecide,
          }
        : null,
    sameAccount,
  };
}
