import type { SqlTx } from "@/lib/db/pg-transaction";
import { makeClaimReference } from "@/lib/references/claim-reference";

/** A clash needs another round; a round that leaves some short this many times is a bug (or a full alphabet). */
const MOST_ROUNDS = 10;

/**
 * References for `count` new people at once, clash-free, set-based: the temporary table
 * fresh_reference (n from 1, reference) holds `count` references that no person has and that
 * differ from each other. Candidates are made here (as createClaim's are, one at a time), staged as
 * one array parameter, and those already taken are dropped by one anti-join: with 32^7 references
 * a clash is so rare that this is almost always one statement, whatever the count. The caller
 * inserts the people in the same transaction, joining its rows to n.
 */
export async function stageFreshReferences(tx: SqlTx, options: { count: number; makeReference?: () => string }): Promise<void> {
  const make = options.makeReference ?? makeClaimReference;
  await tx.$executeRaw`CREATE TEMP TABLE fresh_reference (n serial PRIMARY KEY, reference text UNIQUE) ON COMMIT DROP`;
  let have = 0;
  const tried = new Set<string>();
  for (let round = 1; have < options.count; round++) {
    if (round > MOST_ROUNDS) throw new Error(`could not find ${options.count} unused person references`);
    const candidates: string[] = [];
    for (
      let attempts = 0;
      candidates.length < options.count - have && attempts < 100 * (options.count - have) + 100;
      attempts++
    ) {
      const reference = make();
      if (tried.has(reference)) continue;
      tried.add(reference);
      candidates.push(reference);
    }
    have += await tx.$executeRaw`
      INSERT INTO fresh_reference (reference)
      SELECT x FROM unnest(${candidates}::text[]) WITH ORDINALITY AS t(x, i)
      WHERE NOT EXISTS (SELECT 1 FROM "Claimant" c WHERE c.reference = t.x)
      ORDER BY t.i`;
  }
}
