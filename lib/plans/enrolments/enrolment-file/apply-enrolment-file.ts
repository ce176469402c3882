import { recordAuditSql } from "@/lib/audit/record-audit";
import type { PgTx } from "@/lib/db/pg-transaction";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { UploadActor } from "@/lib/uploads/receive-upload";
import { holdForPendingChanges } from "../beneficiary-holds";
import { stageFreshReferences } from "../fresh-person-references";
import type { EnrolmentFilePlan } from "./check-enrolment-file";

export interface AppliedEnrolmentFile {
  newPeople: number;
  newEnrolments: number;
  attributeSets: number;
  paymentMethods: number;
  bankDetails: number;
  heldPayments: number;
}

/**
 * Applies a checked enrolment file in the upload's transaction, set-based: one statement per table
 * whatever the number of rows, from the check's temporary tables (enrol_row, enrol_match). New
 * people get clash-free references; new enrolments start with their method both in force and
 * waiting (docs/enrolment-file.md); changed attribute values are a new set from the row's date; new
 * or changed methods and bank details wait for a second plan manager, marked with the upload, and
 * the people's unsent payments are held meanwhile. One audit record says what the file did.
 */
export async function applyEnrolmentFile(
  tx: PgTx,
  options: {
    uploadId: string;
    fileName: string;
    actor: UploadActor;
    now: Date;
    plan: EnrolmentFilePlan;
    makeReference?: () => string;
  },
): Promise<AppliedEnrolmentFile> {
  const { uploadId, fileName, actor, now, plan } = options;
  const at = Prisma.sql`(${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const matched = Prisma.sql`m.result = 'matched'`;
  try {
    const [counts] = await tx.$queryRaw<Omit<AppliedEnrolmentFile, "heldPayments">[]>`
      SELECT (count(*) FILTER (WHERE m.new_person))::int AS "newPeople",
             (count(*) FILTER (WHERE m.new_enrolment))::int AS "newEnrolments",
             (count(*) FILTER (WHERE m.new_enrolment OR m.attrs_changed))::int AS "attributeSets",
             (count(*) FILTER (WHERE m.method_proposed))::int AS "paymentMethods",
             (count(*) FILTER (WHERE m.bank_changed))::int AS "bankDetails"
      FROM enrol_match m WHERE ${matched}`;

    await stageFreshReferences(tx, { count: counts.newPeople, makeReference: options.makeReference });
    await tx.$executeRaw`
      INSERT INTO "Claimant" (id, reference, "firstName", "lastName", "dateOfBirth", email, phone, "addressLine1",
                              "addressLine2", town, county, postcode, country, "contactPreference", "createdAt", "updatedAt")
      SELECT m.person_id, f.reference, r.first_name, r.last_name, r.date_of_birth, r.email, r.phone, r.address_line1,
             r.address_line2, r.town, r.county, r.postcode, r.country, r.contact_preference::"ContactPreference", ${at}, ${at}
      FROM (SELECT line_no, person_id, row_number() OVER (ORDER BY line_no) AS n
            FROM enrol_match m WHERE ${matched} AND m.new_person) m
      JOIN enrol_row r ON r.line_no = m.line_no
      JOIN (SELECT reference, row_number() OVER (ORDER BY n) AS n FROM fresh_reference) f ON f.n = m.n`;

    // A new enrolment's method is in force and waiting at once, so its payments are held until a
    // second plan manager approves it (docs/enrolment-file.md#differs-from-the-steering-spec--choices-made).
    await tx.$executeRaw`
      INSERT INTO "Enrolment" (id, "benefitPlanId", "personId", "paymentMethod", "pendingPaymentMethod",
                               "pendingMethodProposedById", "pendingMethodProposedAt", "pendingMethodUploadId", "enrolledFrom",
                               "createdById", "createdAt", "updatedAt")
      SELECT m.enrolment_id, ${plan.benefitPlanId}::uuid, m.person_id, m.payment_method::"PaymentMethod",
             m.payment_method::"PaymentMethod", ${actor.id}::uuid, ${at}, ${uploadId}::uuid, m.enrolled_from,
             ${actor.id}::uuid, ${at}, ${at}
      FROM enrol_match m WHERE ${matched} AND m.new_enrolment`;
    await tx.$executeRaw`
      INSERT INTO "EnrolmentAttributes" (id, "enrolmentId", "effectiveFrom", "values", "createdById", "createdAt")
      SELECT gen_random_uuid(), m.enrolment_id, m.enrolled_from, r.attr_values, ${actor.id}::uuid, ${at}
      FROM enrol_match m JOIN enrol_row r ON r.line_no = m.line_no
      WHERE ${matched} AND (m.new_enrolment OR m.attrs_changed)`;
    // A newer proposal replaces one still waiting, as on the beneficiary's page (and a first method
    // never approved is replaced as the first method).
    await tx.$executeRaw`
      UPDATE "Enrolment" e
      SET "paymentMethod" = CASE WHEN e."pendingPaymentMethod" = e."paymentMethod" THEN m.payment_method::"PaymentMethod"
                                 ELSE e."paymentMethod" END,
          "pendingPaymentMethod" = m.payment_method::"PaymentMethod", "pendingMethodProposedById" = ${actor.id}::uuid,
          "pendingMethodProposedAt" = ${at}, "pendingMethodUploadId" = ${uploadId}::uuid, "updatedAt" = ${at}
      FROM enrol_match m
      WHERE e.id = m.enrolment_id AND ${matched} AND NOT m.new_enrolment AND m.method_proposed`;

    await tx.$executeRaw`
      UPDATE "BankDetailChange" b
      SET status = 'REJECTED', "decidedAt" = ${at}, "decisionNote" = 'Replaced by a newer change'
      FROM enrol_match m
      WHERE b."claimantId" = m.person_id AND b.status = 'PENDING' AND ${matched} AND m.bank_changed AND NOT m.new_person`;
    await tx.$executeRaw`
      INSERT INTO "BankDetailChange" (id, "claimantId", ciphertext, "lookupHash", status, "proposedById", "proposedAt", note,
                                      "uploadId")
      SELECT gen_random_uuid(), m.person_id, r.bank_cipher, r.bank_lookup, 'PENDING', ${actor.id}::uuid, ${at},
             ${`From the enrolment file ${fileName} for ${plan.planCode}`.slice(0, 500)}, ${uploadId}::uuid
      FROM enrol_match m JOIN enrol_row r ON r.line_no = m.line_no
      WHERE ${matched} AND m.bank_changed`;

    await tx.$executeRaw`
      UPDATE "UploadRow" u SET "personId" = m.person_id
      FROM enrol_match m
      WHERE u."uploadId" = ${uploadId}::uuid AND u."lineNo" = m.line_no AND m.result IN ('matched', 'unchanged')`;

    // New people have no payments yet; everyone else's unsent ones wait with their change.
    const held = await holdForPendingChanges(tx, {
      scope: Prisma.sql`p."personId" IN (
        SELECT m.person_id FROM enrol_match m
        WHERE ${matched} AND NOT m.new_person AND (m.method_proposed OR m.bank_changed))`,
      actor,
      now,
      uploadId,
    });
    const applied = { ...counts, heldPayments: held.bankDetails + held.paymentMethod };
    await recordAuditSql(tx, {
      actor,
      action: "enrolment-file.applied",
      entityType: "Upload",
      entityId: uploadId,
      after: { benefitPlan: plan.planCode, fileName, ...applied },
    });
    return applied;
  } catch (error) {
    // Someone enrolled or changed one of these people meanwhile (a form, another file's person
    // reference): the upload is refused as a whole and can simply be made again.
    if ((error as { code?: unknown }).code === "23505") {
      throw new AppError(
        "CONFLICT",
        "Some of these people were enrolled or changed by someone else while the file was being checked, so nothing in it was applied. Upload the file again.",
      );
    }
    throw error;
  }
}
