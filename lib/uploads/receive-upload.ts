import { createHash, randomUUID } from "node:crypto";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { DEFAULT_UPLOAD_MAX_MB } from "@/lib/config/schema";
import type { Db } from "@/lib/db";
import { withPgTransaction, type PgTx, type SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { UploadKind, UploadRowOutcome } from "@/lib/generated/prisma/enums";
import { isAppError } from "@/lib/errors";
import type { FileStore } from "@/lib/storage/file-store";
import { uploadKey } from "@/lib/storage/storage-key";
import { MB, NO_FILE_MESSAGE, UploadGuard, type UploadLimits } from "./upload-limits";
import { UploadFileProblem } from "./upload-lines";

/**
 * The shell every staff upload goes through (docs/file-formats.md#rules-for-every-upload), whatever
 * the format: SSCL's failed payments, bank holidays, and later the Payout returns. Two steps:
 *
 *   1. storeUpload: the bytes stream from the request to the write-once store under the upload's
 *      own id, counted by the guard as they pass (size, line length, columns). A file refused here
 *      (no name, empty, too large, a line too long or too wide) is not kept, but the attempt is
 *      recorded: an Upload REJECTED with the message and the bytes read so far.
 *   2. processUpload: one transaction, serialised per kind by an advisory lock so two people
 *      uploading at the same moment cannot both apply: the same bytes already applied ->
 *      DUPLICATE, a no-op that says so; otherwise the kind's `check` reads the stored file again as
 *      a stream and writes one outcome per row into the temporary table upload_outcome (set-based:
 *      COPY, INSERT … SELECT); any ERROR -> REJECTED with nothing applied; else `apply`.
 *
 * The Upload row (who, when, sha256, counts) and its UploadRows land in the same transaction as the
 * change. Messages are bounded: at most MESSAGES_PER_KIND error rows of each kind of problem are
 * stored, each at most MAX_MESSAGE_CHARS long, the last naming the further lines ("also on lines 21,
 * 22 and 1,998 more"); the counts are always complete.
 */

export interface UploadRowResult {
  /** 1-based line of the file (or row, for formats without lines); 0 for a whole-file problem. */
  lineNo: number;
  outcome: UploadRowOutcome;
  /** ERROR: what is wrong, starting with "Line N" where there is a line. MATCHED: what will change. */
  message?: string;
  paymentId?: string;
}

export interface UploadCounts {
  rows: number;
  matched: number;
  unchanged: number;
  errors: number;
}

export type UploadOutcome =
  | { status: "DUPLICATE"; uploadId: string; previous: { uploadId: string; uploadedAt: Date; uploadedBy: string } }
  | { status: "REJECTED"; uploadId: string; counts: UploadCounts; errors: { lineNo: number; message: string }[] }
  | { status: "APPLIED"; uploadId: string; counts: UploadCounts };

export type UploadActor = { id: string; email: string };

export type UploadProgress = { stage: "checking" | "matching" | "applying"; rows: number };

/** The stored file, for a kind's check. */
export interface UploadFile {
  uploadId: string;
  fileName: string;
  actor: UploadActor;
  now: Date;
  /** The stored bytes, read from the store again as a stream (each call starts at the beginning). */
  open(): AsyncIterable<Uint8Array>;
  /** Tells the person uploading how far the check has got. */
  progress(progress: UploadProgress): void;
}

/** What makes an upload kind: its format's caps, how it is checked, how it is applied. */
export interface UploadKindSpec<Plan = unknown> {
  kind: UploadKind;
  contentType: string;
  /** The format's caps; a maxBytes here lowers the configured limit for this kind. */
  limits?: Partial<UploadLimits>;
  /**
   * Which earlier upload makes this one a no-op: "any" applied upload with the same bytes (rows
   * applied once must never be applied twice), or only the "latest" applied one, for uploads that
   * replace a whole table, where going back to an earlier file is a real change.
   */
  duplicateOf?: "any" | "latest";
  /**
   * Enrolment files: the benefit plan the file is for, recorded on the Upload from the start (so a
   * refused or duplicate file is listed with its plan too); only an upload for the same plan makes
   * one a duplicate.
   */
  benefitPlanId?: string;
  /**
   * Validates the whole file against the database as it is now, writing one row per line into the
   * temporary table upload_outcome (line_no, outcome, kind, message, facts, payment_id; see
   * OUTCOME_TABLE). An ERROR row has a `kind` (the cap on stored messages is per kind) and either a
   * message or `facts` that renderError turns into one. Throws UploadFileProblem for a problem with
   * the whole file, leaving the transaction usable. Must not change anything else. What it returns
   * is handed to apply.
   */
  check(tx: PgTx, file: UploadFile): Promise<Plan>;
  /** The message of an ERROR row staged with facts; only called for the rows that are stored. */
  renderError?(kind: string, facts: unknown, lineNo: number): string;
  /** Only called when no row is an ERROR; writes the changes the rows describe. */
  apply(tx: PgTx, applying: { uploadId: string; fileName: string; actor: UploadActor; now: Date; plan: Plan }): Promise<void>;
}

/** The stored error rows of each kind of problem; the rest are counted and summarised. */
export const MESSAGES_PER_KIND = 20;
/** The longest message stored for one row. */
export const MAX_MESSAGE_CHARS = 500;
/** The upload outcome lists this many errors at most (the page shows fewer; the report has every row). */
export const ERRORS_RETURNED = 100;

export const DEFAULT_MAX_UPLOAD_BYTES = DEFAULT_UPLOAD_MAX_MB * MB;

/** Each statement of an upload's transaction may take this long (a million rows take seconds). */
const STATEMENT_TIMEOUT_MS = 300_000;

const OUTCOME_TABLE = Prisma.sql`
  CREATE TEMP TABLE upload_outcome (
    line_no int PRIMARY KEY,
    outcome "UploadRowOutcome" NOT NULL,
    kind text,
    message text,
    facts jsonb,
    payment_id uuid
  ) ON COMMIT DROP`;

export interface StoredUpload {
  spec: UploadKindSpec;
  uploadId: string;
  fileName: string;
  storageKey: string;
  sha256: string;
  size: number;
  actor: UploadActor;
  now: Date;
}

export type ReceivedUpload =
  | { stored: StoredUpload; refused?: never; bytesRead: number }
  | { stored?: never; refused: Extract<UploadOutcome, { status: "REJECTED" }>; bytesRead: number };

/** Thrown by a source (or the guard) to refuse the upload with this message. */
export class UploadRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UploadRefusal";
  }
}

