// A set-based generator of claims at national scale, for benchmarks and plan experiments: N claims
// for about N / 1.3 claimants, with expense lines, payments for approved claims and caseworkers to
// assign them to. Every row is made by INSERT … SELECT over generate_series, so a million claims
// take a minute or two, not hours of single inserts.
//
//   DATABASE_URL=… npx tsx scripts/bench/fill-claims.mts 1000000 [seed]
//
// The data is deterministic for a seed (hashint8extended of the row number, never random()), and
// shaped like a scheme two years into its life:
// - surnames: about a fifth from the common UK surnames in lib/demo/uk-names.ts with a Zipf-like
//   skew (Smith is about 1.3% of claimants, as in the UK), the rest a long tail of some 3,000
//   English place-like surnames (Ashworth, Bradley, …); first names from the same file, skewed;
// - claims arrive in order over two years (createdAt increasing with the row, as inserts are), with
//   the event up to 60 days before; most old claims are decided (APPROVED 72%, REJECTED 20%) and
//   most of the last 4% are still open (NEW, INFORMATION_REQUESTED, UPDATED);
// - decided claims and 70% of open ones are assigned to one of the caseworkers; about 1.5% of
//   approved claims need attention (a failed or held payment); BANK 85%, CASH 15%.
//
// Meant for an empty, migrated database (the claims' references are checked against existing
// ones, so a few demo claims do no harm). It ends with VACUUM ANALYZE, as autovacuum would.
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "../../lib/generated/prisma/client.ts";
import { FIRST_NAMES, LAST_NAMES } from "../../lib/demo/uk-names.ts";
import { CLAIM_REFERENCE_ALPHABET } from "../../lib/references/claim-reference.ts";

export type FillClaimsOptions = {
  /** Claims to add. */
  claims: number;
  /** Claims per claimant on average (at least 1): every claimant has one claim, some have more. Default 1.3. */
  claimsPerClaimant?: number;
  /** Caseworkers to assign claims to (made if missing, by email). Default 25. */
  caseworkers?: number;
  /** Same seed, same data. Default 1. */
  seed?: number;
};

export type FillClaimsResult = {
  claimants: number;
  claims: number;
  expenseLines: number;
  payments: number;
  /** The caseworkers' user ids, in email order. */
  caseworkerIds: string[];
};

const SURNAME_PREFIXES = [
  "Ash", "Brad", "Black", "Brook", "Bur", "Cal", "Craw", "Dun", "East", "Fair", "Farn", "Gold", "Green", "Hart", "Hay",
  "Hol", "Kings", "Lang", "Marsh", "Mid", "Nor", "Oak", "Pen", "Rad", "Red", "Ross", "Row", "Shel", "South", "Stan",
  "Stock", "Thorn", "Wal", "West", "Whit", "Wood", "Ald", "Bel", "Carr", "Dal", "Ed", "Ell", "Fen", "Gar", "Glad", "Hal",
  "Hen", "Kel", "Lin", "Mel", "Pem", "Pres", "Rom", "Sel", "Sher", "Tam", "Wen", "Win", "Yar", "Ever", "Brom", "Cran",
  "Dart", "Elm",
]; // prettier-ignore
const SURNAME_SUFFIXES = [
  "ton", "ley", "worth", "field", "ford", "wood", "well", "by", "ham", "stead", "more", "ridge", "dale", "shaw", "croft",
  "bridge", "hurst", "combe", "wick", "gate", "land", "wright", "son", "er", "man", "thorpe", "brook", "cliffe", "den",
  "low", "stone", "burn", "ing", "ock", "ett", "all", "ow", "ington", "ingham", "hill", "cott", "ney", "wall", "berry",
  "church", "ward", "ell", "sey",
]; // prettier-ignore

/** Share of claimants whose surname is one of the common ones (the rest are the long tail). */
const COMMON_SURNAME_SHARE = 0.2;

/** Cumulative thresholds in (0, 1] for weights 1 / (rank + offset): a Zipf-like skew. */
function zipfThresholds(count: number, offset: number): number[] {
  const weights = Array.from({ length: count }, (_, rank) => 1 / (rank + offset));
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return weights.map((w) => (sum += w / total));
}

