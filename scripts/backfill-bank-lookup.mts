// `npm run backfill:bank-lookup` (and `npm start`, after migrations and the demo seed): the migration
// script of the bank-details lookup hash (docs/security.md#a-checker-who-can-check). Gives every
// stored bank-details ciphertext (approved details, changes, bank file lines) its keyed hash, a
// batch at a time; a fast no-op once none is missing, and safe to run again or while the portal runs.
// Needs DATABASE_URL, BANK_DETAILS_KEY and BANK_DETAILS_LOOKUP_KEY (npm start gives all three).
import { anyLookupHashMissing, backfillLookupHashes } from "../lib/bank-details/backfill-lookup-hashes.ts";
import { keyFromBase64 } from "../lib/crypto/bank-details-cipher.ts";
import { keyring } from "../lib/crypto/keyring.ts";
import { createDb, poolOf } from "../lib/db/create-db.ts";

function fail(message: string): never {
  console.error(`[backfill:bank-lookup] ${message}`);
  process.exit(1);
}

function keySetting(name: string): Buffer {
  const base64 = process.env[name]?.trim();
  if (!base64) fail(`${name} is not set (32 bytes, base64: openssl rand -base64 32).`);
  try {
    return keyFromBase64(base64);
  } catch {
    fail(`${name} must be 32 bytes, base64-encoded (openssl rand -base64 32).`);
  }
}

if (!process.env.DATABASE_URL) fail("DATABASE_URL is not set: the database whose bank details to hash.");
// With the keys a rotation is moving away from, so values not yet re-encrypted still get their hash.
const previousKeys = (process.env.BANK_DETAILS_PREVIOUS_KEYS ?? "").split(",").filter((k) => k.trim() !== "");
const key = keyring(
  keySetting("BANK_DETAILS_KEY"),
  previousKeys.map((k) => keyFromBase64(k.trim())),
);
const lookupKey = keySetting("BANK_DETAILS_LOOKUP_KEY");
const db = createDb(process.env.DATABASE_URL);
try {
  if (await anyLookupHashMissing(db)) {
    const started = Date.now();
    const counts = await backfillLookupHashes({ db, key, lookupKey });
    const words = Object.entries(counts).map(
      ([table, c]) => `${table} ${c.hashed}${c.undecryptable ? ` (${c.undecryptable} could not be decrypted)` : ""}`,
    );
    console.log(
      `[backfill:bank-lookup] lookup hashes written: ${words.join(", ")} in ${((Date.now() - started) / 1000).toFixed(1)}s`,
    );
  }
} finally {
  await db.$disconnect();
  await poolOf(db).end();
}
