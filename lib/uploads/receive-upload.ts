import { randomUUID } from "node:crypto";
import type { Db, Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { UploadKind, UploadRowOutcome } from "@/lib/generated/prisma/enums";
import { sha256Hex, type FileStore } from "@/lib/storage/file-store";
import { uploadKey } from "@/lib/storage/storage-key";

/**
 * The shell every staff upload goes through (docs/file-formats.md#rules-for-every-upload), whatever
 * the format: SSCL's failed payments, bank holidays, and later the Payout returns.
 *
 *   1. size and name checks; the file kept in the store under its own upload id (write-once);
 *   2. one transaction, serialised per kind by an advisory lock so two people uploading at the
 *      same moment cannot both apply: the same bytes already applied -> DUPLICATE, a no-op that says
 *      so; otherwise `check` validates the whole file into one outcome per row; any ERROR row ->
 *      REJECTED with nothing applied; else `apply` writes the changes;
 *   3. the Upload row (who, when, sha256, counts) and one UploadRow per outcome in the same
 *      transaction, so the record and the change land together.
 *
 * The stored file outlives a transaction that fails: an orphan file is harmless, a lost record of
 * what someone uploaded is not.
 */

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export interface UploadRowResult {
  /** 1-based line of the file; 0 for a whole-file problem (empty, binary). */
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

export interface ReceiveUploadOptions<Plan> {
  db: Db;
  store: FileStore;
  kind: UploadKind;
  fileName: string;
  bytes: Buffer;
  contentType?: string;
  actor: { id: string; email: string };
  now: Date;
  /**
   * Which earlier upload makes this one a no-op: "any" applied upload with the same bytes (rows
   * applied once must never be applied twice), or only the "latest" applied one, for uploads that
   * replace a whole table, where going back to an earlier file is a real change.
   */
  duplicateOf?: "any" | "latest";
  /** Validates the whole file against the database as it is now. Must not write. */
  check: (tx: Tx, bytes: Buffer) => Promise<{ rows: UploadRowResult[]; plan: Plan }>;
  /** Only called when no row is an ERROR; writes the changes the rows describe. */
  apply: (tx: Tx, plan: Plan, uploadId: string) => Promise<void>;
}

export function countOutcomes(rows: readonly Pick<UploadRowResult, "outcome">[]): UploadCounts {
  const count = (o: UploadRowOutcome) => rows.filter((r) => r.outcome === o).length;
  return { rows: rows.length, matched: count("MATCHED"), unchanged: count("UNCHANGED"), errors: count("ERROR") };
}

export function checkUploadedFile(fileName: string, size: number): string | null {
  if (!fileName.trim()) return "Choose a file to upload";
  if (size === 0) return "The file is empty";
  if (size > MAX_UPLOAD_BYTES) return `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`;
  return null;
}

export async function receiveUpload<Plan>(options: ReceiveUploadOptions<Plan>): Promise<UploadOutcome> {
  const { db, store, kind, fileName, bytes, actor, now } = options;
  const problem = checkUploadedFile(fileName, bytes.length);
  if (problem) throw new AppError("VALIDATION", problem, { file: [problem] });

  const uploadId = randomUUID();
  const sha256 = sha256Hex(bytes);
  const storageKey = uploadKey({ uploadedAt: now, uploadId, fileName });
  await store.putOnce(storageKey, bytes, options.contentType ?? "text/csv");

  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`upload:${kind}`}))`;
      const base = {
        id: uploadId,
        kind,
        fileName: fileName.slice(0, 255),
        storageKey,
        sha256,
        byteSize: bytes.length,
        uploadedById: actor.id,
        uploadedAt: now,
      };

      const previous =
        options.duplicateOf === "latest"
          ? await tx.upload.findFirst({
              where: { kind, status: "APPLIED" },
              orderBy: [{ uploadedAt: "desc" }, { id: "desc" }],
              include: { uploadedBy: { select: { name: true } } },
            })
          : await tx.upload.findFirst({
              where: { kind, sha256, status: "APPLIED" },
              orderBy: { uploadedAt: "asc" },
              include: { uploadedBy: { select: { name: true } } },
            });
      if (previous && previous.sha256 === sha256) {
        await tx.upload.create({
          data: { ...base, status: "DUPLICATE", message: `Same file as upload ${previous.id}; nothing changed` },
        });
        await audit(tx, options, uploadId, { status: "DUPLICATE", sha256, sameAs: previous.id });
        return {
          status: "DUPLICATE" as const,
          uploadId,
          previous: { uploadId: previous.id, uploadedAt: previous.uploadedAt, uploadedBy: previous.uploadedBy.name },
        };
      }

      const { rows, plan } = await options.check(tx, bytes);
      const counts = countOutcomes(rows);
      const status = counts.errors > 0 ? "REJECTED" : "APPLIED";
      await tx.upload.create({
        data: {
          ...base,
          status,
          rowCount: counts.rows,
          matched: counts.matched,
          unchanged: counts.unchanged,
          errors: counts.errors,
        },
      });
      await tx.uploadRow.createMany({
        data: rows.map((r) => ({
          uploadId,
          lineNo: r.lineNo,
          outcome: r.outcome,
          message: r.message ?? null,
          paymentId: r.paymentId ?? null,
        })),
      });
      if (status === "APPLIED") await options.apply(tx, plan, uploadId);
      await audit(tx, options, uploadId, { status, sha256, ...counts });

      if (status === "REJECTED") {
        const errors = rows
          .filter((r) => r.outcome === "ERROR")
          .map((r) => ({ lineNo: r.lineNo, message: r.message ?? `Line ${r.lineNo}: error` }));
        return { status: "REJECTED" as const, uploadId, counts, errors };
      }
      return { status: "APPLIED" as const, uploadId, counts };
    },
    // Large files mean many rows to check and apply; the default 5 s would cut a valid upload short.
    { timeout: 120_000, maxWait: 30_000 },
  );
}

function audit(
  tx: Tx,
  options: Pick<ReceiveUploadOptions<unknown>, "actor" | "kind" | "fileName">,
  uploadId: string,
  after: Record<string, string | number>,
) {
  return recordAudit(tx, {
    actor: options.actor,
    action: `upload.${String(after.status).toLowerCase()}`,
    entityType: "Upload",
    entityId: uploadId,
    after: { kind: options.kind, fileName: options.fileName, ...after },
  });
}
