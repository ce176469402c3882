import type { SqlTx } from "@/lib/db/pg-transaction";

// People flagged for new bank details by a failed cycle payment (Claimant.bankDetailsNeededSince,
// docs/cycle-reconciliation.md#a-failed-cycle-payment): the list on /benefit-plans, oldest flag
// first, and the warning on a beneficiary's page. The flag clears when new bank details are approved.

export const PEOPLE_NEEDING_BANK_DETAILS_SHOWN = 200;

export type PersonNeedingBankDetails = {
  personReference: string;
  personName: string;
  since: Date;
  /** A benefit plan the person is enrolled in (a current one first), for the link to their page. */
  planCode: string | null;
  /** New bank details wait for a second plan manager. */
  newDetailsWaiting: boolean;
};

export async function listPeopleNeedingBankDetails(db: SqlTx): Promise<PersonNeedingBankDetails[]> {
  return db.$queryRaw<PersonNeedingBankDetails[]>`
    SELECT cl.reference AS "personReference", cl."firstName" || ' ' || cl."lastName" AS "personName",
           cl."bankDetailsNeededSince" AS since,
           (SELECT bp.code FROM "Enrolment" e JOIN "BenefitPlan" bp ON bp.id = e."benefitPlanId"
            WHERE e."personId" = cl.id ORDER BY e."enrolledTo" IS NULL DESC, e."enrolledTo" DESC, bp.code LIMIT 1) AS "planCode",
           EXISTS (SELECT 1 FROM "BankDetailChange" b WHERE b."claimantId" = cl.id AND b.status = 'PENDING') AS "newDetailsWaiting"
    FROM "Claimant" cl
    WHERE cl."bankDetailsNeededSince" IS NOT NULL
    ORDER BY cl."bankDetailsNeededSince", cl.reference
    LIMIT ${PEOPLE_NEEDING_BANK_DETAILS_SHOWN}`;
}

export type BankDetailsNeeded = {
  since: Date;
  /** The person's failed cycle payments, latest first. */
  failed: { reference: string; failedAt: Date | null; reason: string | null; status: string }[];
};

/** The flag on one person, with the cycle payments that failed since it was raised; null when not flagged. */
export async function loadBankDetailsNeeded(db: SqlTx, personId: string): Promise<BankDetailsNeeded | null> {
  const [person] = await db.$queryRaw<{ since: Date | null }[]>`
    SELECT "bankDetailsNeededSince" AS since FROM "Claimant" WHERE id = ${personId}::uuid`;
  if (!person?.since) return null;
  const failed = await db.$queryRaw<BankDetailsNeeded["failed"]>`
    SELECT p.reference, p."failedAt", p."failureReason" AS reason, p.status::text AS status
    FROM "Payment" p
    WHERE p."personId" = ${personId}::uuid AND p."cycleId" IS NOT NULL
      AND p."failedAt" >= (SELECT "bankDetailsNeededSince" FROM "Claimant" WHERE id = ${personId}::uuid)
    ORDER BY p."failedAt" DESC, p.reference
    LIMIT 10`;
  return { since: person.since, failed };
}
