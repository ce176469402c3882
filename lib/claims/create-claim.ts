import type { Db, Tx } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { encryptBankDetails, maskAccountNumber } from "@/lib/crypto/bank-details-cipher";
import { bankLookupHash } from "@/lib/bank-details/lookup-hash";
import { addClaimEvent } from "../timeline/claim-events";
import { makeClaimReference } from "../references/claim-reference";
import type { ClaimIntake } from "./intake/claim-intake-schema";

export type ClaimSourceForIntake = "API" | "ASSISTED_DIGITAL";
export type CreatedClaim = { id: string; reference: string };

// 32^7 references make a collision very rare, but not impossible; a few tries is plenty.
const REFERENCE_ATTEMPTS = 5;

/** A YYYY-MM-DD date as the midnight-UTC Date Prisma writes to a `@db.Date` column unchanged. */
function dateOnly(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

/**
 * Records a validated claim in one transaction: the claimant, their bank details (encrypted),
 * the claim (status NEW) with its expense lines, the "claim received" event and the audit entry.
 * `inSameTransaction` lets the caller store something with it (the API stores its idempotent
 * answer), so either everything lands or nothing does.
 */
export async function createClaim(options: {
  db: Db;
  key: Buffer;
  /** BANK_DETAILS_LOOKUP_KEY: the details keep the account's lookup hash beside their ciphertext. */
  lookupKey: Buffer;
  intake: ClaimIntake;
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
  const { claimant: person, bankDetails } = intake;

  return db.$transaction(async (tx) => {
    const keyedInBy = keyedInById
      ? await tx.user.findUniqueOrThrow({ where: { id: keyedInById }, select: { name: true } })
      : null;

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
          createdAt: now,
        },
      }),
    );
    if (bankDetails) {
      await tx.bankDetails.create({
        data: {
          claimantId: claimant.id,
          ciphertext: encryptBankDetails(bankDetails, key),
          lookupHash: bankLookupHash(bankDetails, options.lookupKey),
          createdAt: now,
        },
      });
    }

    const claim = await insertWithFreshReference(tx, options.makeReference ?? makeClaimReference, (reference) =>
      tx.claim.create({
        data: {
          reference,
          claimantId: claimant.id,
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

    const claimedPence = intake.expenses.reduce((sum, line) => sum + line.amountPence, 0);
    await addClaimEvent(tx, {
      claimId: claim.id,
      actorId: keyedInById,
      kind: "claim.received",
      summary: keyedInBy ? `Claim keyed in by ${keyedInBy.name} (assisted digital)` : "Claim received through the online service",
      detail: { source, expenseLines: intake.expenses.length, claimedPence },
      at: now,
    });
    await recordAudit(tx, {
      actor,
      action: "claim.created",
      entityType: "Claim",
      entityId: claim.id,
      // The masked account only: the audit log must never hold bank details.
      after: {
        reference: claim.reference,
        source,
        claimantId: claimant.id,
        eventDate: intake.eventDate,
        paymentMethod: intake.paymentMethod,
        expenseLines: intake.expenses.length,
        claimedPence,
        bankAccount: bankDetails ? maskAccountNumber(bankDetails.accountNumber) : null,
      },
    });

    const created = { id: claim.id, reference: claim.reference };
    await options.inSameTransaction?.(tx, created);
    return created;
  });
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
