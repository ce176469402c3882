import { recordAudit, type StaffMember } from "@/lib/audit/record-audit";
import { proposeBankDetailsChange } from "@/lib/bank-details/propose-bank-details-change";
import { insertWithFreshReference } from "@/lib/claims/create-claim";
import { decryptBankDetails, maskAccountNumber, type BankDetailsPlain } from "@/lib/crypto/bank-details-cipher";
import { londonDate } from "@/lib/dates/london-date";
import type { Db, Tx } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/errors";
import { makeClaimReference } from "@/lib/references/claim-reference";
import { loadBenefitPlan } from "../benefit-plans/load-benefit-plan";
import { holdForPendingChanges, personScope } from "./beneficiary-holds";
import type { ReadField } from "./date-fields";
import { parseEnrolmentForm, type EnrolmentInput, type NewPerson } from "./enrolment-form";

const dateOnly = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const invalid = (field: string, message: string) => new AppError("VALIDATION", message, { [field]: [message] });

/**
 * A plan manager enrols a person in a benefit plan: an existing person by reference, or a new
 * person, who is given a reference. The attribute values in force from the enrolment date are its
 * first set. Bank details entered that differ from those on record are a pending change for a
 * second plan manager, and the person's unsent bank payments are held until it is decided
 * (docs/plans.md#four-eyes-on-bank-details-and-payment-methods). A new enrolment's payment method
 * waits for a second plan manager too: it is recorded as the enrolment's method and as the method
 * waiting, so the enrolment's cycle payments are held until it is approved (docs/enrolment-file.md).
 */
export async function enrolBeneficiary(options: {
  db: Db;
  key: Buffer;
  /** BANK_DETAILS_LOOKUP_KEY: new bank details keep the account's lookup hash. */
  lookupKey: Buffer;
  planCode: string;
  read: ReadField;
  actor: StaffMember;
  now: Date;
  /** Tests only: the person references to try, in order. */
  makeReference?: () => string;
}): Promise<{ reference: string; bankDetailsPending: boolean }> {
  const { db, key, actor, now } = options;
  const plan = await loadBenefitPlan(db, options.planCode);
  const parsed = parseEnrolmentForm(options.read, plan.attributes, londonDate(now));
  if (!parsed.ok) throw new AppError("VALIDATION", "Check the form for errors.", parsed.fieldErrors);
  const input = parsed.input;
  try {
    return await db.$transaction(async (tx) => {
      const person =
        input.person.kind === "EXISTING"
          ? await existingPerson(tx, input.person.reference)
          : await createPerson(tx, input.person.details, actor, now, options.makeReference ?? makeClaimReference);
      const already = await tx.enrolment.findUnique({
        where: { benefitPlanId_personId: { benefitPlanId: plan.id, personId: person.id } },
      });
      if (already) throw invalid("personReference", `${person.reference} is already enrolled in ${plan.code}`);

      const bankDetailsPending = await bankDetailsForEnrolment(tx, {
        input,
        personId: person.id,
        key,
        lookupKey: options.lookupKey,
        actor,
        planCode: plan.code,
      });
      const enrolment = await tx.enrolment.create({
        data: {
          benefitPlanId: plan.id,
          personId: person.id,
          paymentMethod: input.paymentMethod,
          pendingPaymentMethod: input.paymentMethod,
          pendingMethodProposedById: actor.id,
          pendingMethodProposedAt: now,
          enrolledFrom: dateOnly(input.enrolledFrom),
          createdById: actor.id,
          createdAt: now,
          attributes: {
            create: { effectiveFrom: dateOnly(input.enrolledFrom), values: input.values, createdById: actor.id, createdAt: now },
          },
        },
      });
      await holdForPendingChanges(tx, { scope: personScope(person.id), actor, now });
      await recordAudit(tx, {
        actor,
        action: "enrolment.created",
        entityType: "Enrolment",
        entityId: enrolment.id,
        after: {
          benefitPlan: plan.code,
          person: person.reference,
          paymentMethod: input.paymentMethod,
          paymentMethodPending: true,
          enrolledFrom: input.enrolledFrom,
          values: input.values,
          bankAccount: input.bankDetails ? maskAccountNumber(input.bankDetails.accountNumber) : null,
          bankDetailsPending,
        },
      });
      return { reference: person.reference, bankDetailsPending };
    });
  } catch (error) {
    // Two plan managers enrolling the same person at once: the second is told, nothing is written.
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", "This person has just been enrolled in the plan by someone else.");
    throw error;
  }
}

async function existingPerson(tx: Tx, reference: string): Promise<{ id: string; reference: string }> {
  const person = await tx.claimant.findUnique({ where: { reference }, select: { id: true, reference: true } });
  if (!person) throw invalid("personReference", `There is no person with reference ${reference}`);
  return { id: person.id, reference };
}

async function createPerson(
  tx: Tx,
  details: NewPerson,
  actor: StaffMember,
  now: Date,
  makeReference: () => string,
): Promise<{ id: string; reference: string }> {
  const person = await insertWithFreshReference(tx, makeReference, (reference) =>
    tx.claimant.create({
      data: {
        reference,
        firstName: details.firstName,
        lastName: details.lastName,
        dateOfBirth: dateOnly(details.dateOfBirth),
        email: details.email,
        phone: details.phone,
        addressLine1: details.address.line1,
        addressLine2: details.address.line2,
        town: details.address.town,
        county: details.address.county,
        postcode: details.address.postcode,
        country: details.address.country,
        contactPreference: details.contactPreference,
        createdAt: now,
      },
      select: { id: true, reference: true },
    }),
  );
  await recordAudit(tx, {
    actor,
    action: "person.created",
    entityType: "Claimant",
    entityId: person.id,
    after: { reference: person.reference, source: "enrolment" },
  });
  return { id: person.id, reference: person.reference! };
}

/**
 * New bank details become a pending change unless they are the ones on record already; a bank
 * transfer with none entered needs details on record or pending. Whether a change now waits.
 */
async function bankDetailsForEnrolment(
  tx: Tx,
  options: { input: EnrolmentInput; personId: string; key: Buffer; lookupKey: Buffer; actor: StaffMember; planCode: string },
): Promise<boolean> {
  const { input, personId, key, actor } = options;
  const onRecord = await tx.bankDetails.findUnique({ where: { claimantId: personId } });
  if (input.bankDetails) {
    if (onRecord && sameDetails(decryptBankDetails(onRecord.ciphertext, key), input.bankDetails)) return false;
    await proposeBankDetailsChange(tx, {
      claimantId: personId,
      details: input.bankDetails,
      key,
      lookupKey: options.lookupKey,
      actor,
      proposedById: actor.id,
      note: `Entered when enrolling in ${options.planCode}`,
    });
    return true;
  }
  const pending = await tx.bankDetailChange.count({ where: { claimantId: personId, status: "PENDING" } });
  if (input.paymentMethod === "BANK" && !onRecord && pending === 0) {
    throw invalid("nameOnAccount", "This person has no bank details on record: enter them for a bank transfer");
  }
  return pending > 0;
}

function sameDetails(a: BankDetailsPlain, b: BankDetailsPlain): boolean {
  return (
    a.sortCode === b.sortCode &&
    a.accountNumber === b.accountNumber &&
    a.nameOnAccount === b.nameOnAccount &&
    (a.rollNumber ?? null) === (b.rollNumber ?? null)
  );
}