/** The limits for a kind: the configured size (or the kind's own, if lower) and the kind's caps. */
export function limitsFor(spec: UploadKindSpec, maxBytes: number): UploadLimits {
  return { ...spec.limits, maxBytes: Math.min(maxBytes, spec.limits?.maxBytes ?? Number.POSITIVE_INFINITY) };
}

/**
 * Step 1: streams `source` into the store while the guard checks it. Reading stops at the first
 * chunk that breaks a rule, so at most the limit plus one chunk is ever read.
 */
export async function storeUpload(options: {
  db: Db;
  store: FileStore;
  spec: UploadKindSpec;
  fileName: string;
  source: AsyncIterable<Uint8Array>;
  actor: UploadActor;
  now: Date;
  maxBytes?: number;
}): Promise<ReceivedUpload> {
  const { db, store, spec, fileName, actor, now } = options;
  const uploadId = randomUUID();
  const storageKey = uploadKey({ uploadedAt: now, uploadId, fileName });
  const guard = new UploadGuard(limitsFor(spec, options.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES));
  const hash = createHash("sha256");
  const base = { spec, uploadId, fileName, storageKey, actor, now };

  if (!fileName.trim()) {
    const refused = await recordRefused(db, { ...base, sha256: hash.digest("hex"), size: 0, message: NO_FILE_MESSAGE });
    return { refused, bytesRead: 0 };
  }

  async function* guarded(): AsyncGenerator<Uint8Array> {
    for await (const chunk of options.source) {
      hash.update(chunk);
      const problem = guard.push(chunk);
      if (problem) throw new UploadRefusal(problem);
      yield chunk;
    }
    const problem = guard.finish();
    if (problem) throw new UploadRefusal(problem);
  }

  try {
    const put = await store.putStream(storageKey, guarded(), spec.contentType);
    return { stored: { ...base, sha256: put.sha256, size: put.size }, bytesRead: guard.bytes };
  } catch (error) {
    if (!(error instanceof UploadRefusal)) throw error;
    const refused = await recordRefused(db, { ...base, sha256: hash.digest("hex"), size: guard.bytes, message: error.message });
    return { refused, bytesRead: guard.bytes };
  }
}

