import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { csvRow } from "@/lib/db/copy-rows";
import type { PgTx } from "@/lib/db/pg-transaction";
import { makeClaimReference } from "@/lib/references/claim-reference";

/** A clash needs another round; a round that leaves some short this many times is a bug (or a full alphabet). */
const MOST_ROUNDS = 10;
/** Candidates go to the COPY in pieces of about this many characters, as they are made. */
const PIECE_CHARS = 16 * 1024;

/**
 * References for `count` new people at once, clash-free, set-based: the temporary table
 * fresh_reference (n from 1, reference) holds `count` references that no person has and that
 * differ from each other. Candidates are made here (as createClaim's are, one at a time) and
 * streamed into a temporary table by one COPY as they are made (a file of a million people never
 * holds a million of them); one INSERT … SELECT keeps those no one has, in the order they were
 * made, dropping one made twice. With 32^7 references a clash is so rare that this is almost always
 * one round, whatever the count. The caller inserts the people in the same transaction, joining its
 * rows to n.
 */
export async function stageFreshReferences(tx: PgTx, options: { count: number; makeReference?: () => string }): Promise<void> {
  const make = options.makeReference ?? makeClaimReference;
  await tx.client.query(`CREATE TEMP TABLE fresh_reference (n serial PRIMARY KEY, reference text UNIQUE) ON COMMIT DROP`);
  await tx.client.query(`CREATE TEMP TABLE reference_candidate (i serial PRIMARY KEY, reference text) ON COMMIT DROP`);
  let have = 0;
  for (let round = 1; have < options.count; round++) {
    if (round > MOST_ROUNDS) throw new Error(`could not find ${options.count} unused person references`);
    if (round > 1) await tx.client.query("TRUNCATE reference_candidate");
    await pipeline(
      Readable.from(candidates(make, options.count - have), { highWaterMark: 1 }),
      tx.client.query(copyFrom("COPY reference_candidate (reference) FROM STDIN (FORMAT csv)")),
    );
    have += await tx.$executeRaw`
      INSERT INTO fresh_reference (reference)
      SELECT c.reference FROM reference_candidate c
      WHERE NOT EXISTS (SELECT 1 FROM "Claimant" p WHERE p.reference = c.reference)
      ORDER BY c.i
      ON CONFLICT (reference) DO NOTHING`;
  }
}

function* candidates(make: () => string, count: number): Generator<string> {
  let text = "";
  for (let i = 0; i < count; i++) {
    text += csvRow([make()]);
    if (text.length >= PIECE_CHARS) {
      yield text;
      text = "";
    }
  }
  if (text !== "") yield text;
}
