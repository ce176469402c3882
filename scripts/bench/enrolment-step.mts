// One enrolment-file measurement in a process of its own (started by enrolment.mts with its input as
// JSON in BENCH_STEP_INPUT), so the peak resident set it reports is its own. Answers one line
// "BENCH_RESULT {json}" on stdout (a StepResult).
//   enrolment        the product: the file streamed from disk into the upload shell with the spec
//                    the route uses (lib/plans/enrolments/enrolment-file), checked whole and applied
//   enrolment-limit  the same rows written with the fewest statements PostgreSQL needs: the file read
//                    once (its bank details encrypted, each new person given a reference) and COPYed
//                    into a temporary table, then each table the product writes by one INSERT … SELECT
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { bankLookupHash } from "../../lib/bank-details/lookup-hash.ts";
import { encryptBankDetails } from "../../lib/crypto/bank-details-cipher.ts";
import { csvRow } from "../../lib/db/copy-rows.ts";
import { createDb, poolOf } from "../../lib/db/create-db.ts";
import { enrolmentFileUpload } from "../../lib/plans/enrolments/enrolment-file/import-enrolment-file.ts";
import { makeClaimReference } from "../../lib/references/claim-reference.ts";
import { LocalFileStore } from "../../lib/storage/local-file-store.ts";
import { processUpload, storeUpload, type UploadKindSpec } from "../../lib/uploads/receive-upload.ts";
import {
  BENCH_ATTRIBUTES,
  BENEFIT_PLAN_CODE,
  BENEFIT_PLAN_ID,
  PLAN_MANAGER_EMAIL,
  PLAN_MANAGER_ID,
  type EnrolmentStepInput,
} from "./enrolment-data.mts";
import { runProductVsLimitStep } from "./product-vs-limit-step.mts";
import { auditRow, connect, phaseClock, sqlTimestamp, tableCounts, timed, type Measured } from "./step-support.mts";

const FILE_NAME = "enrolment.csv";
const actor = { id: PLAN_MANAGER_ID, email: PLAN_MANAGER_EMAIL };
/** BANK_DETAILS_LOOKUP_KEY: the product and the limit both store each account's lookup hash. */
const LOOKUP_KEY = Buffer.alloc(32, 3);

async function product(input: EnrolmentStepInput): Promise<Measured> {
  const db = createDb(input.url);
  try {
    // Connected through the pool the upload runs on: a Prisma query here would load Prisma's query
    // compiler (WebAssembly, about 20 MB resident), which the upload never uses.
    await poolOf(db).query("SELECT 1");
    const store = new LocalFileStore(path.join(input.workDir, "files"));
    const spec = enrolmentFileUpload({
      benefitPlanId: BENEFIT_PLAN_ID,
      key: Buffer.from(input.keyBase64, "base64"),
      lookupKey: LOOKUP_KEY,
    }) as UploadKindSpec;
    const phases = phaseClock();
    const rssMB: Record<string, number> = {};
    const { ms, startRssMB, result } = await timed(async () => {
      const received = await storeUpload({
        db,
        store,
        spec,
        fileName: FILE_NAME,
        source: createReadStream(input.file, { highWaterMark: 64 * 1024 }),
        actor,
        now: new Date(input.now),
        maxBytes: 1024 * 1024 * 1024,
      });
      if (received.refused) throw new Error(`the upload was refused: ${received.refused.errors[0]?.message}`);
      phases.mark("stored");
      // Where the time goes: the stages the upload reports to the page (the file read and staged,
      // the rows judged against the record, then applied and committed).
      let stage = "checking";
      const rss = () => Math.round(process.memoryUsage().rss / 1048576);
      rssMB.stored = rss();
      const outcome = await processUpload({
        db,
        store,
        stored: received.stored,
        onProgress: (progress) => {
          if (progress.stage === stage) return;
          const done = stage === "checking" ? "read and staged" : "judged";
          phases.mark(done);
          rssMB[done] = rss();
          stage = progress.stage;
        },
      });
      phases.mark("applied and committed");
      rssMB["applied and committed"] = rss();
      return outcome;
    });
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
    return { ms, startRssMB, detail: { status: result.status, ...result.counts, phasesMs: phases.done(), rssMB } };
  } finally {
    await db.$disconnect();
    await poolOf(db).end();
  }
}