/** Records an attempt refused before its file arrived (a body that is not a form with a file, say). */
export async function refuseUpload(options: {
  db: Db;
  spec: UploadKindSpec;
  fileName: string;
  actor: UploadActor;
  now: Date;
  message: string;
  bytesRead?: number;
}): Promise<Extract<UploadOutcome, { status: "REJECTED" }>> {
  const { db, spec, fileName, actor, now, message } = options;
  const uploadId = randomUUID();
  const storageKey = uploadKey({ uploadedAt: now, uploadId, fileName });
  const sha256 = createHash("sha256").digest("hex");
  return recordRefused(db, { spec, uploadId, fileName, storageKey, actor, now, sha256, size: options.bytesRead ?? 0, message });
}

/** A refused attempt: who, when, the name, the bytes read before refusing, and why. Nothing is kept. */
async function recordRefused(
  db: Db,
  attempt: Omit<StoredUpload, "spec"> & { spec: UploadKindSpec; message: string },
): Promise<Extract<UploadOutcome, { status: "REJECTED" }>> {
  const counts = { rows: 1, matched: 0, unchanged: 0, errors: 1 };
  await withPgTransaction(db, async (tx) => {
    await insertUpload(tx, attempt, "REJECTED", counts, attempt.message);
    await tx.$executeRaw`
      INSERT INTO "UploadRow" (id, "uploadId", "lineNo", outcome, message)
      VALUES (gen_random_uuid(), ${attempt.uploadId}::uuid, 0, 'ERROR', ${bound(attempt.message)})`;
    await audit(tx, attempt, { status: "REJECTED", sha256: attempt.sha256, ...counts, bytesRead: attempt.size });
  });
  return { status: "REJECTED", uploadId: attempt.uploadId, counts, errors: [{ lineNo: 0, message: attempt.message }] };
}

/**
 * Step 2: checks the stored file whole and applies it if no row is an error (or records a
 * duplicate), in one transaction.
 */
export async function processUpload(options: {
  db: Db;
  store: FileStore;
  stored: StoredUpload;
  onProgress?: (progress: UploadProgress) => void;
}): Promise<UploadOutcome> {
  const { db, store, stored } = options;
  const progress = options.onProgress ?? (() => undefined);

  try {
    return await checkAndApply(db, store, stored, progress);
  } catch (error) {
    // The transaction rolled back, its records with it; the attempt is still recorded (with the
    // stored file). A coded refusal (a payment changed meanwhile: CONFLICT) is the upload's outcome.
    const message = isAppError(error)
      ? error.message
      : "The file could not be checked because of a fault on our side. Nothing was changed: upload it again.";
    try {
      const refused = await recordRefused(db, { ...stored, message });
      if (isAppError(error)) return refused;
    } catch {
      // The database itself is failing: there is nothing to record the attempt in.
    }
    throw error;
  }
}

