import type { PrismaClient } from "@/lib/generated/prisma/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { ciphertextPrefix, type BankDetailsPlain } from "../bank-details-cipher";
import { CIPHERTEXT_COLUMNS, type CiphertextColumn, type CiphertextColumnName } from "./ciphertext-columns";
import { reencryptValue } from "./reencrypt-value";

// The key rotation's shell (docs/key-rotation.md). Each column is read in id order a batch at a time
// (keyset: memory stays flat whatever the number of rows): the rows whose value is not yet under the
// current key (and, while the lookup key rotates, every row with a hash), decrypted and re-encrypted
// here, written back with one UPDATE … FROM unnest(…) per batch. A batch is one statement, so it
// commits whole or not at all; a row is written only if its value is still the one that was read,
// so a caseworker's change in between is never overwritten (the next run picks that row up if it
// still needs it). Nothing records where a run stopped: the rows still to do are exactly those the
// query selects, so a run stopped anywhere (a crash, Ctrl-C, a failed batch) resumes by running again.

export const ROTATION_BATCH_SIZE = 1_000;

export type ColumnCounts = {
  /** Rows read. */
  read: number;
  /** Rows written: re-encrypted under the current key, or their hash rebuilt, or both. */
  written: number;
  reencrypted: number;
  rehashed: number;
  /** Rows read whose value changed before the write (written again by someone else): left for the next run. */
  changedMeanwhile: number;
  /** Rows under no configured key (or damaged): left as they are, their ids listed (up to 20). */
  undecryptable: number;
  undecryptableIds: string[];
};

export type RotationSummary = {
  keyId: string;
  dryRun: boolean;
  rehashed: boolean;
  columns: Record<CiphertextColumnName, ColumnCounts>;
  batches: number;
  /** True when a signal stopped the run between batches. */
  stopped: boolean;
  /**
   * Values still not under the current key when the run ended: the undecryptable ones, and any the
   * portal wrote under an old key meanwhile (an instance not yet restarted). Zero everywhere: done.
   */
  remaining: Record<CiphertextColumnName, number>;
};

type BatchWrite = { ids: string[]; old: string[]; oldHash: (string | null)[]; ciphertext: string[]; hash: (string | null)[] };

export type BatchProgress = { column: CiphertextColumnName; batch: number; counts: ColumnCounts };

const NO_ID = "00000000-0000-0000-0000-000000000000";
const LISTED_IDS = 20;

function emptyCounts(): ColumnCounts {
  return { read: 0, written: 0, reencrypted: 0, rehashed: 0, changedMeanwhile: 0, undecryptable: 0, undecryptableIds: [] };
}

/**
 * Re-encrypts every stored ciphertext under `key`'s current key. `key` is the ring (keyring.ts) whose
 * previous keys decrypt what is not yet done. `rehash` (the account's hash under the new lookup key)
 * is given only when the lookup key rotates too. `dryRun` reads and checks everything and writes
 * nothing. `onBatch` runs after each batch has committed (progress; tests throw from it to stop a
 * run half-way). `signal` stops the run between batches.
 */
