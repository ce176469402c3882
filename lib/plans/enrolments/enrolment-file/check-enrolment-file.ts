import { bankLookupHash } from "@/lib/bank-details/lookup-hash";
import { decryptBankDetails, encryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { londonDate } from "@/lib/dates/london-date";
import { csvRow, forEachCopyRow } from "@/lib/db/copy-rows";
import type { PgTx } from "@/lib/db/pg-transaction";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { copyUploadLines } from "@/lib/uploads/copy-upload-lines";
import type { UploadFile } from "@/lib/uploads/receive-upload";
import type { UploadLine } from "@/lib/uploads/upload-lines";
import { writeMatchOutcomes } from "@/lib/uploads/write-match-outcomes";
import { declaredAttributes } from "../../benefit-plans/load-benefit-plan";
import { bankDetailsDigester } from "./bank-details-digest";
import { FOLD_SQL_FROM, FOLD_SQL_TO } from "./enrolment-columns";
import { EnrolmentFileReader } from "./enrolment-file-reader";

/**
 * The whole-file check of an enrolment file, set-based (docs/enrolment-file.md). The row rules are
 * the pure reader's (enrolment-file-reader.ts); the rules against the record run as joins in a
 * fixed number of statements, so a file of a hundred thousand people streams through:
 *
 *   1. the plan is read and share-locked (its attributes cannot change under the file);
 *   2. the stored file streams through the reader into the temporary table enrol_row with one COPY:
 *      a readable row with its values, bank details encrypted as they will be stored, with the
 *      account's lookup hash (and, for someone on record, a keyed digest of them to compare); an
 *      unreadable one with its message; then a person on an earlier readable row too is marked a
 *      duplicate (in SQL, so nothing is kept in memory per row);
 *   3. the bank details on record and waiting of the people the file names by reference, decrypted
 *      here and staged as digests (enrol_bank): one COPY out, one INSERT;
 *   4. one statement judges every row against the record (enrol_match): who the person is, their
 *      enrolment in the plan, the attribute set in force on the row's date, the method and bank
 *      details in force or waiting; new people and enrolments get their ids here;
 *   5. one statement writes every row's outcome (renderEnrolmentError words the errors stored).
 */

export interface EnrolmentFilePlan {
  benefitPlanId: string;
  planCode: string;
}

const ROW_COLUMNS = `line_no int PRIMARY KEY, kind text, message text, person_reference text, first_name text,
  last_name text, date_of_birth date, address_line1 text, address_line2 text, town text, county text, postcode text,
  country text, contact_preference text, email text, phone text, person_key text, payment_method text, bank_cipher text,
  bank_digest text, bank_lookup text, enrolled_from date, attr_values jsonb`;

export async function checkEnrolmentFile(
  tx: PgTx,
  file: UploadFile,
  options: { benefitPlanId: string; key: Buffer; lookupKey: Buffer },
): Promise<EnrolmentFilePlan> {
  const { benefitPlanId, key } = options;

  // 1. The plan, whose declarations the rows are typed by.
  const [plan] = await tx.$queryRaw<{ code: string; attributes: unknown }[]>`
    SELECT code, attributes FROM "BenefitPlan" WHERE id = ${benefitPlanId}::uuid FOR SHARE`;
  if (!plan) throw new AppError("NOT_FOUND", "The benefit plan this file was uploaded for no longer exists");

  // 2. The rows.
  await tx.client.query(`CREATE TEMP TABLE enrol_row (${ROW_COLUMNS}) ON COMMIT DROP`);
  const reader = new EnrolmentFileReader(declaredAttributes(plan.attributes), londonDate(file.now));
  const stager = new RowStager(reader, key, options.lookupKey);
  await copyUploadLines(tx, file, { table: "enrol_row", stage: (line) => stager.stage(line), finish: () => stager.finish() });
  await markDuplicates(tx);

  // 3. What is on record and waiting for the people named by reference, as digests.
  await tx.client.query(
    `CREATE TEMP TABLE enrol_bank (person_id uuid PRIMARY KEY, record_digest text, pending_digest text) ON COMMIT DROP`,
  );
  const digest = bankDetailsDigester(key);
  const staged = { ids: [] as string[], record: [] as (string | null)[], pending: [] as (string | null)[] };
  await forEachCopyRow(
    tx.client,
    `SELECT c.id, b.ciphertext, p.ciphertext
     FROM (SELECT DISTINCT person_reference FROM enrol_row
           WHERE kind IS NULL AND person_reference IS NOT NULL AND bank_digest IS NOT NULL) r
     JOIN "Claimant" c ON c.reference = r.person_reference
     LEFT JOIN "BankDetails" b ON b."claimantId" = c.id
     LEFT JOIN "BankDetailChange" p ON p."claimantId" = c.id AND p.status = 'PENDING'
     WHERE b.id IS NOT NULL OR p.id IS NOT NULL`,
    ([id, record, pending]) => {
      staged.ids.push(id!);
      staged.record.push(record === null ? null : digest(decryptBankDetails(record, key)));
      staged.pending.push(pending === null ? null : digest(decryptBankDetails(pending, key)));
    },
  );
  await tx.$executeRaw`
    INSERT INTO enrol_bank SELECT * FROM unnest(${staged.ids}::uuid[], ${staged.record}::text[], ${staged.pending}::text[])`;

  // 4. Every readable row against the record.
  await judgeRows(tx, { benefitPlanId, planCode: plan.code });

  // 5. Every line's outcome.
  const date = Prisma.sql`to_char(m.enrolled_from, 'FMDD FMMonth YYYY')`;
  const waits = Prisma.sql`CASE WHEN m.bank_changed THEN 'payment method and bank details wait' ELSE 'payment method waits' END
    || ' for a second plan manager'`;
  await writeMatchOutcomes(tx, {
    rowTable: "enrol_row",
    matchTable: "enrol_match",
    matched: Prisma.sql`CASE
      WHEN m.new_person THEN 'New person enrolled from ' || ${date} || '; ' || ${waits}
      WHEN m.new_enrolment THEN m.person_reference || ' enrolled from ' || ${date} || '; ' || ${waits}
      ELSE m.person_reference || ': ' || array_to_string(array_remove(ARRAY[
        CASE WHEN m.attrs_changed THEN 'new attribute values from ' || ${date} END,
        CASE WHEN m.method_proposed THEN 'payment method ' || m.payment_method || ' waits for a second plan manager' END,
        CASE WHEN m.bank_changed THEN 'new bank details wait for a second plan manager' END], NULL), '; ')
      END`,
    unchanged: Prisma.sql`m.person_reference || ': unchanged'`,
    paymentId: Prisma.sql`NULL::uuid`,
  });
  return { benefitPlanId, planCode: plan.code };
}

/** Lines to CSV rows of enrol_row, each read by the pure reader. */
class RowStager {
  private readonly digest: ReturnType<typeof bankDetailsDigester>;

  constructor(
    private readonly reader: EnrolmentFileReader,
    private readonly key: Buffer,
    private readonly lookupKey: Buffer,
  ) {
    this.digest = bankDetailsDigester(key);
  }

  stage(line: UploadLine): string {
    const read = this.reader.read(line);
    if (read.kind === "problem") return problemRow(read.lineNo, read.problem, read.message);
    if (read.kind !== "row") return "";
    const { row } = read;
    const bank = row.bankDetails;
    const person =
      row.person.kind === "NEW"
        ? (() => {
            const p = row.person.details;
            return [
              null,
              p.firstName,
              p.lastName,
              p.dateOfBirth,
              p.address.line1,
              p.address.line2,
              p.address.town,
              p.address.county,
              p.address.postcode,
              p.address.country,
              p.contactPreference,
              p.email,
              p.phone,
              row.person.key,
            ];
          })()
        : (() => {
            const g = row.person.given;
            return [
              row.person.reference,
              g.firstName,
              g.lastName,
              g.dateOfBirth,
              g.addressLine1,
              g.addressLine2,
              g.town,
              g.county,
              g.postcode,
              null,
              g.contactPreference,
              g.email,
              g.phone,
              null,
            ];
          })();
    return csvRow([
      row.lineNo,
      null,
      null,
      ...person,
      row.paymentMethod,
      bank ? encryptBankDetails(bank, this.key) : null,
      // Only someone on record has details to compare with.
      bank && row.person.kind === "EXISTING" ? this.digest(bank) : null,
      bank ? bankLookupHash(bank, this.lookupKey) : null,
      row.enrolledFrom,
      JSON.stringify(row.values),
    ]);
  }

  finish(): string {
    const headerOnly = this.reader.finish();
    return headerOnly ? problemRow(1, "header", headerOnly.message) : "";
  }
}

const EMPTY_COLUMNS = 20;

function problemRow(lineNo: number, kind: string, message: string): string {
  return csvRow([lineNo, kind, message, ...Array<null>(EMPTY_COLUMNS).fill(null)]);
}

/**
 * A readable row whose person (the same reference, or for someone new the same key) is on an
 * earlier readable row is an error naming that line, worded as duplicateMessage words it.
 */
async function markDuplicates(tx: PgTx): Promise<void> {
  await tx.client.query(`
    UPDATE enrol_row r SET kind = 'duplicate', message = CASE
      WHEN r.person_key IS NULL THEN 'Line ' || r.line_no || ': Person Reference ' || r.person_reference || ' is also on line '
        || d.first_line || ': give each person one row'
      ELSE 'Line ' || r.line_no || ': the same person as line ' || d.first_line
        || ' (same First Name, Last Name, Date of Birth and Postcode): give each person one row' END
    FROM (SELECT line_no, min(line_no) OVER (PARTITION BY person_reference, person_key) AS first_line
          FROM enrol_row WHERE kind IS NULL) d
    WHERE d.line_no = r.line_no AND d.first_line <> r.line_no`);
}

/**
 * enrol_match: each readable row's result ('matched', 'unchanged' or the error kind that
 * renderEnrolmentError words), the facts for that, and what applying it changes. A new person and
 * a new enrolment get their ids here, so the apply and the upload's rows can name them.
 */
async function judgeRows(tx: PgTx, options: { benefitPlanId: string; planCode: string }): Promise<void> {
  const { benefitPlanId, planCode } = options;
  const fold = (column: string) => Prisma.sql`translate(${Prisma.raw(column)}, ${FOLD_SQL_FROM}, ${FOLD_SQL_TO})`;
  const iso = (column: string) => Prisma.sql`to_char(${Prisma.raw(column)}, 'YYYY-MM-DD')`;
  // A column given for an existing person that is not what is on record.
  const differs = (given: string, stored: string, column: string) =>
    Prisma.sql`CASE WHEN k.id IS NOT NULL AND r.${Prisma.raw(given)} IS NOT NULL
      AND lower(r.${Prisma.raw(given)}) IS DISTINCT FROM lower(k.${Prisma.raw(stored)}) THEN ${column} END`;
  await tx.$executeRaw`
    CREATE TEMP TABLE enrol_match ON COMMIT DROP AS
    WITH r AS (SELECT * FROM enrol_row WHERE kind IS NULL),
    known AS (
      SELECT r.line_no, c.id, c."firstName", c."lastName", c."dateOfBirth", c."addressLine1", c."addressLine2", c.town,
             c.county, c.postcode, c."contactPreference"::text AS "contactPreference", c.email,
             regexp_replace(coalesce(c.phone, ''), '[^0-9]', '', 'g') AS phone_digits,
             EXISTS (SELECT 1 FROM "BankDetails" b WHERE b."claimantId" = c.id)
               OR EXISTS (SELECT 1 FROM "BankDetailChange" b WHERE b."claimantId" = c.id AND b.status = 'PENDING') AS has_bank
      FROM r JOIN "Claimant" c ON c.reference = r.person_reference
    ),
    lookalike AS (
      -- Someone on record with a new row's name, date of birth and postcode (the key the reader made).
      SELECT DISTINCT ON (k.person_key) k.person_key, c.reference
      FROM (SELECT DISTINCT person_key FROM r WHERE person_key IS NOT NULL) k
      JOIN "Claimant" c
        ON ${fold('c."firstName"')} || '|' || ${fold('c."lastName"')} || '|' || ${iso('c."dateOfBirth"')} || '|' || c.postcode
           = k.person_key
      ORDER BY k.person_key, c.reference NULLS LAST
    ),
    judged AS (
      SELECT r.line_no, r.person_reference, r.payment_method, r.enrolled_from, r.attr_values, r.bank_digest,
             r.bank_cipher IS NOT NULL AS bank_given,
             r.person_key IS NULL AS has_reference,
             k.id AS known_id, coalesce(k.has_bank, false) AS has_bank,
             lk.person_key IS NOT NULL AS looks_known, lk.reference AS lookalike,
             e.id AS enrolment_id, e."paymentMethod"::text AS method, e."pendingPaymentMethod"::text AS pending,
             e."enrolledFrom" AS started, e."enrolledTo" AS ended,
             s."values" AS inforce_values, s."effectiveFrom" AS inforce_from,
             eb.record_digest, eb.pending_digest,
             array_remove(ARRAY[
               CASE WHEN ${fold("r.first_name")} <> ${fold('k."firstName"')} THEN 'First Name' END,
               CASE WHEN ${fold("r.last_name")} <> ${fold('k."lastName"')} THEN 'Last Name' END,
               CASE WHEN r.date_of_birth <> k."dateOfBirth" THEN 'Date of Birth' END], NULL) AS identity_differs,
             array_remove(ARRAY[
               ${differs("address_line1", '"addressLine1"', "Address Line 1")},
               ${differs("address_line2", '"addressLine2"', "Address Line 2")},
               ${differs("town", "town", "Town")},
               ${differs("county", "county", "County")},
               ${differs("postcode", "postcode", "Postcode")},
               ${differs("contact_preference", '"contactPreference"', "Contact Preference")},
               ${differs("email", "email", "Email")},
               CASE WHEN k.id IS NOT NULL AND r.phone IS NOT NULL AND regexp_replace(r.phone, '[^0-9]', '', 'g') <> k.phone_digits
                 THEN 'Phone' END], NULL) AS details_differ
      FROM r
      LEFT JOIN known k ON k.line_no = r.line_no
      LEFT JOIN lookalike lk ON lk.person_key = r.person_key
      LEFT JOIN "Enrolment" e ON e."personId" = k.id AND e."benefitPlanId" = ${benefitPlanId}::uuid
      LEFT JOIN LATERAL (
        SELECT a."values", a."effectiveFrom" FROM "EnrolmentAttributes" a
        WHERE a."enrolmentId" = e.id AND a."effectiveFrom" <= greatest(r.enrolled_from, e."enrolledFrom")
        ORDER BY a."effectiveFrom" DESC LIMIT 1
      ) s ON e.id IS NOT NULL
      LEFT JOIN enrol_bank eb ON eb.person_id = k.id
    ),
    flagged AS (
      SELECT j.*,
             NOT j.has_reference AS new_person,
             j.enrolment_id IS NULL AS new_enrolment,
             j.enrolment_id IS NOT NULL AND j.inforce_values IS DISTINCT FROM j.attr_values AS attrs_changed,
             j.enrolment_id IS NULL OR j.payment_method <> coalesce(j.pending, j.method) AS method_proposed,
             j.bank_given AND (NOT j.has_reference
               OR j.bank_digest IS DISTINCT FROM coalesce(j.pending_digest, j.record_digest)
                  AND NOT (j.pending_digest IS NOT NULL AND j.bank_digest = j.record_digest)) AS bank_changed
      FROM judged j
    ),
    resulted AS (
      SELECT f.*,
             CASE
               WHEN f.has_reference AND f.known_id IS NULL THEN 'unknown-person'
               WHEN cardinality(f.identity_differs) > 0 THEN 'not-this-person'
               WHEN cardinality(f.details_differ) > 0 THEN 'person-differs'
               WHEN f.looks_known THEN 'existing-person'
               WHEN f.ended IS NOT NULL AND (f.attrs_changed OR f.method_proposed OR f.bank_changed) THEN 'ended'
               WHEN f.attrs_changed AND f.enrolled_from < f.started THEN 'before-start'
               WHEN f.attrs_changed AND f.inforce_from = f.enrolled_from THEN 'same-day'
               WHEN NOT f.new_enrolment AND f.pending IS NOT NULL AND f.pending <> f.method AND f.payment_method = f.method
                 THEN 'method-waiting'
               WHEN f.pending_digest IS NOT NULL AND f.bank_digest = f.record_digest AND f.bank_digest <> f.pending_digest
                 THEN 'bank-waiting'
               WHEN f.payment_method = 'BANK' AND f.method_proposed AND NOT f.bank_given AND NOT f.has_bank
                 THEN 'no-bank-details'
               WHEN f.new_enrolment OR f.attrs_changed OR f.method_proposed OR f.bank_changed THEN 'matched'
               ELSE 'unchanged'
             END AS result
      FROM flagged f
    )
    SELECT line_no, result, person_reference, payment_method, enrolled_from, new_person, new_enrolment, attrs_changed,
           method_proposed, bank_changed,
           CASE WHEN known_id IS NULL THEN gen_random_uuid() ELSE known_id END AS person_id,
           CASE WHEN enrolment_id IS NULL THEN gen_random_uuid() ELSE enrolment_id END AS enrolment_id,
           CASE WHEN result NOT IN ('matched', 'unchanged') THEN jsonb_build_object(
             'reference', person_reference, 'plan', ${planCode}::text,
             'columns', to_jsonb(CASE result WHEN 'not-this-person' THEN identity_differs ELSE details_differ END),
             'lookalike', lookalike, 'started', ${iso("started")}, 'ended', ${iso("ended")}, 'date', ${iso("enrolled_from")},
             'method', method, 'pending', pending) END AS facts
    FROM resulted`;
  await tx.client.query("ANALYZE enrol_match");
}
