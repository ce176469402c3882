import type { Db, Tx } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { encryptBankDetails, maskAccountNumber } from "@/lib/crypto/bank-details-cipher";
import { bankLookupHash } from "@/lib/bank-details/lookup-hash";
import { AppError } from "@/lib/errors";
import { addClaimEvent } from "../timeline/claim-events";
import { makeClaimReference } from "../references/claim-reference";
import { decryptBankDetails, type BankDetailsPlain } from "@/lib/crypto/bank-details-cipher";
import { compareBankDetails } from "@/lib/bank-details/compare-bank-details";
import { proposeBankDetailsChange } from "@/lib/bank-details/propose-bank-details-change";
import { isKnownPersonIntake, type AnyClaimIntake, type ClaimIntake, type VisitEvent } from "./intake/claim-intake-schema";
import { findKnownPerson } from "./intake/find-known-person";
import { findPossibleMatch } from "./intake/find-possible-match";

export type ClaimSourceForIntake = "API" | "ASSISTED_DIGITAL";
export type CreatedClaim = {
  id: string;
  reference: string;
  /** The person the claim is for: their reference, for the client to send with the next claim. */
  claimant: { id: string; reference: string };
  /** Another person who may be the same (never linked automatically); null for a known person. */
  possibleMatchId: string | null;
};

/** The note on a bank-details change that arrived with a claim for a known person. */
export const NEW_CLAIM_BANK_CHANGE_NOTE = "Sent with a new claim through the online service";

// 32^7 references make a collision very rare, but not impossible; a few tries is plenty.
const REFERENCE_ATTEMPTS = 5;

