// SSCL's failed-payments upload of an N-row file through the product's import entry point, and its
// limit: the file COPYed into a temporary table, one joined UPDATE of the payments, and every row
// the product writes, each table by one INSERT … SELECT (upload-limit-rows.mts).
import { createHash, randomUUID } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { createDb, poolOf } from "../../lib/db/create-db.ts";
import { importFailedPayments } from "../../lib/direct-payments/failed-payments/import-failed-payments.ts";
import { LocalFileStore } from "../../lib/storage/local-file-store.ts";
import { writeFailureRows } from "./upload-limit-rows.mts";
import { connect, phaseClock, sqlTimestamp, timed, type Measured, type StepInput } from "./step-support.mts";

export const FILE_NAME = "failed-payments.csv";
export const SSCL_EMAIL = "bench-sscl@bench.disburse.test";

export async function uploadProduct(input: StepInput): Promise<Measured> {
  const bytes = await readFile(input.uploadFile!);
  const db = createDb(input.url);
  try {
    await db.$queryRaw`SELECT 1`;
    const store = new LocalFileStore(path.join(input.workDir, "files"));
    const { ms, startRssMB, result } = await timed(() =>
      importFailedPayments({
        db,
        store,
        key: Buffer.from(input.keyBase64, "base64"),
        fileName: FILE_NAME,
        bytes,
        actor: { id: input.ssclUserId, email: SSCL_EMAIL },
        now: new Date(input.now),
      }),
    );
    if (result.status !== "APPLIED" || result.counts.matched !== input.n) {
      const why =
        result.status === "REJECTED"
          ? `: ${result.errors
              .slice(0, 3)
              .map((e) => e.message)
              .join("; ")}`
          : "";
      throw new Error(`the upload was ${result.status}${"counts" in result ? ` (${result.counts.matched} matched)` : ""}${why}`);
    }
    return { ms, startRssMB, detail: { status: result.status, ...result.counts, bytes: bytes.length } };
  } finally {
    await db.$disconnect();
    await poolOf(db).end();
  }
}

export async function uploadLimit(input: StepInput): Promise<Measured> {
  const bytes = await readFile(input.uploadFile!);
  const client = await connect(input.url);
  const uploadId = randomUUID();
  const at = sqlTimestamp(input.now);
  const p = { uploadId, at, actorId: input.ssclUserId, actor: SSCL_EMAIL, moveId: randomUUID(), now: input.now };
  try {
    const { ms, startRssMB, result } = await timed(async () => {
      const phases = phaseClock();
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      await writeFile(path.join(input.workDir, FILE_NAME), bytes, { flush: true });
      await client.query("BEGIN");
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('upload:SSCL_FAILED_PAYMENTS'))`);
      await client.query(
        `SELECT id FROM "Upload" WHERE kind = 'SSCL_FAILED_PAYMENTS' AND sha256 = $1 AND status = 'APPLIED' LIMIT 1`,
        [sha256],
      );
      await client.query(`CREATE TEMP TABLE upload_rows (line_no int GENERATED ALWAYS AS IDENTITY, sort_code text,
        account_number text, name text, amount text, reference text, reason text) ON COMMIT DROP`);
      await pipeline(
        Readable.from([bytes]),
        client.query(
          copyFrom(`COPY upload_rows (sort_code, account_number, name, amount, reference, reason) FROM STDIN WITH (FORMAT csv)`),
        ),
      );
      const rows = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM upload_rows`)).rows[0].n;
      phases.mark("stored and copied in");
      await client.query(`CREATE TEMP TABLE failed (line_no int, payment_id uuid, claim_id uuid, reference text, old_status text,
        file_line_id uuid, reason text) ON COMMIT DROP`);
      await client.query(`SET LOCAL disburse.payment_owner = 'on'`);
      // The one joined UPDATE: each row to its live bank line by reference and amount, its payment failed.
      const matched = await client.query(
        `WITH moved AS (
           UPDATE "Payment" p SET status = 'FAILED', "failedAt" = $1::timestamp, "failureReason" = r.reason, "updatedAt" = $1::timestamp
           FROM (SELECT r.line_no, l.id AS file_line_id, l."paymentId", coalesce(nullif(r.reason, ''), 'No reason given') AS reason
                 FROM upload_rows r
                 JOIN "FileLine" l ON upper(l."fileReference") = upper(r.reference) AND NOT l."isVoid"
                  AND l."amountPence" = round(r.amount::numeric * 100)::int
                 JOIN "Batch" b ON b.id = l."batchId" AND b.method = 'BANK' AND b.status <> 'VOID') r
           JOIN "Payment" old ON old.id = r."paymentId"
           WHERE p.id = r."paymentId" AND p.status IN ('SENT', 'PAID')
           RETURNING r.line_no, p.id, p."claimId", p.reference, old.status::text, r.file_line_id, r.reason)
         INSERT INTO failed SELECT * FROM moved`,
        [at],
      );
      if (rows !== input.n || matched.rowCount !== rows) {
        throw new Error(`the upload limit matched ${matched.rowCount} of ${rows} rows (expected ${input.n})`);
      }
      phases.mark("payments failed");
      await writeFailureRows(client, p, { rows, sha256, bytes: bytes.length, fileName: FILE_NAME }, phases.mark);
      await client.query("COMMIT");
      phases.mark("committed");
      return { rows, matched: matched.rowCount, phasesMs: phases.done() };
    });
    return { ms, startRssMB, detail: { ...result, bytes: bytes.length } };
  } finally {
    await client.end();
  }
}
