import type pg from "pg";
import type { Db } from "@/lib/db";
import { poolOf } from "@/lib/db/create-db";
import { runFileKey, type ByteSource, type FileStore } from "@/lib/storage";
import type { RunLease } from "../runs/run-lease";

// Stores one of a run's files write-once under a key made from the run's id and frozen start
// time, so a retry writes to the same key: the same bytes are "already stored", different bytes
// throw WriteOnceConflictError (naming the key) and overwrite nothing; the run then fails loudly.
// A file too big to hold comes as a stream of bytes and is stored as it streams (putStream).

export interface RunFileToStore {
  /** BatchFile.kind: ACCESSPAY_CSV, ADI_JOURNAL, PAYOUT_CSV. */
  kind: string;
  fileName: string;
  contentType: string;
  /** The bytes, or a stream of them (never all in memory). */
  data: Buffer | ByteSource;
  lineCount: number;
  totalPence: number;
}

export interface StoredRunFile {
  kind: string;
  fileName: string;
  storageKey: string;
  contentType: string;
  sha256: string;
  byteSize: number;
  lineCount: number;
  totalPence: number;
  /** "already-stored": an earlier attempt of this run stored the same bytes. */
  putStatus: "stored" | "already-stored";
}

export function runFileStorageKey(lease: Pick<RunLease, "runId" | "startedAt">, fileName: string): string {
  return runFileKey({ runStartedAt: lease.startedAt, runId: lease.runId, fileName });
}

export async function storeRunFile(options: {
  store: FileStore;
  lease: Pick<RunLease, "runId" | "startedAt">;
  file: RunFileToStore;
}): Promise<StoredRunFile> {
  const { store, lease, file } = options;
  const storageKey = runFileStorageKey(lease, file.fileName);
  const put = Buffer.isBuffer(file.data)
    ? await store.putOnce(storageKey, file.data, file.contentType)
    : await store.putStream(storageKey, file.data, file.contentType);
  return {
    kind: file.kind,
    fileName: file.fileName,
    storageKey,
    contentType: file.contentType,
    sha256: put.sha256,
    byteSize: put.size,
    lineCount: file.lineCount,
    totalPence: file.totalPence,
    putStatus: put.status,
  };
}

/**
 * A file rebuilt from the database as it streams (`data` reads its lines with one COPY on a
 * connection of its own), stored as it streams.
 */
export async function storeRunFileFromDb(options: {
  db: Db;
  store: FileStore;
  lease: Pick<RunLease, "runId" | "startedAt">;
  file: Omit<RunFileToStore, "data">;
  data: (client: pg.PoolClient) => ByteSource;
}): Promise<StoredRunFile> {
  const { db, store, lease, file } = options;
  const client = await poolOf(db).connect();
  let finished = false;
  try {
    const stored = await storeRunFile({ store, lease, file: { ...file, data: options.data(client) } });
    finished = true;
    return stored;
  } finally {
    // A rebuild that stopped early left the connection in the middle of its COPY: close it.
    client.release(!finished);
  }
}