/** A YYYY-MM-DD date as the midnight-UTC Date Prisma writes to a `@db.Date` column unchanged. */
function dateOnly(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

/**
 * Records a validated claim in one transaction: the claimant (a new person with their bank details,
 * encrypted, and any possible match flagged; or a known person by reference, whose stored details
 * are left alone), the claim (status NEW) with its expense lines and visit details, the "claim
 * received" event and the audit entry.
 * `inSameTransaction` lets the caller store something with it (the API stores its idempotent
 * answer), so either everything lands or nothing does.
 */
export async function createClaim(options: {
  db: Db;
  key: Buffer;
  /** BANK_DETAILS_LOOKUP_KEY: the details keep the account's lookup hash beside their ciphertext. */
  lookupKey: Buffer;
  intake: AnyClaimIntake;
  source: ClaimSourceForIntake;
  actor: AuditActor;
  /** The caseworker who keyed the claim in (assisted digital). */
  keyedInById?: string | null;
  now: Date;
  inSameTransaction?: (tx: Tx, created: CreatedClaim) => Promise<void>;
  /** Tests only: the references to try, in order. */
  makeReference?: () => string;
}): Promise<CreatedClaim> {
  const { db, key, intake, source, actor, now } = options;
  const keyedInById = options.keyedInById ?? null;
  const { bankDetails } = intake;

  return db.$transaction(async (tx) => {
    const keyedInBy = keyedInById
      ? await tx.user.findUniqueOrThrow({ where: { id: keyedInById }, select: { name: true } })
      : null;

    let person: { id: string; reference: string };
    let possibleMatchId: string | null = null;
    let bankDetailsChangeId: string | null = null;
    if (isKnownPersonIntake(intake)) {
      // The stored details stay as they are: any sent with the claim are not written over them.
      person = await findKnownPerson(tx, intake.claimant.reference);
      if (intake.paymentMethod === "BANK" && !bankDetails) await requireBankDetailsOnRecord(tx, person.id);
      if (bankDetails) {
        bankDetailsChangeId = await proposeIfDifferent(tx, {
          personId: person.id,
          details: bankDetails,
          key,
          lookupKey: options.lookupKey,
          actor,
          proposedById: keyedInById,
        });
      }
    } else {
      person = await createPerson(tx, { intake, key, lookupKey: options.lookupKey, now });
      possibleMatchId = await findPossibleMatch(tx, {
        id: person.id,
        lastName: intake.claimant.lastName,
        dateOfBirth: intake.claimant.dateOfBirth,
        postcode: intake.claimant.address.postcode,
      });
    }

    const claim = await insertWithFreshReference(tx, options.makeReference ?? makeClaimReference, (reference) =>
      tx.claim.create({
        data: {
          reference,
          claimantId: person.id,
          possibleMatchId,
          status: "NEW",
          eventDate: dateOnly(intake.eventDate),
          paymentMethod: intake.paymentMethod,
          source,
          keyedInById,
          createdAt: now,
          expenses: {
            create: intake.expenses.map((line, index) => ({
              lineNo: index + 1,
              type: line.type,
              description: line.description,
              claimedPence: line.amountPence,
            })),
          },
        },
        select: { id: true, reference: true },
      }),
    );

    if (intake.event) await tx.claimVisit.create({ data: visitRow(claim.id, intake.event) });

    const claimedPence = intake.expenses.reduce((sum, line) => sum + line.amountPence, 0);
    await addClaimEvent(tx, {
      claimId: claim.id,
      actorId: keyedInById,
      kind: "claim.received",
      summary: keyedInBy ? `Claim keyed in by ${keyedInBy.name} (assisted digital)` : "Claim received through the online service",
      detail: { source, expenseLines: intake.expenses.length, claimedPence },
      at: now,
    });
    if (possibleMatchId) {
      const match = await tx.claimant.findUniqueOrThrow({ where: { id: possibleMatchId }, select: { reference: true } });
      await addClaimEvent(tx, {
        claimId: claim.id,
        actorId: null,
        kind: "person.possible-match",
        summary: `Possible match with person ${match.reference ?? possibleMatchId}: same date of birth, last name and postcode. Not linked: a caseworker decides.`,
        detail: { possibleMatchId },
        at: now,
      });
    }
    if (bankDetailsChangeId && bankDetails) {
      await addClaimEvent(tx, {
        claimId: claim.id,
        actorId: keyedInById,
        kind: "bank-details.proposed",
        summary: `New bank details (account ${maskAccountNumber(bankDetails.accountNumber)}) sent with the claim await approval by a second caseworker`,
        at: now,
      });
    }
    await recordAudit(tx, {
      actor,
      action: "claim.created",
      entityType: "Claim",
      entityId: claim.id,
      // The masked account only: the audit log must never hold bank details.
      after: {
        reference: claim.reference,
        source,
        claimantId: person.id,
        claimantReference: person.reference,
        knownPerson: isKnownPersonIntake(intake),
        possibleMatchId,
        bankDetailsChangeId,
        visit: intake.event ? { prison: intake.event.prison, prisonerNumber: intake.event.prisonerNumber } : null,
        eventDate: intake.eventDate,
        paymentMethod: intake.paymentMethod,
        expenseLines: intake.expenses.length,
        claimedPence,
        bankAccount: bankDetails ? maskAccountNumber(bankDetails.accountNumber) : null,
      },
    });

    const created: CreatedClaim = { id: claim.id, reference: claim.reference, claimant: person, possibleMatchId };
    await options.inSameTransaction?.(tx, created);
    return created;
  });
}

/** A new person and their bank details (encrypted, with the account's lookup hash). */
async function createPerson(
  tx: Tx,
  options: { intake: ClaimIntake; key: Buffer; lookupKey: Buffer; now: Date },
): Promise<{ id: string; reference: string }> {
  const { claimant: person, bankDetails } = options.intake;
  // Every person gets a reference from the claim alphabet (docs/plans.md#benefit-plans-and-beneficiaries).
  const claimant = await insertWithFreshReference(tx, makeClaimReference, (reference) =>
    tx.claimant.create({
      data: {
        reference,
        firstName: person.firstName,
        lastName: person.lastName,
        dateOfBirth: dateOnly(person.dateOfBirth),
        email: person.email,
        phone: person.phone,
        addressLine1: person.address.line1,
        addressLine2: person.address.line2,
        town: person.address.town,
        county: person.address.county,
        postcode: person.address.postcode,
        country: person.address.country,
        contactPreference: person.contactPreference,
        createdAt: options.now,
      },
      select: { id: true, reference: true },
    }),
  );
  if (bankDetails) {
    await tx.bankDetails.create({
      data: {
        claimantId: claimant.id,
        ciphertext: encryptBankDetails(bankDetails, options.key),
        lookupHash: bankLookupHash(bankDetails, options.lookupKey),
        createdAt: options.now,
      },
    });
  }
  return { id: claimant.id, reference: claimant.reference! };
}

/**
 * Bank details sent with a claim for a known person: the same as their approved ones change
 * nothing; others become a pending change for a second caseworker, as with a response.
 */
async function proposeIfDifferent(
  tx: Tx,
  options: {
    personId: string;
    details: BankDetailsPlain;
    key: Buffer;
    lookupKey: Buffer;
    actor: AuditActor;
    proposedById: string | null;
  },
): Promise<string | null> {
  const stored = await tx.bankDetails.findUnique({ where: { claimantId: options.personId } });
  const current = stored ? decryptBankDetails(stored.ciphertext, options.key) : null;
  if (current && compareBankDetails(current, options.details).changed.length === 0) return null;
  const { changeId } = await proposeBankDetailsChange(tx, {
    claimantId: options.personId,
    details: options.details,
    key: options.key,
    lookupKey: options.lookupKey,
    actor: options.actor,
    proposedById: options.proposedById,
    note: NEW_CLAIM_BANK_CHANGE_NOTE,
  });
  return changeId;
}

/** A bank claim for a known person with no bank details, approved or pending, needs some sent with it. */
async function requireBankDetailsOnRecord(tx: Tx, personId: string): Promise<void> {
  // One after the other: a transaction is one connection.
  const stored = await tx.bankDetails.count({ where: { claimantId: personId } });
  const pending = await tx.bankDetailChange.count({ where: { claimantId: personId, status: "PENDING" } });
  if (stored + pending > 0) return;
  throw new AppError("VALIDATION", "Bank details are required", {
    bankDetails: ["Bank details are required when the payment method is BANK and the person has none on record"],
  });
}

function visitRow(claimId: string, event: VisitEvent) {
  return {
    claimId,
    prison: event.prison,
    prisonerNumber: event.prisonerNumber,
    relationship: event.relationship,
    visitAt: new Date(event.visitAt),
  };
}

/**
 * A failed INSERT aborts a PostgreSQL transaction, so each try runs under a savepoint: a
 * reference collision rolls back just that INSERT and the next reference is tried.
 */
export async function insertWithFreshReference<T>(
  tx: Tx,
  makeReference: () => string,
  insert: (reference: string) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    await tx.$executeRaw`SAVEPOINT claim_reference`;
    try {
      const row = await insert(makeReference());
      await tx.$executeRaw`RELEASE SAVEPOINT claim_reference`;
      return row;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= REFERENCE_ATTEMPTS) throw error;
      await tx.$executeRaw`ROLLBACK TO SAVEPOINT claim_reference`;
    }
  }
}