/** A JSON array as a SQL parameter, unpacked in the database (no driver array handling needed). */
const jsonArray = (values: readonly (string | number)[]) => JSON.stringify(values);

export async function fillClaims(db: PrismaClient, options: FillClaimsOptions): Promise<FillClaimsResult> {
  const claims = options.claims;
  const perClaimant = Math.max(1, options.claimsPerClaimant ?? 1.3);
  const caseworkers = options.caseworkers ?? 25;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(claims) || claims < 1) throw new Error(`claims must be a positive integer, got ${claims}`);
  if (!Number.isInteger(caseworkers) || caseworkers < 1) throw new Error(`caseworkers must be a positive integer`);
  const claimants = Math.max(1, Math.round(claims / perClaimant));

  // Caseworkers: made once per email, so filling twice assigns to the same people.
  await db.$executeRaw`
    INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt")
    SELECT gen_random_uuid(), 'bench-caseworker-' || lpad(i::text, 3, '0') || '@bench.disburse.test',
      'Bench Caseworker ' || i, 'CASEWORKER', 'not-a-password-hash', now()
    FROM generate_series(1, ${caseworkers}::int) i
    ON CONFLICT (email) DO NOTHING`;
  const users = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM "User" WHERE email LIKE 'bench-caseworker-%@bench.disburse.test' ORDER BY email LIMIT ${caseworkers}::int`;
  const caseworkerIds = users.map((u) => u.id);

  // Pseudo-random numbers in [0, 1) from a row number and a salt: deterministic for the seed.
  const u = (n: Prisma.Sql, salt: number) =>
    Prisma.sql`((hashint8extended((${n})::bigint, ${seed * 100 + salt}::bigint) & 1099511627775)::float8 / 1099511627776.0)`;
  // Claimant and claim ids from the seed and the row number, so claims can name their claimant.
  const claimantId = (k: Prisma.Sql) => Prisma.sql`md5(${`${seed}-claimant-`} || (${k})::text)::uuid`;

  // Claimants. A run of the same seed on a database that has them already adds nothing new.
  const claimantsAdded = await db.$executeRaw`
    WITH lists AS (
      SELECT
        ARRAY(SELECT json_array_elements_text(${jsonArray(LAST_NAMES)}::json)) AS common,
        ARRAY(SELECT json_array_elements_text(${jsonArray(zipfThresholds(LAST_NAMES.length, 5))}::json)::float8) AS common_cdf,
        ARRAY(SELECT json_array_elements_text(${jsonArray(SURNAME_PREFIXES)}::json)) AS prefixes,
        ARRAY(SELECT json_array_elements_text(${jsonArray(zipfThresholds(SURNAME_PREFIXES.length, 8))}::json)::float8) AS prefix_cdf,
        ARRAY(SELECT json_array_elements_text(${jsonArray(SURNAME_SUFFIXES)}::json)) AS suffixes,
        ARRAY(SELECT json_array_elements_text(${jsonArray(zipfThresholds(SURNAME_SUFFIXES.length, 6))}::json)::float8) AS suffix_cdf,
        ARRAY(SELECT json_array_elements_text(${jsonArray(FIRST_NAMES)}::json)) AS firsts,
        ARRAY(SELECT json_array_elements_text(${jsonArray(zipfThresholds(FIRST_NAMES.length, 10))}::json)::float8) AS first_cdf
    )
    INSERT INTO "Claimant" (id, "firstName", "lastName", "dateOfBirth", "addressLine1", town, postcode, country, "contactPreference", "createdAt", "updatedAt")
    SELECT ${claimantId(Prisma.sql`k`)},
      l.firsts[least(1 + width_bucket(${u(Prisma.sql`k`, 1)}, l.first_cdf), cardinality(l.firsts))],
      CASE WHEN ${u(Prisma.sql`k`, 2)} < ${COMMON_SURNAME_SHARE}
        THEN l.common[least(1 + width_bucket(${u(Prisma.sql`k`, 3)}, l.common_cdf), cardinality(l.common))]
        ELSE l.prefixes[least(1 + width_bucket(${u(Prisma.sql`k`, 4)}, l.prefix_cdf), cardinality(l.prefixes))]
          || l.suffixes[least(1 + width_bucket(${u(Prisma.sql`k`, 5)}, l.suffix_cdf), cardinality(l.suffixes))]
      END,
      date '1940-01-01' + (${u(Prisma.sql`k`, 6)} * 22000)::int,
      (1 + (${u(Prisma.sql`k`, 7)} * 200)::int) || ' High Street', 'Leeds', 'LS1 1AA', 'England',
      (enum_range(NULL::"ContactPreference"))[1 + (${u(Prisma.sql`k`, 8)} * 3)::int % 3],
      now(), now()
    FROM lists l, generate_series(1, ${claimants}::int) k
    ON CONFLICT (id) DO NOTHING`;

  // Claims: row n arrives at start + n/N of two years; the first `claimants` rows each take their
  // own claimant, later rows a random one. References are a bijection of the row number (an odd
  // multiplier modulo 32^7) written in the reference alphabet, so they are unique and look random.
  const span = 2 * 365 * 24 * 60; // minutes
  const status = (n: Prisma.Sql) => Prisma.sql`CASE
      WHEN ${n}::float8 / ${claims} > 0.96 THEN (CASE
        WHEN ${u(n, 20)} < 0.50 THEN 'NEW' WHEN ${u(n, 20)} < 0.70 THEN 'INFORMATION_REQUESTED'
        WHEN ${u(n, 20)} < 0.80 THEN 'UPDATED' WHEN ${u(n, 20)} < 0.95 THEN 'APPROVED' ELSE 'REJECTED' END)
      ELSE (CASE
        WHEN ${u(n, 20)} < 0.04 THEN 'NEW' WHEN ${u(n, 20)} < 0.065 THEN 'INFORMATION_REQUESTED'
        WHEN ${u(n, 20)} < 0.08 THEN 'UPDATED' WHEN ${u(n, 20)} < 0.80 THEN 'APPROVED' ELSE 'REJECTED' END)
    END::"ClaimStatus"`;
  const claimsAdded = await db.$executeRaw`
    WITH rows AS (
      SELECT n, ${status(Prisma.sql`n`)} AS status,
        timestamp '2025-01-01 08:00' + ((n::float8 / ${claims}) * ${span} + ${u(Prisma.sql`n`, 21)} * 30) * interval '1 minute' AS created
      FROM generate_series(1, ${claims}::int) n
    )
    INSERT INTO "Claim" (id, reference, "claimantId", status, "informationRequestKind", "eventDate", "paymentMethod", source,
      "assignedToId", version, "needsAttention", "createdAt", "updatedAt")
    SELECT md5(${`${seed}-claim-`} || n::text)::uuid,
      (SELECT string_agg(substr(${CLAIM_REFERENCE_ALPHABET}, (((((n + ${seed}::bigint * 7919) * 2654435761) % 34359738368) >> (5 * d)) & 31)::int + 1, 1), '' ORDER BY d DESC)
         FROM generate_series(0, 6) d),
      ${claimantId(Prisma.sql`CASE WHEN n <= ${claimants} THEN n ELSE 1 + (${u(Prisma.sql`n`, 23)} * ${claimants})::int % ${claimants} END`)},
      status,
      CASE WHEN status = 'INFORMATION_REQUESTED' THEN 'GENERAL'::"InformationRequestKind" END,
      (created - (${u(Prisma.sql`n`, 24)} * 60)::int * interval '1 day')::date,
      (CASE WHEN ${u(Prisma.sql`n`, 25)} < 0.85 THEN 'BANK' ELSE 'CASH' END)::"PaymentMethod",
      (CASE WHEN ${u(Prisma.sql`n`, 26)} < 0.8 THEN 'API' ELSE 'ASSISTED_DIGITAL' END)::"ClaimSource",
      CASE WHEN status IN ('APPROVED', 'REJECTED') OR ${u(Prisma.sql`n`, 27)} < 0.7
        THEN (${jsonArray(caseworkerIds)}::json ->> ((${u(Prisma.sql`n`, 28)} * ${caseworkerIds.length})::int % ${caseworkerIds.length}))::uuid END,
      CASE WHEN status IN ('APPROVED', 'REJECTED') THEN 2 ELSE 0 END,
      status = 'APPROVED' AND ${u(Prisma.sql`n`, 29)} < 0.015,
      created, created + interval '3 days'
    FROM rows
    WHERE NOT EXISTS (SELECT 1 FROM "Claim" x WHERE x.id = md5(${`${seed}-claim-`} || n::text)::uuid)
    ON CONFLICT (reference) DO NOTHING`;

  // One to three expense lines per claim: approved in full on approved claims, refused on rejected ones.
  const linesAdded = await db.$executeRaw`
    INSERT INTO "ExpenseLine" (id, "claimId", "lineNo", type, description, "claimedPence", "approvedPence", decision)
    SELECT gen_random_uuid(), c.id, line,
      (enum_range(NULL::"ExpenseType"))[1 + (abs(hashtextextended(c.id::text, line + ${seed}::bigint)) % 7)::int],
      'Travel to the appointment', 200 + (abs(hashtextextended(c.id::text || line, 0)) % 19800),
      CASE WHEN c.status = 'APPROVED' THEN 200 + (abs(hashtextextended(c.id::text || line, 0)) % 19800) END,
      CASE c.status WHEN 'APPROVED' THEN 'APPROVED'::"LineDecision" WHEN 'REJECTED' THEN 'REJECTED'::"LineDecision" END
    FROM "Claim" c
    CROSS JOIN LATERAL generate_series(1, 1 + abs(hashtextextended(c.id::text, 0)) % 3) line
    WHERE NOT EXISTS (SELECT 1 FROM "ExpenseLine" e WHERE e."claimId" = c.id)`;

  // One payment per approved claim: old ones paid (or cashed), recent ones new or sent; claims that
  // need attention have a failed payment or one on hold.
  const paymentsAdded = await db.$executeRaw`
    INSERT INTO "Payment" (id, reference, "personId", "claimId", method, "amountPence", status, "holdReason", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), c.reference || '-01', c."claimantId", c.id, c."paymentMethod",
      (SELECT sum(e."approvedPence") FROM "ExpenseLine" e WHERE e."claimId" = c.id),
      CASE
        WHEN c."needsAttention" THEN (CASE WHEN abs(hashtextextended(c.id::text, 0)) % 2 = 0 THEN 'FAILED' ELSE 'NEW' END)::"PaymentStatus"
        WHEN c."createdAt" > timestamp '2025-01-01' + interval '715 days' THEN (CASE WHEN abs(hashtextextended(c.id::text, 0)) % 2 = 0 THEN 'NEW' ELSE 'SENT' END)::"PaymentStatus"
        WHEN c."paymentMethod" = 'CASH' THEN 'CASHED'::"PaymentStatus"
        ELSE 'PAID'::"PaymentStatus"
      END,
      CASE WHEN c."needsAttention" AND abs(hashtextextended(c.id::text, 0)) % 2 = 1 THEN 'BAD_BANK_DETAILS'::"HoldReason" END,
      c."createdAt" + interval '3 days', c."createdAt" + interval '3 days'
    FROM "Claim" c
    WHERE c.status = 'APPROVED' AND NOT EXISTS (SELECT 1 FROM "Payment" p WHERE p."claimId" = c.id)`;

  for (const table of ["Claimant", "Claim", "ExpenseLine", "Payment", "User"]) {
    await db.$executeRawUnsafe(`VACUUM ANALYZE "${table}"`);
  }
  return { claimants: claimantsAdded, claims: claimsAdded, expenseLines: linesAdded, payments: paymentsAdded, caseworkerIds };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const claims = Number(process.argv[2] ?? 1_000_000);
  const seed = Number(process.argv[3] ?? 1);
  if (!process.env.DATABASE_URL) {
    console.error("DATABASE_URL is required: the (migrated, scratch) database to fill.");
    process.exit(1);
  }
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });
  try {
    const started = Date.now();
    const result = await fillClaims(db, { claims, seed });
    const { caseworkerIds, ...counts } = result;
    console.log(JSON.stringify({ ...counts, caseworkers: caseworkerIds.length, seconds: (Date.now() - started) / 1000 }));
  } finally {
    await db.$disconnect();
  }
}
