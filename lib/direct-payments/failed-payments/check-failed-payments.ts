import { createHmac, randomBytes } from "node:crypto";
import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { csvRow, forEachCopyRow } from "@/lib/db/copy-rows";
import type { PgTx } from "@/lib/db/pg-transaction";
import { StagingFile } from "@/lib/db/staging-file";
import { Prisma } from "@/lib/generated/prisma/client";
import type { UploadFile } from "@/lib/uploads/receive-upload";
import { copyUploadLines } from "@/lib/uploads/copy-upload-lines";
import type { UploadLine } from "@/lib/uploads/upload-lines";
import { DUPLICATES_NAMED, NO_REASON_GIVEN } from "./match-failed-payments";
import { parseFailedPaymentLine } from "./parse-failed-payments";

/**
 * The whole-file check of an SSCL failed-payments upload, set-based
 * (docs/file-formats.md#matching-failed-rows). The rules are those of the pure matcher in
 * match-failed-payments.ts (the reference the corpus pins); here they run as joins, so the work
 * grows with the rows, not with their square:
 *
 *   1. the stored file streams through the UTF-8 check and the line parser into the temporary
 *      table failed_row with one COPY (a parse error is staged with its message);
 *   2. the AccessPay lines whose reference column matches a row (upper("fileReference"), the
 *      expression index) stream out with one COPY; their stored bank details are decrypted here and
 *      go back in (one more COPY, through an encrypted temporary file) as keyed hashes, the same
 *      keyed hashes as the rows' sort codes and account numbers: PostgreSQL compares them without
 *      ever holding the details themselves (the key is random per upload and never stored);
 *   3. one statement classifies every row against its candidate lines (failed_match);
 *   4. one statement finds rows for the same payment by GROUP BY and writes every row's outcome
 *      into upload_outcome: messages for matched and unchanged rows, the facts of each error (the
 *      shell renders the few it stores with renderMatchError).
 */

