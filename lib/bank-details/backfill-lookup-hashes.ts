import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { bankLookupHash } from "./lookup-hash";

// The migration script of the lookup hash (scripts/backfill-bank-lookup.mts, run by `npm start`):
// rows written before the hash existed (and rows the demo seed writes directly) get it. Each table
// is read in id order, a batch at a time (keyset: memory stays flat whatever the number of rows),
// decrypted here, and written back with one UPDATE … FROM unnest(…) per batch. Only rows still
// without a hash whose ciphertext is still the one that was read are written, so it is idempotent,
// may be stopped and run again, and never puts an old account's hash beside a newer ciphertext.

type Source = { table: string; hashColumn: string; ciphertextColumn: string; onlyBankLines?: boolean };

/** Every place a bank-details ciphertext is stored. A Payout batch's lines hold a line's text, not bank details. */
const SOURCES = {
  bankDetails: { table: "BankDetails", hashColumn: "lookupHash", ciphertextColumn: "ciphertext" },
  bankDetailChanges: { table: "BankDetailChange", hashColumn: "lookupHash", ciphertextColumn: "ciphertext" },
  fileLines: { table: "FileLine", hashColumn: "bankLookupHash", ciphertextColumn: "bankDetailsCiphertext", onlyBankLines: true },
} as const satisfies Record<string, Source>;

export type BackfillTable = keyof typeof SOURCES;
export type BackfillCounts = Record<BackfillTable, { hashed: number; undecryptable: number }>;

export const BACKFILL_BATCH_SIZE = 2_000;

function missingRows(source: Source): Prisma.Sql {
  const t = Prisma.raw(`"${source.table}"`);
  const hash = Prisma.raw(`t."${source.hashColumn}"`);
  const ciphertext = Prisma.raw(`t."${source.ciphertextColumn}"`);
  const bankOnly = source.onlyBankLines
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "Batch" b WHERE b.id = t."batchId" AND b.method = 'BANK')`
    : Prisma.empty;
  return Prisma.sql`FROM ${t} t WHERE ${hash} IS NULL AND ${ciphertext} IS NOT NULL ${bankOnly}`;
}

/**
 * Whether any person's details or pending change still lacks its hash: one EXISTS per table, so
 * `npm start` skips the rest. File lines are not looked at here: telling a bank line without a hash
 * from the many Payout lines means reading every line, at every start; the backfill itself (run
 * once after the upgrade, `npm run backfill:bank-lookup`, or by a start that found people's rows
 * missing) fills them too.
 */
export async function anyLookupHashMissing(db: PrismaClient): Promise<boolean> {
  for (const source of [SOURCES.bankDetails, SOURCES.bankDetailChanges]) {
    const [row] = await db.$queryRaw<{ missing: boolean }[]>`SELECT EXISTS (SELECT 1 ${missingRows(source)}) AS missing`;
    if (row.missing) return true;
  }
  return false;
}

/**
 * Fills every missing lookup hash. Rows whose ciphertext does not decrypt with `key` are counted
 * and left without a hash (the run's own check holds their payments).
 */
export async function backfillLookupHashes(options: {
  db: PrismaClient;
  key: Buffer;
  lookupKey: Buffer;
  batchSize?: number;
  onBatch?: (table: BackfillTable, counts: { hashed: number; undecryptable: number }) => void;
}): Promise<BackfillCounts> {
  const { db, key, lookupKey } = options;
  const batchSize = options.batchSize ?? BACKFILL_BATCH_SIZE;
  const counts = {} as BackfillCounts;
  for (const [name, source] of Object.entries(SOURCES) as [BackfillTable, Source][]) {
    const tally = { hashed: 0, undecryptable: 0 };
    const t = Prisma.raw(`"${source.table}"`);
    const hashColumn = Prisma.raw(`"${source.hashColumn}"`);
    const ciphertextColumn = Prisma.raw(`"${source.ciphertextColumn}"`);
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const rows = await db.$queryRaw<{ id: string; ciphertext: string }[]>`
        SELECT t.id, t.${ciphertextColumn} AS ciphertext ${missingRows(source)} AND t.id > ${after}::uuid
        ORDER BY t.id LIMIT ${batchSize}`;
      if (rows.length === 0) break;
      after = rows[rows.length - 1].id;
      const ids: string[] = [];
      const ciphertexts: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        let hash: string;
        try {
          hash = bankLookupHash(decryptBankDetails(row.ciphertext, key), lookupKey);
        } catch {
          tally.undecryptable += 1;
          continue;
        }
        ids.push(row.id);
        ciphertexts.push(row.ciphertext);
        hashes.push(hash);
      }
      if (ids.length > 0) {
        tally.hashed += await db.$executeRaw`
          UPDATE ${t} t SET ${hashColumn} = v.hash
          FROM unnest(${ids}::uuid[], ${ciphertexts}::text[], ${hashes}::text[]) AS v(id, ciphertext, hash)
          WHERE t.id = v.id AND t.${hashColumn} IS NULL AND t.${ciphertextColumn} = v.ciphertext`;
      }
      options.onBatch?.(name, tally);
    }
    counts[name] = tally;
  }
  return counts;
}
