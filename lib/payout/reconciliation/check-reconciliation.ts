import { londonDate } from "@/lib/dates/london-date";
import { csvRow } from "@/lib/db/copy-rows";
import type { PgTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { UploadFile } from "@/lib/uploads/receive-upload";
import { copyUploadLines } from "@/lib/uploads/copy-upload-lines";
import { writeMatchOutcomes } from "@/lib/uploads/write-match-outcomes";
import type { UploadLine } from "@/lib/uploads/upload-lines";
import { readCsvLine } from "../parse-csv-upload";
import {
  HEADER_ONLY_MESSAGE,
  readReconciliationHeader,
  readReconciliationRecord,
  type ReconciliationColumn,
} from "../parse-reconciliation";
import { REPEATS_NAMED } from "./render-reconciliation-error";

/**
 * The whole-file check of a Payout reconciliation upload, set-based
 * (docs/file-formats.md#payout-reconciliation-upload). The rules are those of the pure parser and
 * matcher (parse-reconciliation.ts, match-reconciliation.ts, pinned by the corpus); here they run as
 * joins in a fixed number of statements, so a report of a million rows streams through without
 * ever being held whole:
 *
 *   1. the stored file streams through the UTF-8 check, the header and the line reader into the
 *      temporary table recon_row with one COPY (a line that cannot be read is staged with its message);
 *   2. one statement judges every row against its voucher (the cash payment with its reference, and
 *      the London day its batch was delivered) and finds references given more than once by GROUP BY
 *      (recon_match);
 *   3. one statement writes every row's outcome into upload_outcome: a message for matched and
 *      unchanged rows, the facts of each error (renderReconciliationError words the few stored).
 */

export async function checkReconciliation(tx: PgTx, file: UploadFile): Promise<void> {
  await tx.client.query(`
    CREATE TEMP TABLE recon_row (
      line_no int PRIMARY KEY, kind text, message text, reference text, ref_upper text, code text,
      amount_pence bigint, status text, status_date date, status_date_text text
    ) ON COMMIT DROP`);

  // 1. The rows, read by the header's positions.
  const reader = new ReportReader();
  await copyUploadLines(tx, file, { table: "recon_row", stage: (line) => reader.stage(line), finish: () => reader.finish() });

  // 2. Every readable row against its voucher, in the pure matcher's order, then the repeats.
  const today = londonDate(file.now);
  await tx.$executeRaw`
    CREATE TEMP TABLE recon_match ON COMMIT DROP AS
    WITH r AS (SELECT * FROM recon_row WHERE kind IS NULL),
    v AS (
      SELECT r.line_no, p.id AS payment_id, p.reference AS payment_reference, p."amountPence" AS payment_amount,
             p."paymentCode" AS payment_code, p.status::text AS payment_status
      -- Payment references are upper case (lib/references), so the unique index finds them.
      FROM r JOIN "Payment" p ON p.reference = r.ref_upper AND p.method = 'CASH'
    ),
    delivered AS (
      -- The London day the voucher's batch was delivered: its live Payout line's batch, or else its latest.
      SELECT DISTINCT ON (l."paymentId") l."paymentId" AS payment_id,
             ((b."deliveredAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/London')::date AS delivered_on
      FROM "FileLine" l JOIN "Batch" b ON b.id = l."batchId" AND b.method = 'CASH'
      WHERE l."paymentId" IN (SELECT payment_id FROM v)
      ORDER BY l."paymentId", l."isVoid", b."createdAt" DESC, b.id
    ),
    rep AS (
      SELECT ref_upper, count(*)::int AS n, min(line_no) AS first_line,
             count(DISTINCT concat_ws('|', code, amount_pence, status, status_date))::int AS variants,
             (array_agg(line_no ORDER BY line_no))[1:${REPEATS_NAMED + 1}] AS first_lines
      FROM r GROUP BY ref_upper HAVING count(*) > 1
    ),
    judged AS (
      SELECT r.*, v.payment_id, v.payment_reference, v.payment_amount, v.payment_code, v.payment_status, d.delivered_on,
             CASE
               WHEN v.payment_id IS NULL THEN 'unknown'
               WHEN v.payment_code IS NULL THEN 'no-code'
               WHEN r.code <> v.payment_code OR r.amount_pence <> v.payment_amount OR r.status_date > ${today}::date
                 OR d.delivered_on IS NULL OR r.status_date < d.delivered_on THEN 'mismatch'
               WHEN v.payment_status = r.status THEN 'unchanged'
               WHEN v.payment_status IN ('CASHED', 'EXPIRED', 'CANCELLED') THEN 'conflict'
               WHEN v.payment_status <> 'SENT' THEN 'not-sent'
               ELSE 'matched'
             END AS base,
             rep.n AS rep_n, rep.variants AS rep_variants, rep.first_line AS rep_first, rep.first_lines AS rep_lines
      FROM r
      LEFT JOIN v ON v.line_no = r.line_no
      LEFT JOIN delivered d ON d.payment_id = v.payment_id
      LEFT JOIN rep ON rep.ref_upper = r.ref_upper
    )
    SELECT line_no, payment_id, payment_reference, status, status_date, status_date_text,
           CASE WHEN rep_variants > 1 THEN 'repeat'
                -- An exact repeat of an earlier row of this file changes nothing, like a repeat of an earlier report.
                WHEN rep_n IS NOT NULL AND base = 'matched' AND line_no <> rep_first THEN 'unchanged'
                ELSE base END AS result,
           CASE WHEN rep_variants > 1 THEN jsonb_build_object(
                  'reference', reference,
                  'others', (SELECT to_jsonb(array_agg(x ORDER BY x)) FROM (
                    SELECT x FROM unnest(rep_lines) AS x WHERE x <> line_no ORDER BY x LIMIT ${REPEATS_NAMED}) o),
                  'otherCount', rep_n - 1)
                ELSE jsonb_build_object(
                  'row', jsonb_build_object('reference', reference, 'code', code, 'amountPence', amount_pence, 'status', status,
                    'statusDate', to_char(status_date, 'YYYY-MM-DD'), 'statusDateText', status_date_text),
                  'voucher', CASE WHEN payment_id IS NOT NULL THEN jsonb_build_object('paymentId', payment_id,
                    'reference', payment_reference, 'amountPence', payment_amount, 'code', payment_code,
                    'status', payment_status, 'deliveredOn', to_char(delivered_on, 'YYYY-MM-DD')) END,
                  'today', ${today}::text)
           END AS facts
    FROM judged`;

  // 3. Every line's outcome.
  await writeMatchOutcomes(tx, {
    rowTable: "recon_row",
    matchTable: "recon_match",
    matched: Prisma.sql`'Payment ' || m.payment_reference || ' ' || lower(m.status) || ' on ' || m.status_date_text`,
    unchanged: Prisma.sql`'Payment ' || m.payment_reference || ' already ' || lower(m.status) || '; unchanged'`,
    paymentId: Prisma.sql`m.payment_id`,
  });
}

/** The statuses an applied file records: its MATCHED rows (columns "paymentId", status, "statusDate"). */
export const MATCHED_STATUSES = Prisma.sql`
  SELECT m.payment_id AS "paymentId", m.status, m.status_date AS "statusDate"
  FROM upload_outcome o JOIN recon_match m ON m.line_no = o.line_no
  WHERE o.outcome = 'MATCHED'`;

/**
 * Reads the report a line at a time, as parseReconciliation does the whole text: line 1 is the
 * header; once it is wrong, later lines only report what makes them unreadable; a header with no
 * data rows (and nothing else wrong) is an error on line 1.
 */
class ReportReader {
  private header: { positions: ReadonlyMap<ReconciliationColumn, number>; width: number } | null = null;
  private headerWrong = false;
  private dataRows = 0;
  private unreadable = 0;

  stage(line: UploadLine): string {
    const read = readCsvLine(line);
    if ("message" in read) {
      if (line.lineNo === 1) this.headerWrong = true;
      this.unreadable += 1;
      return csvRow([line.lineNo, "line", read.message, null, null, null, null, null, null, null]);
    }
    if (line.lineNo === 1) {
      const header = readReconciliationHeader(read.fields);
      if ("message" in header) {
        this.headerWrong = true;
        return csvRow([1, "header", header.message, null, null, null, null, null, null, null]);
      }
      this.header = { positions: header, width: read.fields.length };
      return "";
    }
    if (this.headerWrong || !this.header) return "";
    this.dataRows += 1;
    const row = readReconciliationRecord(read, this.header.positions, this.header.width);
    if ("message" in row) return csvRow([line.lineNo, "values", row.message, null, null, null, null, null, null, null]);
    return csvRow([
      row.lineNo,
      null,
      null,
      row.reference,
      row.reference.trim().toUpperCase(),
      row.code,
      row.amountPence,
      row.status,
      row.statusDate,
      row.statusDateText,
    ]);
  }

  /** After the last line: the header-only error, if that is what the file is. */
  finish(): string {
    if (this.header && this.dataRows === 0 && this.unreadable === 0) {
      return csvRow([1, "header", HEADER_ONLY_MESSAGE, null, null, null, null, null, null, null]);
    }
    return "";
  }
}