export async function rotateCiphertexts(options: {
  db: PrismaClient;
  key: Buffer;
  rehash?: ((details: BankDetailsPlain) => string) | null;
  batchSize?: number;
  dryRun?: boolean;
  signal?: AbortSignal;
  onBatch?: (progress: BatchProgress) => void | Promise<void>;
}): Promise<RotationSummary> {
  const { db, key } = options;
  const rehash = options.rehash ?? null;
  const prefix = ciphertextPrefix(key);
  const summary: RotationSummary = {
    keyId: prefix.split(".")[1],
    dryRun: options.dryRun === true,
    rehashed: rehash !== null,
    columns: { bankDetails: emptyCounts(), bankDetailChanges: emptyCounts(), fileLines: emptyCounts() },
    batches: 0,
    stopped: false,
    remaining: { bankDetails: 0, bankDetailChanges: 0, fileLines: 0 },
  };
  columns: for (const column of CIPHERTEXT_COLUMNS) {
    const counts = summary.columns[column.name];
    let after = NO_ID;
    for (;;) {
      if (options.signal?.aborted) {
        summary.stopped = true;
        break columns;
      }
      const rows = await db.$queryRaw<{ id: string; ciphertext: string; hash: string | null }[]>`
        ${selectToDo(column, { prefix, rehash: rehash !== null })} AND t.id > ${after}::uuid
        ORDER BY t.id LIMIT ${options.batchSize ?? ROTATION_BATCH_SIZE}`;
      if (rows.length === 0) break;
      after = rows[rows.length - 1].id;
      counts.read += rows.length;
      const write: BatchWrite = { ids: [], old: [], oldHash: [], ciphertext: [], hash: [] };
      const flags = new Map<string, { reencrypted: boolean; rehashed: boolean }>();
      for (const row of rows) {
        const result = reencryptValue({ ciphertext: row.ciphertext, hash: row.hash }, key, rehash);
        if (result.outcome === "undecryptable") {
          counts.undecryptable += 1;
          if (counts.undecryptableIds.length < LISTED_IDS) counts.undecryptableIds.push(row.id);
          continue;
        }
        if (result.outcome === "unchanged") continue;
        write.ids.push(row.id);
        write.old.push(row.ciphertext);
        write.oldHash.push(row.hash);
        write.ciphertext.push(result.ciphertext);
        write.hash.push(result.hash);
        flags.set(row.id, result);
      }
      let written = write.ids;
      if (write.ids.length > 0 && !summary.dryRun) {
        written = (await db.$queryRaw<{ id: string }[]>`${updateBatch(column, write)}`).map((r) => r.id);
      }
      counts.written += written.length;
      counts.changedMeanwhile += write.ids.length - written.length;
      for (const id of written) {
        if (flags.get(id)?.reencrypted) counts.reencrypted += 1;
        if (flags.get(id)?.rehashed) counts.rehashed += 1;
      }
      summary.batches += 1;
      await options.onBatch?.({ column: column.name, batch: summary.batches, counts: { ...counts } });
    }
  }
  for (const column of CIPHERTEXT_COLUMNS) {
    const [row] = await db.$queryRaw<{ remaining: number }[]>`
      SELECT count(*)::int AS remaining FROM (${selectToDo(column, { prefix, rehash: false })}) AS todo`;
    summary.remaining[column.name] = row.remaining;
  }
  return summary;
}

function ident(name: string): Prisma.Sql {
  return Prisma.raw(`"${name}"`);
}

/** The rows still to do: not under the current key, or (while the lookup key rotates) holding a hash. */
function selectToDo(column: CiphertextColumn, options: { prefix: string; rehash: boolean }): Prisma.Sql {
  const ciphertext = Prisma.sql`t.${ident(column.ciphertextColumn)}`;
  const hash = Prisma.sql`t.${ident(column.hashColumn)}`;
  // starts_with, not LIKE: a key id may hold "_", which LIKE reads as a wildcard.
  const toDo = options.rehash
    ? Prisma.sql`(NOT starts_with(${ciphertext}, ${options.prefix}) OR ${hash} IS NOT NULL)`
    : Prisma.sql`NOT starts_with(${ciphertext}, ${options.prefix})`;
  return Prisma.sql`SELECT t.id, ${ciphertext} AS ciphertext, ${hash}::text AS hash
    FROM ${ident(column.table)} t WHERE ${ciphertext} IS NOT NULL AND ${toDo}`;
}

function updateBatch(column: CiphertextColumn, write: BatchWrite): Prisma.Sql {
  const ciphertext = ident(column.ciphertextColumn);
  const hash = ident(column.hashColumn);
  return Prisma.sql`
    UPDATE ${ident(column.table)} t SET ${ciphertext} = v.ciphertext, ${hash} = v.hash
    FROM unnest(${write.ids}::uuid[], ${write.old}::text[], ${write.oldHash}::text[], ${write.ciphertext}::text[],
                ${write.hash}::text[]) AS v(id, old, old_hash, ciphertext, hash)
    WHERE t.id = v.id AND t.${ciphertext} = v.old AND t.${hash}::text IS NOT DISTINCT FROM v.old_hash
    RETURNING t.id`;
}
