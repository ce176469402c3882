import type { Tx } from "@/lib/db";
import type { StoredRunFile } from "./store-run-file";

/**
 * The BatchFile row that makes a stored file visible for download, with its sha256, line count and
 * total. Written in the same transaction that marks the payments sent; an upsert because the
 * (batch, kind) pair is unique and the row must say exactly what the store holds.
 */
export async function recordBatchFile(tx: Tx, options: { batchId: string; file: StoredRunFile }): Promise<void> {
  const { batchId, file } = options;
  const data = {
    fileName: file.fileName,
    storageKey: file.storageKey,
    contentType: file.contentType,
    sha256: file.sha256,
    byteSize: file.byteSize,
    lineCount: file.lineCount,
    totalPence: BigInt(file.totalPence),
  };
  await tx.batchFile.upsert({
    where: { batchId_kind: { batchId, kind: file.kind } },
    create: { batchId, kind: file.kind, ...data },
    update: data,
  });
}