function checkAndApply(
  db: Db,
  store: FileStore,
  stored: StoredUpload,
  progress: (progress: UploadProgress) => void,
): Promise<UploadOutcome> {
  const { spec, uploadId, sha256, actor, now } = stored;
  return withPgTransaction(
    db,
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`upload:${spec.kind}`}))`;
      const previous = await previousUpload(tx, spec, sha256);
      if (previous && previous.sha256 === sha256) {
        const counts = { rows: 0, matched: 0, unchanged: 0, errors: 0 };
        await insertUpload(tx, stored, "DUPLICATE", counts, `Same file as upload ${previous.id}; nothing changed`);
        await audit(tx, stored, { status: "DUPLICATE", sha256, sameAs: previous.id });
        return {
          status: "DUPLICATE" as const,
          uploadId,
          previous: { uploadId: previous.id, uploadedAt: previous.uploadedAt, uploadedBy: previous.uploadedBy },
        };
      }

      await insertUpload(tx, stored, "RECEIVED", { rows: 0, matched: 0, unchanged: 0, errors: 0 }, null);
      await tx.$executeRaw(OUTCOME_TABLE);
      let fileProblem: string | null = null;
      let plan: unknown;
      try {
        plan = await spec.check(tx, {
          uploadId,
          fileName: stored.fileName,
          actor,
          now,
          open: () => readStoredFile(store, stored.storageKey),
          progress,
        });
      } catch (error) {
        if (!(error instanceof UploadFileProblem)) throw error;
        fileProblem = error.message;
      }

      let counts: UploadCounts;
      let errors: StoredError[];
      if (fileProblem !== null) {
        counts = { rows: 1, matched: 0, unchanged: 0, errors: 1 };
        errors = [{ lineNo: 0, message: bound(fileProblem) }];
        await insertUploadRows(tx, uploadId, errors, false);
      } else {
        counts = await countOutcomes(tx);
        errors = counts.errors > 0 ? await storedErrors(tx, spec) : [];
        await insertUploadRows(tx, uploadId, errors, true);
      }

      const status = counts.errors > 0 ? "REJECTED" : "APPLIED";
      if (status === "APPLIED") {
        progress({ stage: "applying", rows: counts.rows });
        await spec.apply(tx, { uploadId, fileName: stored.fileName, actor, now, plan });
      }
      await tx.$executeRaw`
        UPDATE "Upload" SET status = ${status}::"UploadStatus", "rowCount" = ${counts.rows}, matched = ${counts.matched},
               unchanged = ${counts.unchanged}, errors = ${counts.errors}, message = ${fileProblem === null ? null : bound(fileProblem)}
        WHERE id = ${uploadId}::uuid`;
      await audit(tx, stored, { status, sha256, ...counts });

      if (status === "REJECTED") {
        const shown = errors.slice(0, ERRORS_RETURNED).map(({ lineNo, message }) => ({ lineNo, message }));
        return { status: "REJECTED" as const, uploadId, counts, errors: shown };
      }
      return { status: "APPLIED" as const, uploadId, counts };
    },
    { statementTimeoutMs: STATEMENT_TIMEOUT_MS },
  );
}

/** Both steps for bytes already in memory (small files, tests): the same rules, the same records. */
/** An upload of bytes already in memory, as each kind's import function takes it (without its spec). */
export interface ImportUploadOptions {
  db: Db;
  store: FileStore;
  fileName: string;
  bytes: Buffer;
  actor: UploadActor;
  now: Date;
  maxBytes?: number;
  onProgress?: (progress: UploadProgress) => void;
}

export async function receiveUpload(options: ImportUploadOptions & { spec: UploadKindSpec }): Promise<UploadOutcome> {
  const { bytes, ...rest } = options;
  const received = await storeUpload({ ...rest, source: chunksOf(bytes) });
  if (received.refused) return received.refused;
  return processUpload({ db: options.db, store: options.store, stored: received.stored, onProgress: options.onProgress });
}

/** For kinds whose check builds its rows in memory (small files): into upload_outcome in one statement. */
export async function stageOutcomeRows(tx: SqlTx, rows: readonly UploadRowResult[], errorKind = "file"): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO upload_outcome (line_no, outcome, kind, message, payment_id)
    SELECT t.line_no, t.outcome::"UploadRowOutcome", CASE WHEN t.outcome = 'ERROR' THEN ${errorKind} END, t.message, t.payment_id
    FROM unnest(${rows.map((r) => r.lineNo)}::int[], ${rows.map((r) => r.outcome)}::text[],
                ${rows.map((r) => r.message ?? null)}::text[], ${rows.map((r) => r.paymentId ?? null)}::uuid[])
      AS t(line_no, outcome, message, payment_id)`;
}