export async function checkFailedPayments(tx: PgTx, file: UploadFile, key: Buffer): Promise<void> {
  const hashKey = randomBytes(32);
  const blind = (value: string) => createHmac("sha256", hashKey).update(value).digest("base64url");

  await tx.client.query(`
    CREATE TEMP TABLE failed_row (
      line_no int PRIMARY KEY, kind text, message text, sort_h text, account_h text, amount_pence bigint,
      reference text, ref_upper text, reason text
    ) ON COMMIT DROP;
    CREATE TEMP TABLE paid_to (file_line_id uuid PRIMARY KEY, sort_h text, account_h text) ON COMMIT DROP`);

  // 1. The rows.
  const stage = (line: UploadLine): string => {
    const parsed = parseFailedPaymentLine(line);
    if ("error" in parsed) return csvRow([line.lineNo, parsed.kind, parsed.error.message, null, null, null, null, null, null]);
    const r = parsed.row;
    return csvRow([
      r.lineNo,
      null,
      null,
      blind(r.sortCode),
      blind(r.accountNumber),
      r.amountPence,
      r.reference,
      r.reference.trim().toUpperCase(),
      r.reason,
    ]);
  };
  await copyUploadLines(tx, file, { table: "failed_row", stage });

  // 2. What the candidate lines paid to, as keyed hashes.
  const staging = await StagingFile.create("disburse-failed-payments-");
  try {
    await forEachCopyRow(
      tx.client,
      `SELECT l.id, l."bankDetailsCiphertext" FROM "FileLine" l JOIN "Batch" b ON b.id = l."batchId"
       WHERE b.method = 'BANK' AND upper(l."fileReference") IN (SELECT ref_upper FROM failed_row WHERE ref_upper IS NOT NULL)`,
      async ([id, ciphertext]) => {
        const paid = paidTo(id!, ciphertext, key);
        await staging.write(csvRow([id, paid && blind(paid.sortCode), paid && blind(paid.accountNumber)]));
      },
    );
    await staging.copyInto(tx.client, "COPY paid_to FROM STDIN (FORMAT csv)");
  } finally {
    await staging.discard();
  }

  // 3. Each row against its candidates, in the matcher's order of lines (oldest batch first).
  const sameReason = (column: Prisma.Sql) =>
    Prisma.sql`lower(regexp_replace(regexp_replace(coalesce(${column}, ${NO_REASON_GIVEN}), '\\s+', ' ', 'g'), '^ | $', '', 'g'))`;
  await tx.$executeRaw`
    CREATE TEMP TABLE failed_match ON COMMIT DROP AS
    WITH cand AS (
      SELECT s.line_no, l.id AS file_line_id, l."batchId" AS batch_id, (l."isVoid" OR b.status = 'VOID') AS is_void,
             p.id AS payment_id, p.reference AS payment_reference, p.status::text AS payment_status,
             p."failureReason" AS stored_reason, l."amountPence"::bigint AS sent_amount,
             coalesce(t.sort_h = s.sort_h, false) AS sort_ok, coalesce(t.account_h = s.account_h, false) AS account_ok,
             l."amountPence" = s.amount_pence AS amount_ok,
             row_number() OVER (PARTITION BY s.line_no ORDER BY b."createdAt", l."lineNo", l.id) AS ord
      FROM failed_row s
      JOIN "FileLine" l ON upper(l."fileReference") = s.ref_upper
      JOIN "Batch" b ON b.id = l."batchId" AND b.method = 'BANK'
      JOIN "Payment" p ON p.id = l."paymentId"
      LEFT JOIN paid_to t ON t.file_line_id = l.id
      WHERE s.kind IS NULL
    ),
    exact AS (SELECT * FROM cand WHERE sort_ok AND account_ok AND amount_ok),
    closest AS (
      SELECT DISTINCT ON (line_no) * FROM cand
      ORDER BY line_no, (sort_ok::int + account_ok::int + amount_ok::int) DESC, ord
    ),
    first_exact AS (SELECT DISTINCT ON (line_no) * FROM exact ORDER BY line_no, ord),
    first_live AS (SELECT DISTINCT ON (line_no) * FROM exact WHERE NOT is_void ORDER BY line_no, ord),
    first_failed AS (SELECT DISTINCT ON (line_no) * FROM exact WHERE NOT is_void AND payment_status = 'FAILED' ORDER BY line_no, ord),
    sent_payments AS (
      SELECT line_no, payment_id, payment_reference, min(ord) AS first_ord, (array_agg(file_line_id ORDER BY ord))[1] AS file_line_id
      FROM exact WHERE NOT is_void AND payment_status IN ('SENT', 'PAID')
      GROUP BY line_no, payment_id, payment_reference
    ),
    sent AS (
      SELECT line_no, count(*) AS n, array_agg(payment_reference ORDER BY first_ord) AS refs,
             (array_agg(payment_id ORDER BY first_ord))[1] AS payment_id,
             (array_agg(payment_reference ORDER BY first_ord))[1] AS payment_reference,
             (array_agg(file_line_id ORDER BY first_ord))[1] AS file_line_id
      FROM sent_payments GROUP BY line_no
    ),
    judged AS (
      SELECT s.line_no, s.reference, s.reason, s.amount_pence,
             CASE
               WHEN cl.line_no IS NULL THEN 'unknown'
               WHEN fe.line_no IS NULL THEN 'mismatch'
               WHEN fl.line_no IS NULL THEN 'voided'
               WHEN sn.n > 1 THEN 'ambiguous'
               WHEN sn.n = 1 THEN 'matched'
               WHEN ff.line_no IS NOT NULL AND ${sameReason(Prisma.sql`ff.stored_reason`)} = ${sameReason(Prisma.sql`s.reason`)}
                 THEN 'unchanged'
               WHEN ff.line_no IS NOT NULL THEN 'different-reason'
               ELSE 'not-sent'
             END AS result,
             cl.sort_ok, cl.account_ok, cl.sent_amount, cl.payment_reference AS closest_reference,
             fe.payment_id AS exact_payment_id, fe.file_line_id AS exact_file_line_id,
             fe.payment_reference AS exact_reference, fe.batch_id AS exact_batch_id,
             fl.payment_id AS live_payment_id, fl.file_line_id AS live_file_line_id,
             fl.payment_reference AS live_reference, fl.payment_status AS live_status,
             sn.refs AS sent_refs, sn.payment_id AS sent_payment_id, sn.file_line_id AS sent_file_line_id,
             sn.payment_reference AS sent_reference,
             ff.payment_id AS failed_payment_id, ff.file_line_id AS failed_file_line_id,
             ff.payment_reference AS failed_reference, ff.stored_reason
      FROM failed_row s
      LEFT JOIN closest cl ON cl.line_no = s.line_no
      LEFT JOIN first_exact fe ON fe.line_no = s.line_no
      LEFT JOIN first_live fl ON fl.line_no = s.line_no
      LEFT JOIN sent sn ON sn.line_no = s.line_no
      LEFT JOIN first_failed ff ON ff.line_no = s.line_no
      WHERE s.kind IS NULL
    )
    SELECT line_no, result,
           CASE result WHEN 'matched' THEN sent_payment_id WHEN 'unchanged' THEN failed_payment_id
                       WHEN 'different-reason' THEN failed_payment_id WHEN 'voided' THEN exact_payment_id
                       WHEN 'not-sent' THEN live_payment_id END AS payment_id,
           CASE result WHEN 'matched' THEN sent_file_line_id WHEN 'unchanged' THEN failed_file_line_id
                       WHEN 'different-reason' THEN failed_file_line_id WHEN 'voided' THEN exact_file_line_id
                       WHEN 'not-sent' THEN live_file_line_id END AS file_line_id,
           CASE result WHEN 'matched' THEN sent_reference ELSE failed_reference END AS payment_reference,
           coalesce(reason, ${NO_REASON_GIVEN}) AS failure_reason,
           stored_reason,
           CASE result
             WHEN 'unknown' THEN jsonb_build_object('reference', reference)
             WHEN 'mismatch' THEN jsonb_build_object('sortCodeAgrees', sort_ok, 'accountAgrees', account_ok,
               'fileAmountPence', amount_pence, 'sentAmountPence', sent_amount, 'rowReference', reference,
               'paymentReference', closest_reference)
             WHEN 'voided' THEN jsonb_build_object('paymentReference', exact_reference, 'batchId', exact_batch_id)
             WHEN 'ambiguous' THEN jsonb_build_object('paymentReferences', to_jsonb(sent_refs))
             WHEN 'different-reason' THEN jsonb_build_object('paymentReference', failed_reference,
               'storedReason', stored_reason, 'fileReason', coalesce(reason, ${NO_REASON_GIVEN}))
             WHEN 'not-sent' THEN jsonb_build_object('paymentReference', live_reference, 'status', live_status)
           END AS facts
    FROM judged`;

  // 4. Rows for the same payment (matched or unchanged) are all errors, each naming a few of the others.
  await tx.$executeRaw`
    WITH dup AS (
      SELECT payment_id, count(*)::int AS n, (array_agg(line_no ORDER BY line_no))[1:${DUPLICATES_NAMED + 1}] AS first_lines
      FROM failed_match WHERE result IN ('matched', 'unchanged')
      GROUP BY payment_id HAVING count(*) > 1
    )
    INSERT INTO upload_outcome (line_no, outcome, kind, message, facts, payment_id)
    SELECT line_no, 'ERROR', kind, message, NULL, NULL FROM failed_row WHERE kind IS NOT NULL
    UNION ALL
    SELECT m.line_no,
           (CASE WHEN d.payment_id IS NOT NULL THEN 'ERROR' WHEN m.result = 'matched' THEN 'MATCHED'
                 WHEN m.result = 'unchanged' THEN 'UNCHANGED' ELSE 'ERROR' END)::"UploadRowOutcome",
           CASE WHEN d.payment_id IS NOT NULL THEN 'duplicate' WHEN m.result IN ('matched', 'unchanged') THEN NULL
                ELSE m.result END,
           CASE WHEN d.payment_id IS NOT NULL THEN NULL
                WHEN m.result = 'matched' THEN 'Payment ' || m.payment_reference || ' failed: ' || m.failure_reason
                WHEN m.result = 'unchanged' THEN 'Payment ' || m.payment_reference || ' already failed'
                  || coalesce(' (' || nullif(m.stored_reason, '') || ')', '') || '; unchanged' END,
           CASE WHEN d.payment_id IS NOT NULL THEN jsonb_build_object(
                  'others', to_jsonb((SELECT coalesce(array_agg(x ORDER BY x), '{}') FROM (
                    SELECT x FROM unnest(d.first_lines) AS x WHERE x <> m.line_no ORDER BY x LIMIT ${DUPLICATES_NAMED}) o)),
                  'otherCount', d.n - 1)
                ELSE m.facts END,
           m.payment_id
    FROM failed_match m
    LEFT JOIN dup d ON d.payment_id = m.payment_id AND m.result IN ('matched', 'unchanged')`;
}

/** The failures an applied file makes: its MATCHED rows. */
export const MATCHED_FAILURES = Prisma.sql`
  SELECT m.payment_id AS "paymentId", m.file_line_id AS "fileLineId", m.failure_reason AS "failureReason"
  FROM upload_outcome o JOIN failed_match m ON m.line_no = o.line_no
  WHERE o.outcome = 'MATCHED'`;

// A line without its stored details cannot be matched on them: no hashes make it a mismatch.
function paidTo(fileLineId: string, ciphertext: string | null, key: Buffer): { sortCode: string; accountNumber: string } | null {
  if (!ciphertext) return null;
  try {
    const { sortCode, accountNumber } = decryptBankDetails(ciphertext, key);
    return { sortCode, accountNumber };
  } catch (error) {
    // Every line uses the same key, so this is a configuration fault, not one row's problem.
    throw new Error(`the bank details stored on file line ${fileLineId} could not be decrypted: check BANK_DETAILS_KEY`, {
      cause: error,
    });
  }
}
