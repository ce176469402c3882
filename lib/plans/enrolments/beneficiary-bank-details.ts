import type { StaffMember } from "@/lib/audit/record-audit";
import { decideBankDetailsChange } from "@/lib/bank-details/decide-bank-details-change";
import { proposeBankDetailsChange } from "@/lib/bank-details/propose-bank-details-change";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { holdForPendingChanges, personScope } from "./beneficiary-holds";
import type { ReadField } from "./date-fields";
import { parseBankDetailsFields } from "./enrolment-form";
import { lockEnrolment } from "./lock-enrolment";

// A beneficiary's bank details are the person's, as a claimant's are: a change is the same pending
// BankDetailChange a caseworker makes (lib/bank-details), checked here by a second plan manager.
// While it waits, the person's unsent bank payments, of claims and cycles alike, are held.

/** A plan manager proposes new bank details for a beneficiary of the plan. */
export async function proposeBeneficiaryBankDetails(options: {
  db: Db;
  key: Buffer;
  /** BANK_DETAILS_LOOKUP_KEY: the change keeps the account's lookup hash. */
  lookupKey: Buffer;
  planCode: string;
  personReference: string;
  read: ReadField;
  actor: StaffMember;
  now: Date;
}): Promise<{ heldPayments: number }> {
  const { db, key, actor } = options;
  const parsed = parseBankDetailsFields(options.read);
  if (!parsed.ok) throw new AppError("VALIDATION", "Check the bank details for errors.", parsed.fieldErrors);
  return db.$transaction(async (tx) => {
    const enrolment = await lockEnrolment(tx, options.planCode, options.personReference);
    const { heldPayments } = await proposeBankDetailsChange(tx, {
      claimantId: enrolment.personId,
      details: parsed.details,
      key,
      lookupKey: options.lookupKey,
      actor,
      proposedById: actor.id,
      note: `Proposed for benefit plan ${enrolment.planCode}`,
    });
    return { heldPayments };
  });
}

/**
 * The second plan manager approves or rejects a beneficiary's pending bank details (never the one
 * who proposed them). Payments released from the bank-details hold are held again while the person
 * still has a new payment method waiting.
 */
export async function decideBeneficiaryBankDetails(options: {
  db: Db;
  key: Buffer;
  planCode: string;
  personReference: string;
  changeId: string;
  approve: boolean;
  actor: StaffMember;
  now: Date;
}): Promise<void> {
  const { db, key, actor, now } = options;
  const [enrolled] = await db.$queryRaw<{ ok: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "BankDetailChange" b
      JOIN "Claimant" c ON c.id = b."claimantId"
      JOIN "Enrolment" e ON e."personId" = c.id
      JOIN "BenefitPlan" p ON p.id = e."benefitPlanId"
      WHERE b.id = ${options.changeId}::uuid AND c.reference = ${options.personReference.toUpperCase()}
        AND p.code = ${options.planCode.toUpperCase()}) AS ok`;
  if (!enrolled.ok) throw new AppError("NOT_FOUND", "These bank details are not a beneficiary's of this plan");
  await decideBankDetailsChange({
    db,
    key,
    changeId: options.changeId,
    approve: options.approve,
    actor,
    now,
    makerMessage: "You proposed these bank details, so another plan manager must approve or reject them.",
    inSameTransaction: (tx, { claimantId }) =>
      holdForPendingChanges(tx, { scope: personScope(claimantId), actor, now }).then(() => undefined),
  });
}
