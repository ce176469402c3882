import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { StoredRunFile } from "./store-run-file";

/**
 * The BatchFile row that makes a stored file visible for download, with its sha256, line count and
 * total. Written in the same transaction that marks the payments sent; an upsert because the
 * (batch, kind) pair is unique and the row must say exactly what the store holds.
 */
export async function recordBatchFile(
  tx: SqlTx,
  options: {
    batchId: string;
    file: StoredRunFile;
    /** The run's time, if not the database's (the demo seed's history). */
    now?: Date;
  },
): Promise<void> {
  const { batchId, file } = options;
  const createdAt = options.now
    ? Prisma.sql`(${options.now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`
    : Prisma.sql`DEFAULT`;
  await tx.$executeRaw`
    INSERT INTO "BatchFile"
      (id, "batchId", kind, "fileName", "storageKey", "contentType", sha256, "byteSize", "lineCount", "totalPence", "createdAt")
    VALUES (gen_random_uuid(), ${batchId}::uuid, ${file.kind}, ${file.fileName}, ${file.storageKey}, ${file.contentType},
            ${file.sha256}, ${file.byteSize}::int, ${file.lineCount}::int, ${file.totalPence}::bigint, ${createdAt})
    ON CONFLICT ("batchId", kind) DO UPDATE
    SET "fileName" = EXCLUDED."fileName", "storageKey" = EXCLUDED."storageKey", "contentType" = EXCLUDED."contentType",
        sha256 = EXCLUDED.sha256, "byteSize" = EXCLUDED."byteSize", "lineCount" = EXCLUDED."lineCount",
        "totalPence" = EXCLUDED."totalPence"`;
}