/** The file's columns, in the order enrolment.mts writes them (the bench file has no quoted fields). */
const COLUMN = {
  first: 1,
  last: 2,
  born: 3,
  line1: 4,
  town: 6,
  county: 7,
  postcode: 8,
  contact: 9,
  method: 12,
  name: 13,
  sort: 14,
  account: 15,
  from: 17,
  attributes: 18,
} as const;

async function limit(input: EnrolmentStepInput): Promise<Measured> {
  const client = await connect(input.url);
  const key = Buffer.from(input.keyBase64, "base64");
  const uploadId = randomUUID();
  const at = sqlTimestamp(input.now);
  try {
    const { ms, startRssMB, result } = await timed(async () => {
      const phases = phaseClock();
      const bytes = await readFile(input.file);
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      await client.query("BEGIN");
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('upload:ENROLMENT'))`);
      await client.query(
        `SELECT id FROM "Upload" WHERE kind = 'ENROLMENT' AND sha256 = $1 AND status = 'APPLIED' AND "benefitPlanId" = $2 LIMIT 1`,
        [sha256, BENEFIT_PLAN_ID],
      );
      await client.query(`CREATE TEMP TABLE rows (line_no int, reference text, first_name text, last_name text, born date,
        line1 text, town text, county text, postcode text, contact text, method text, cipher text, lookup text, enrolled_from date,
        attrs jsonb, person_id uuid DEFAULT gen_random_uuid(), enrolment_id uuid DEFAULT gen_random_uuid()) ON COMMIT DROP`);
      const references = new Set<string>();
      async function* staged(): AsyncGenerator<string> {
        const lines = bytes.toString("utf8").split("\n");
        let text = "";
        for (let i = 1; i < lines.length; i++) {
          if (lines[i] === "") continue;
          const f = lines[i].split(",");
          let reference = makeClaimReference();
          while (references.has(reference)) reference = makeClaimReference();
          references.add(reference);
          const bank = {
            nameOnAccount: f[COLUMN.name],
            sortCode: f[COLUMN.sort],
            accountNumber: f[COLUMN.account],
            rollNumber: null,
          };
          const cipher = encryptBankDetails(bank, key);
          const attrs = {
            [BENCH_ATTRIBUTES[0].name]: Number(f[COLUMN.attributes]),
            [BENCH_ATTRIBUTES[1].name]: f[COLUMN.attributes + 1],
            [BENCH_ATTRIBUTES[2].name]: f[COLUMN.attributes + 2],
            [BENCH_ATTRIBUTES[3].name]: f[COLUMN.attributes + 3] === "yes",
          };
          text += csvRow([
            i + 1,
            reference,
            f[COLUMN.first],
            f[COLUMN.last],
            f[COLUMN.born],
            f[COLUMN.line1],
            f[COLUMN.town],
            f[COLUMN.county],
            f[COLUMN.postcode],
            f[COLUMN.contact],
            f[COLUMN.method],
            cipher,
            bankLookupHash(bank, LOOKUP_KEY),
            f[COLUMN.from],
            JSON.stringify(attrs),
          ]);
          if (text.length > 1 << 20) {
            yield text;
            text = "";
          }
        }
        yield text;
      }
      await pipeline(
        Readable.from(staged()),
        client.query(
          copyFrom(`COPY rows (line_no, reference, first_name, last_name, born, line1, town, county, postcode, contact, method,
            cipher, lookup, enrolled_from, attrs) FROM STDIN WITH (FORMAT csv)`),
        ),
      );
      phases.mark("read, encrypted, copied in");
      await client.query(
        `INSERT INTO "Upload" (id, kind, status, "fileName", "storageKey", sha256, "byteSize", "uploadedById", "uploadedAt",
                               "rowCount", matched, unchanged, errors, "benefitPlanId")
         VALUES ($1::uuid, 'ENROLMENT', 'APPLIED', $2, $1::uuid::text || '/' || $2, $3, $4, $5, $6::timestamp, $7, $7, 0, 0, $8)`,
        [uploadId, FILE_NAME, sha256, bytes.length, PLAN_MANAGER_ID, at, input.n, BENEFIT_PLAN_ID],
      );
      await client.query(
        `INSERT INTO "Claimant" (id, reference, "firstName", "lastName", "dateOfBirth", "addressLine1", town, county, postcode,
                                 country, "contactPreference", "createdAt", "updatedAt")
         SELECT person_id, reference, first_name, last_name, born, line1, town, county, postcode, 'United Kingdom',
                contact::"ContactPreference", $1::timestamp, $1::timestamp FROM rows`,
        [at],
      );
      await client.query(
        `INSERT INTO "Enrolment" (id, "benefitPlanId", "personId", "paymentMethod", "pendingPaymentMethod",
                                  "pendingMethodProposedById", "pendingMethodProposedAt", "pendingMethodUploadId", "enrolledFrom",
                                  "createdById", "createdAt", "updatedAt")
         SELECT enrolment_id, $1, person_id, method::"PaymentMethod", method::"PaymentMethod", $2, $3::timestamp, $4, enrolled_from,
                $2, $3::timestamp, $3::timestamp FROM rows`,
        [BENEFIT_PLAN_ID, PLAN_MANAGER_ID, at, uploadId],
      );
      await client.query(
        `INSERT INTO "EnrolmentAttributes" (id, "enrolmentId", "effectiveFrom", "values", "createdById", "createdAt")
         SELECT gen_random_uuid(), enrolment_id, enrolled_from, attrs, $1, $2::timestamp FROM rows`,
        [PLAN_MANAGER_ID, at],
      );
      await client.query(
        `INSERT INTO "BankDetailChange" (id, "claimantId", ciphertext, "lookupHash", status, "proposedById", "proposedAt", note,
                                         "uploadId")
         SELECT gen_random_uuid(), person_id, cipher, lookup, 'PENDING', $1, $2::timestamp, $3, $4 FROM rows`,
        [PLAN_MANAGER_ID, at, `From the enrolment file ${FILE_NAME} for ${BENEFIT_PLAN_CODE}`, uploadId],
      );
      await client.query(
        `INSERT INTO "UploadRow" (id, "uploadId", "lineNo", outcome, message, "personId")
         SELECT gen_random_uuid(), $1, line_no, 'MATCHED',
                'New person enrolled from ' || to_char(enrolled_from, 'FMDD FMMonth YYYY')
                  || '; payment method and bank details wait for a second plan manager', person_id
         FROM rows`,
        [uploadId],
      );
      phases.mark("people, enrolments, attributes, bank details, rows");
      const counts = { rows: input.n, matched: input.n, unchanged: 0, errors: 0 };
      await auditRow(client, {
        at,
        actor: PLAN_MANAGER_EMAIL,
        actorId: PLAN_MANAGER_ID,
        action: "upload.applied",
        entityType: "Upload",
        entityId: uploadId,
        after: { kind: "ENROLMENT", fileName: FILE_NAME, status: "APPLIED", sha256, ...counts },
      });
      await auditRow(client, {
        at,
        actor: PLAN_MANAGER_EMAIL,
        actorId: PLAN_MANAGER_ID,
        action: "enrolment-file.applied",
        entityType: "Upload",
        entityId: uploadId,
        after: { benefitPlan: BENEFIT_PLAN_CODE, fileName: FILE_NAME, newPeople: input.n, newEnrolments: input.n },
      });
      await client.query("COMMIT");
      phases.mark("committed");
      return { ...counts, phasesMs: phases.done() };
    });
    return { ms, startRssMB, detail: result };
  } finally {
    await client.end();
  }
}

runProductVsLimitStep<EnrolmentStepInput>({
  name: "enrolment",
  product,
  limit,
  counts: async (client) => {
    const counts = await tableCounts(client);
    // What the product and its limit must both have written.
    const { rows } = await client.query<{ k: string; n: number }>(`
      SELECT 'Claimant' AS k, count(*)::int AS n FROM "Claimant"
      UNION ALL SELECT 'Enrolment', count(*)::int FROM "Enrolment" WHERE "pendingMethodUploadId" IS NOT NULL
      UNION ALL SELECT 'EnrolmentAttributes', count(*)::int FROM "EnrolmentAttributes"
      UNION ALL SELECT 'BankDetailChange', count(*)::int FROM "BankDetailChange" WHERE status = 'PENDING'
      UNION ALL SELECT 'UploadRow.person', count(*)::int FROM "UploadRow" WHERE "personId" IS NOT NULL`);
    for (const { k, n } of rows) counts[k] = n;
    return counts;
  },
});