/** The whole stored file, for kinds that read it in one piece (small JSON). */
export async function readWhole(file: UploadFile): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of file.open()) chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  return Buffer.concat(chunks);
}

/** A message cut to MAX_MESSAGE_CHARS, keeping room for `suffix`. */
export function bound(message: string, suffix = ""): string {
  const room = MAX_MESSAGE_CHARS - suffix.length;
  return (message.length > room ? `${message.slice(0, room - 1)}…` : message) + suffix;
}

/** " (also on line 21)", " (also on lines 21, 22 and 1,998 more)": the rows of a kind not stored. */
export function alsoOnLines(next: readonly number[], total: number): string {
  const shown = next.map((n) => n.toLocaleString("en-GB"));
  const more = total - next.length;
  if (shown.length === 0) return "";
  if (more > 0) return ` (also on line${total > 1 ? "s" : ""} ${shown.join(", ")} and ${more.toLocaleString("en-GB")} more)`;
  if (shown.length === 1) return ` (also on line ${shown[0]})`;
  return ` (also on lines ${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]})`;
}

async function* chunksOf(bytes: Buffer, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** A stored file as a stream of chunks, for the checks and the error report. */
export async function* readStoredFile(store: FileStore, key: string): AsyncGenerator<Uint8Array> {
  const { stream } = await store.stream(key);
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

async function previousUpload(
  tx: SqlTx,
  spec: UploadKindSpec,
  sha256: string,
): Promise<{ id: string; sha256: string; uploadedAt: Date; uploadedBy: string } | undefined> {
  const plan = spec.benefitPlanId ? Prisma.sql`AND u."benefitPlanId" = ${spec.benefitPlanId}::uuid` : Prisma.empty;
  const rows =
    spec.duplicateOf === "latest"
      ? await tx.$queryRaw<{ id: string; sha256: string; uploadedAt: Date; uploadedBy: string }[]>`
          SELECT u.id, u.sha256, (u."uploadedAt" AT TIME ZONE 'UTC') AS "uploadedAt", s.name AS "uploadedBy"
          FROM "Upload" u JOIN "User" s ON s.id = u."uploadedById"
          WHERE u.kind = ${spec.kind}::"UploadKind" AND u.status = 'APPLIED' ${plan}
          ORDER BY u."uploadedAt" DESC, u.id DESC LIMIT 1`
      : await tx.$queryRaw<{ id: string; sha256: string; uploadedAt: Date; uploadedBy: string }[]>`
          SELECT u.id, u.sha256, (u."uploadedAt" AT TIME ZONE 'UTC') AS "uploadedAt", s.name AS "uploadedBy"
          FROM "Upload" u JOIN "User" s ON s.id = u."uploadedById"
          WHERE u.kind = ${spec.kind}::"UploadKind" AND u.sha256 = ${sha256} AND u.status = 'APPLIED' ${plan}
          ORDER BY u."uploadedAt" ASC LIMIT 1`;
  return rows[0];
}

function insertUpload(
  tx: SqlTx,
  upload: Omit<StoredUpload, "spec" | "sha256" | "size"> & { spec: UploadKindSpec; sha256: string; size: number },
  status: "RECEIVED" | "REJECTED" | "DUPLICATE",
  counts: UploadCounts,
  message: string | null,
) {
  return tx.$executeRaw`
    INSERT INTO "Upload" (id, kind, status, "fileName", "storageKey", sha256, "byteSize", "uploadedById", "uploadedAt",
                          "rowCount", matched, unchanged, errors, message, "benefitPlanId")
    VALUES (${upload.uploadId}::uuid, ${upload.spec.kind}::"UploadKind", ${status}::"UploadStatus", ${upload.fileName.slice(0, 255)},
            ${upload.storageKey}, ${upload.sha256}, ${upload.size}, ${upload.actor.id}::uuid,
            (${upload.now.toISOString()}::timestamptz AT TIME ZONE 'UTC'), ${counts.rows}, ${counts.matched},
            ${counts.unchanged}, ${counts.errors}, ${message === null ? null : bound(message)},
            ${upload.spec.benefitPlanId ?? null}::uuid)`;
}

async function countOutcomes(tx: SqlTx): Promise<UploadCounts> {
  const [row] = await tx.$queryRaw<UploadCounts[]>`
    SELECT count(*)::int AS rows,
           (count(*) FILTER (WHERE outcome = 'MATCHED'))::int AS matched,
           (count(*) FILTER (WHERE outcome = 'UNCHANGED'))::int AS unchanged,
           (count(*) FILTER (WHERE outcome = 'ERROR'))::int AS errors
    FROM upload_outcome`;
  return row;
}

type StoredError = { lineNo: number; message: string; paymentId?: string | null };

interface ErrorRow {
  lineNo: number;
  paymentId: string | null;
  kind: string | null;
  message: string | null;
  facts: unknown;
  ofKind: number;
  next: number[] | null;
}

/**
 * The error rows that are stored, as messages: the first MESSAGES_PER_KIND of each kind (in line
 * order), the last of them naming the kind's further lines and how many more there are.
 */
async function storedErrors(tx: SqlTx, spec: UploadKindSpec): Promise<StoredError[]> {
  const rows = await tx.$queryRaw<ErrorRow[]>`
    SELECT line_no AS "lineNo", payment_id AS "paymentId", kind, message, facts, of_kind::int AS "ofKind",
           CASE WHEN n = ${MESSAGES_PER_KIND} AND of_kind > n THEN array_remove(ARRAY[next1, next2], NULL) END AS next
    FROM (
      SELECT line_no, payment_id, kind, message, facts,
             row_number() OVER w AS n, count(*) OVER (PARTITION BY kind) AS of_kind,
             lead(line_no, 1) OVER w AS next1, lead(line_no, 2) OVER w AS next2
      FROM upload_outcome WHERE outcome = 'ERROR'
      WINDOW w AS (PARTITION BY kind ORDER BY line_no)
    ) e
    WHERE n <= ${MESSAGES_PER_KIND}
    ORDER BY line_no`;
  return rows.map((r) => {
    const base =
      r.message ??
      (spec.renderError && r.facts != null ? spec.renderError(r.kind ?? "", r.facts, r.lineNo) : `Line ${r.lineNo}: error`);
    const suffix = r.next ? alsoOnLines(r.next, r.ofKind - MESSAGES_PER_KIND) : "";
    return { lineNo: r.lineNo, message: bound(base, suffix), paymentId: r.paymentId };
  });
}

/** The stored errors, and (unless the whole file was refused) every row that was fine, in one statement. */
async function insertUploadRows(
  tx: SqlTx,
  uploadId: string,
  errors: readonly StoredError[],
  withOutcomes: boolean,
): Promise<void> {
  const fine = withOutcomes
    ? Prisma.sql`UNION ALL
        SELECT line_no, outcome, left(message, ${MAX_MESSAGE_CHARS}), payment_id FROM upload_outcome WHERE outcome <> 'ERROR'`
    : Prisma.empty;
  await tx.$executeRaw`
    INSERT INTO "UploadRow" (id, "uploadId", "lineNo", outcome, message, "paymentId")
    SELECT gen_random_uuid(), ${uploadId}::uuid, r.line_no, r.outcome, r.message, r.payment_id
    FROM (
      SELECT e.line_no, 'ERROR'::"UploadRowOutcome" AS outcome, e.message, e.payment_id
      FROM unnest(${errors.map((e) => e.lineNo)}::int[], ${errors.map((e) => e.message)}::text[],
                  ${errors.map((e) => e.paymentId ?? null)}::uuid[]) AS e(line_no, message, payment_id)
      ${fine}
    ) r`;
}

function audit(
  tx: SqlTx,
  upload: { spec: UploadKindSpec; actor: UploadActor; uploadId: string; fileName: string },
  after: Record<string, string | number>,
) {
  return recordAuditSql(tx, {
    actor: upload.actor,
    action: `upload.${String(after.status).toLowerCase()}`,
    entityType: "Upload",
    entityId: upload.uploadId,
    after: { kind: upload.spec.kind, fileName: upload.fileName, ...after },
  });
}
