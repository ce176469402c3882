import { csvRow } from "@/lib/db/copy-rows";
import type { PgTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { UploadFile } from "@/lib/uploads/receive-upload";
import { copyUploadLines } from "@/lib/uploads/copy-upload-lines";
import { writeMatchOutcomes } from "@/lib/uploads/write-match-outcomes";
import { UploadFileProblem } from "@/lib/uploads/upload-lines";
import { readCsvLine } from "../parse-csv-upload";
import { readPaymentCodeRecord } from "../parse-payment-codes";
import { OTHER_LINES_NAMED } from "./render-payment-code-error";

/**
 * The whole-file check of a Payout payment-code upload, set-based
 * (docs/file-formats.md#payout-payment-code-upload). The rules are those of the pure parser and
 * matcher (parse-payment-codes.ts, match-payment-codes.ts, pinned by the corpus); here they run as
 * joins, in a fixed number of statements whatever the number of rows:
 *
 *   1. the stored file streams through the UTF-8 check and the line reader into the temporary table
 *      code_row with one COPY (a line that cannot be read is staged with its message);
 *   2. the batch the file answers: the one the upload names, or else the Payout batch most of the
 *      file's references are on (live lines first; a tie goes to the batch of the earliest line),
 *      recorded on the Upload;
 *   3. one statement finds the codes and references given twice by GROUP BY, and classifies every
 *      other row against the payments of that batch, where each payment is now, and the codes
 *      already stored (code_match);
 *   4. one statement writes every row's outcome into upload_outcome: a message for matched and
 *      unchanged rows, the facts of each error (renderPaymentCodeError words the few stored).
 */

/** What the check hands to apply: the batch the file answers (null: none of its references is on one). */
export interface PaymentCodesPlan {
  batchId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function checkPaymentCodes(
  tx: PgTx,
  file: UploadFile,
  options: { batchId?: string | null } = {},
): Promise<PaymentCodesPlan> {
  await tx.client.query(`
    CREATE TEMP TABLE code_row (
      line_no int PRIMARY KEY, kind text, message text, problems text, amount_pence bigint,
      reference text, ref_upper text, code text
    ) ON COMMIT DROP`);

  // 1. The rows.
  await copyUploadLines(tx, file, { table: "code_row", stage: stagedLine });

  // 2. The batch.
  const batchId = await batchAnswered(tx, options.batchId ?? null);
  await tx.$executeRaw`UPDATE "Upload" SET "batchId" = ${batchId}::uuid WHERE id = ${file.uploadId}::uuid`;

  // 3. Every readable row, judged in the pure matcher's order.
  const batch = Prisma.sql`${batchId}::uuid`;
  await tx.$executeRaw`
    CREATE TEMP TABLE code_match ON COMMIT DROP AS
    WITH r AS (SELECT * FROM code_row WHERE kind IS NULL),
    dup_code AS (
      SELECT code, count(*)::int AS n, (array_agg(line_no ORDER BY line_no))[1:${OTHER_LINES_NAMED + 1}] AS first_lines
      FROM r WHERE code IS NOT NULL GROUP BY code HAVING count(*) > 1
    ),
    dup_ref AS (
      SELECT ref_upper, count(*)::int AS n, (array_agg(line_no ORDER BY line_no))[1:${OTHER_LINES_NAMED + 1}] AS first_lines
      FROM r WHERE ref_upper IS NOT NULL GROUP BY ref_upper HAVING count(*) > 1
    ),
    looked AS (
      SELECT r.line_no, r.problems, r.amount_pence, r.reference, r.code,
             dc.n AS code_n, dc.first_lines AS code_lines, dr.n AS ref_n, dr.first_lines AS ref_lines,
             p.id AS payment_id, p.reference AS payment_reference, p."amountPence" AS payment_amount,
             p.status::text AS payment_status, p."paymentCode" AS payment_code,
             lb.id IS NOT NULL AS in_batch, w.batch_id AS where_batch, w.file_name AS where_file, w.is_void AS where_void,
             EXISTS (SELECT 1 FROM "Payment" q WHERE q."paymentCode" = r.code) AS code_used
      FROM r
      LEFT JOIN dup_code dc ON dc.code = r.code
      LEFT JOIN dup_ref dr ON dr.ref_upper = r.ref_upper
      -- Payment references are upper case (lib/references), so the unique index finds them.
      LEFT JOIN "Payment" p ON p.reference = r.ref_upper AND p.method = 'CASH'
      LEFT JOIN "FileLine" lb ON lb."paymentId" = p.id AND lb."batchId" = ${batch}
      -- Where the payment is now: its live Payout line, or else its latest one.
      LEFT JOIN LATERAL (
        SELECT l."batchId" AS batch_id, l."isVoid" AS is_void,
               (SELECT f."fileName" FROM "BatchFile" f WHERE f."batchId" = l."batchId" AND f.kind = 'PAYOUT_CSV' AND NOT f."isVoid"
                ORDER BY f."createdAt" LIMIT 1) AS file_name
        FROM "FileLine" l JOIN "Batch" b ON b.id = l."batchId" AND b.method = 'CASH'
        WHERE l."paymentId" = p.id
        ORDER BY l."isVoid", b."createdAt" DESC, b.id LIMIT 1
      ) w ON true
    )
    SELECT line_no, payment_id, payment_reference, code,
           CASE
             WHEN problems IS NOT NULL OR code_n IS NOT NULL OR ref_n IS NOT NULL THEN 'values'
             WHEN NOT in_batch AND where_batch IS NOT NULL THEN 'other-batch'
             WHEN NOT in_batch THEN 'unknown'
             WHEN amount_pence <> payment_amount THEN 'amount'
             WHEN payment_code = code THEN 'unchanged'
             WHEN payment_status <> 'SENT' THEN 'not-sent'
             WHEN where_void OR where_batch IS DISTINCT FROM ${batch} THEN 'moved'
             WHEN payment_code IS NOT NULL THEN 'different-code'
             WHEN code_used THEN 'code-used'
             ELSE 'matched'
           END AS result,
           CASE
             WHEN problems IS NOT NULL OR code_n IS NOT NULL OR ref_n IS NOT NULL THEN jsonb_build_object(
               'problems', problems, 'reference', reference, 'code', code,
               'codeOthers', (SELECT to_jsonb(array_agg(x ORDER BY x)) FROM (
                 SELECT x FROM unnest(code_lines) AS x WHERE x <> line_no ORDER BY x LIMIT ${OTHER_LINES_NAMED}) o),
               'codeOtherCount', code_n - 1,
               'referenceOthers', (SELECT to_jsonb(array_agg(x ORDER BY x)) FROM (
                 SELECT x FROM unnest(ref_lines) AS x WHERE x <> line_no ORDER BY x LIMIT ${OTHER_LINES_NAMED}) o),
               'referenceOtherCount', ref_n - 1)
             ELSE jsonb_build_object(
               'row', jsonb_build_object('amountPence', amount_pence, 'reference', reference, 'code', code),
               'batchId', ${batchId}::text,
               'payment', CASE WHEN in_batch THEN jsonb_build_object('paymentId', payment_id, 'reference', payment_reference,
                 'amountPence', payment_amount, 'status', payment_status, 'code', payment_code,
                 'batchId', CASE WHEN NOT where_void THEN where_batch END) END,
               'elsewhere', CASE WHEN where_batch IS NOT NULL AND (where_void OR where_batch IS DISTINCT FROM ${batch})
                 THEN jsonb_build_object('batchId', where_batch, 'fileName', where_file) END,
               'codeUsed', code_used)
           END AS facts,
           in_batch
    FROM looked`;

  // 4. Every line's outcome.
  await writeMatchOutcomes(tx, {
    rowTable: "code_row",
    matchTable: "code_match",
    matched: Prisma.sql`'Payment ' || m.payment_reference || ': payment code issued'`,
    unchanged: Prisma.sql`'Payment ' || m.payment_reference || ' already has this payment code; unchanged'`,
    paymentId: Prisma.sql`CASE WHEN m.in_batch AND m.result <> 'values' THEN m.payment_id END`,
  });

  return { batchId };
}

/** The codes an applied file stores: its MATCHED rows. */
export const MATCHED_CODES = Prisma.sql`
  SELECT m.payment_id AS "paymentId", m.code
  FROM upload_outcome o JOIN code_match m ON m.line_no = o.line_no
  WHERE o.outcome = 'MATCHED'`;

/** One line of the file as a row of code_row. */
function stagedLine(line: { lineNo: number; text: string }): string {
  const read = readCsvLine(line);
  if ("message" in read) return csvRow([line.lineNo, "line", read.message, null, null, null, null, null]);
  const record = readPaymentCodeRecord(read);
  if ("message" in record) return csvRow([line.lineNo, "columns", record.message, null, null, null, null, null]);
  return csvRow([
    record.lineNo,
    null,
    null,
    record.problems.length > 0 ? record.problems.join("; ") : null,
    record.amountPence,
    record.reference,
    record.reference === "" ? null : record.reference.toUpperCase(),
    record.code,
  ]);
}

/** The batch named, if it is a Payout batch; else the one most of the file's references are on. */
async function batchAnswered(tx: PgTx, named: string | null): Promise<string | null> {
  if (named !== null) {
    const found = UUID.test(named)
      ? await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM "Batch" WHERE id = ${named}::uuid AND method = 'CASH'`
      : [];
    if (found.length === 0) throw new UploadFileProblem(`There is no Payout batch ${JSON.stringify(named)} to upload codes for`);
    return found[0].id;
  }
  const [best] = await tx.$queryRaw<{ id: string }[]>`
    SELECT l."batchId"::text AS id
    FROM code_row r
    JOIN "Payment" p ON p.reference = r.ref_upper AND p.method = 'CASH'
    JOIN "FileLine" l ON l."paymentId" = p.id
    JOIN "Batch" b ON b.id = l."batchId" AND b.method = 'CASH'
    WHERE r.kind IS NULL
    GROUP BY l."batchId"
    ORDER BY count(DISTINCT r.line_no) FILTER (WHERE NOT l."isVoid") DESC, count(DISTINCT r.line_no) DESC, min(r.line_no), l."batchId"
    LIMIT 1`;
  return best?.id ?? null;
}
