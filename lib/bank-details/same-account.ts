import type { Db, Tx } from "@/lib/db";

// "This account is used by another person": a diversion often points a claim at an account that
// already pays someone else (the fraudster's own, or a mule's). The ciphertexts cannot be compared,
// so the keyed lookup hashes are (lookup-hash.ts), in one statement over three places an account
// can be another person's: their approved details, their pending change, and the bank file lines
// that paid them in the last 13 months (their details may have changed since).

/** Which of this person's accounts another person shares. */
export type OwnAccount = "current" | "proposed";
/** Where the other person holds it. */
export type HeldVia = "details" | "pending" | "paid";

export type SameAccountPerson = {
  personId: string;
  reference: string | null;
  firstName: string;
  lastName: string;
  shares: OwnAccount[];
  via: HeldVia[];
  /** Their newest claims (up to 3), for links. */
  claimReferences: string[];
  /** Codes of the benefit plans they are enrolled in (up to 3), for links. */
  planCodes: string[];
};

/** How far back a bank file line still counts as the account being another person's. */
export const PAID_LOOKBACK_MONTHS = 13;
/** The most people listed: more than a handful is a shared account to look into, not a list to read. */
export const SAME_ACCOUNT_LIMIT = 20;

/** The date PAID_LOOKBACK_MONTHS before `now`. */
export function paidLookbackStart(now: Date): Date {
  const since = new Date(now);
  since.setUTCMonth(since.getUTCMonth() - PAID_LOOKBACK_MONTHS);
  return since;
}

/** One account's lookup hash, or all of them while a lookup-key rotation runs (bankLookupHashes). */
type AccountHashes = string | readonly string[] | null | undefined;

/**
 * Other people (never `personId` itself) who hold the account behind any of the given hashes,
 * newest-first claims and plan codes for each, people sorted by name. Hashes that are null (rows
 * not yet backfilled) find nothing. An account may be given by several hashes (the current and the
 * previous lookup key's, docs/key-rotation.md): any of them matching counts.
 */
export async function findSameAccountPeople(
  db: Db | Tx,
  options: { personId: string; current?: AccountHashes; proposed?: AccountHashes; now: Date },
): Promise<SameAccountPerson[]> {
  const mine = (["current", "proposed"] as const).flatMap((kind) => {
    const given = options[kind];
    const hashes = given == null ? [] : typeof given === "string" ? [given] : given;
    return hashes.filter((hash) => hash !== "").map((hash) => ({ kind, hash }));
  });
  if (mine.length === 0) return [];
  const kinds = mine.map((m) => m.kind);
  const hashes = mine.map((m) => m.hash);
  const since = paidLookbackStart(options.now);
  return db.$queryRaw<SameAccountPerson[]>`
    WITH mine AS (SELECT * FROM unnest(${kinds}::text[], ${hashes}::text[]) AS m(kind, hash)),
    hits AS (
      SELECT m.kind, b."claimantId" AS person_id, 'details' AS via
      FROM mine m JOIN "BankDetails" b ON b."lookupHash" = m.hash
      UNION ALL
      SELECT m.kind, c."claimantId", 'pending'
      FROM mine m JOIN "BankDetailChange" c ON c."lookupHash" = m.hash AND c.status = 'PENDING'
      UNION ALL
      SELECT m.kind, p."personId", 'paid'
      FROM mine m
      JOIN "FileLine" l ON l."bankLookupHash" = m.hash
      JOIN "Batch" bt ON bt.id = l."batchId" AND bt."createdAt" >= (${since.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      JOIN "Payment" p ON p.id = l."paymentId"
    ),
    people AS (
      SELECT person_id, array_agg(DISTINCT kind ORDER BY kind) AS shares, array_agg(DISTINCT via ORDER BY via) AS via
      FROM hits WHERE person_id <> ${options.personId}::uuid
      GROUP BY person_id
    )
    SELECT c.id AS "personId", c.reference, c."firstName", c."lastName", p.shares, p.via,
           ARRAY(SELECT cl.reference FROM "Claim" cl WHERE cl."claimantId" = c.id
                 ORDER BY cl."createdAt" DESC LIMIT 3)::text[] AS "claimReferences",
           ARRAY(SELECT bp.code FROM "Enrolment" e JOIN "BenefitPlan" bp ON bp.id = e."benefitPlanId"
                 WHERE e."personId" = c.id ORDER BY e."createdAt" DESC LIMIT 3)::text[] AS "planCodes"
    FROM people p JOIN "Claimant" c ON c.id = p.person_id
    ORDER BY c."lastName", c."firstName", c.id
    LIMIT ${SAME_ACCOUNT_LIMIT}`;
}

/** findSameAccountPeople for a person's own current details and pending change, as stored. */
export async function findSameAccountPeopleOf(
  db: Db | Tx,
  options: { personId: string; now: Date },
): Promise<SameAccountPerson[]> {
  const [own] = await db.$queryRaw<{ current: string | null; proposed: string | null }[]>`
    SELECT (SELECT "lookupHash" FROM "BankDetails" WHERE "claimantId" = ${options.personId}::uuid) AS current,
           (SELECT "lookupHash" FROM "BankDetailChange" WHERE "claimantId" = ${options.personId}::uuid AND status = 'PENDING'
            ORDER BY "proposedAt" DESC LIMIT 1) AS proposed`;
  return findSameAccountPeople(db, {
    personId: options.personId,
    current: own.current,
    proposed: own.proposed,
    now: options.now,
  });
}

/** One sentence for the maker's result message, or null when no one else holds the account. */
export function sameAccountWarning(people: SameAccountPerson[]): string | null {
  if (people.length === 0) return null;
  const names = people.map((p) => `${p.firstName} ${p.lastName}${p.reference ? ` (${p.reference})` : ""}`);
  const listed = names.length > 3 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(", ");
  const who = people.length === 1 ? "another person" : `${people.length} other people`;
  return `Warning: this account is already used by ${who}: ${listed}. The checker will see this too.`;
}
