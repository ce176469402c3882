// The claims list under load: random /claims requests through the product's own listClaims (every
// filter, name and reference search, every sort in both directions, first pages, pages a few
// cursors in and deep pages thousands of rows in, forwards and backwards), each timed; and the home
// page's counts through countClaimsByStatus. For the "payments at national scale" targets: list p95
// under 100 ms and home counts under 200 ms at 1,000,000 claims.
//
//   DATABASE_URL=… npx tsx scripts/bench/claims-list.mts [requests] [seed] [--verbose]
//
// (fill a scratch database first: scripts/bench/fill-claims.mts). Search texts, references, the
// event-date range and the signed-in caseworker come from the database itself, so any data set
// works. The requests are the same for the same seed and data. Only the final page request of
// each scenario is timed: cursors are reached by following the list's own nextCursor (with large
// pages for deep ones, untimed), so every cursor is one the product made.
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "../../lib/generated/prisma/client.ts";
import { ClaimStatus } from "../../lib/generated/prisma/enums.ts";
import { claimListHref, type ClaimListParams } from "../../lib/claims/list/claim-list-params.ts";
import { CLAIM_SORTS, DEFAULT_DIR } from "../../lib/claims/list/claim-list-sort.ts";
import { countClaimsByStatus } from "../../lib/claims/list/count-claims-by-status.ts";
import { listClaims, listClaimsQuery } from "../../lib/claims/list/list-claims.ts";
import { CLAIM_REFERENCE_ALPHABET } from "../../lib/references/claim-reference.ts";

type ClaimsListBench = {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Median of several calls of the home page's countClaimsByStatus. */
  homeCountsMs: number;
  /** The slowest request's shape: its /claims URL (cursor left out) and how far in it was. */
  slowest: string;
  /** EXPLAIN (ANALYZE, BUFFERS) of the slowest request's query. */
  explain: string;
};

type Sample = { reference: string; firstName: string; lastName: string; paymentReference: string | null };

type Fixture = { userId: string; samples: Sample[]; firstEventDate: string; lastEventDate: string };

type Scenario = {
  filter: ClaimListParams;
  /** Rows to skip by following cursors before the timed page (0: the first page). */
  depth: number;
  /** Time the page before the one reached (the "Previous" link) instead of the next one. */
  backwards: boolean;
  /** What kind of search, if any, for the label. */
  searchKind?: string;
};

type TimedRequest = { label: string; ms: number; rows: number; filter: ClaimListParams };

const PAGE_SIZE = 50; // as app/(portal)/claims/page.tsx
const HOP = 2_000; // page size used to walk to deep pages (untimed)
const HOME_COUNT_CALLS = 7;

/** mulberry32: a small seeded generator, so the same seed makes the same requests. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}
type Random = ReturnType<typeof generator>;

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function loadFixture(db: PrismaClient, random: Random): Promise<Fixture> {
  const users = await db.$queryRaw<{ id: string }[]>`
    SELECT u.id::text FROM "User" u
    WHERE u.role = 'CASEWORKER' AND EXISTS (SELECT 1 FROM "Claim" c WHERE c."assignedToId" = u.id)
    ORDER BY u.email LIMIT 1`;
  const range = await db.$queryRaw<{ first: string | null; last: string | null }[]>`
    SELECT to_char(min("eventDate"), 'YYYY-MM-DD') AS first, to_char(max("eventDate"), 'YYYY-MM-DD') AS last FROM "Claim"`;
  if (!range[0]?.first || !range[0].last) throw new Error("benchClaimsList: the database has no claims (fill it first)");
  // Random claims by seeking to random references: one index probe each, whatever the table size.
  const samples: Sample[] = [];
  for (let i = 0; i < 64; i++) {
    const from = Array.from({ length: 7 }, () => random.pick([...CLAIM_REFERENCE_ALPHABET])).join("");
    const rows = await db.$queryRaw<Sample[]>`
      SELECT c.reference, cl."firstName", cl."lastName",
        (SELECT p.reference FROM "Payment" p WHERE p."claimId" = c.id ORDER BY p.reference LIMIT 1) AS "paymentReference"
      FROM (
        (SELECT * FROM "Claim" WHERE reference >= ${from} ORDER BY reference LIMIT 1)
        UNION ALL (SELECT * FROM "Claim" ORDER BY reference LIMIT 1)
        LIMIT 1
      ) c
      JOIN "Claimant" cl ON cl.id = c."claimantId"`;
    samples.push(...rows);
  }
  // Without an assigned claim anywhere, "assigned to me" is simply empty for a made-up user.
  return {
    userId: users[0]?.id ?? "00000000-0000-4000-8000-000000000000",
    samples,
    firstEventDate: range[0].first,
    lastEventDate: range[0].last,
  };
}

/** A search box text as people type it, and what kind it is (for the label). */
function searchText(random: Random, sample: Sample): { q: string; kind: string } | undefined {
  const r = random.next();
  const lower = (s: string) => (random.chance(0.5) ? s.toLowerCase() : s);
  if (r < 0.2) return { q: lower(sample.reference), kind: "claim reference" };
  if (r < 0.3) return sample.paymentReference ? { q: sample.paymentReference, kind: "payment reference" } : undefined;
  if (r < 0.55) return { q: lower(sample.lastName), kind: "surname" };
  if (r < 0.75) {
    const length = Math.min(sample.lastName.length, random.int(2, 5));
    return { q: lower(sample.lastName.slice(0, length)), kind: "surname prefix" };
  }
  if (r < 0.85) return { q: lower(sample.firstName), kind: "first name" };
  if (r < 0.95)
    return {
      q: `${sample.firstName} ${sample.lastName.slice(0, random.int(1, sample.lastName.length))}`,
      kind: "first and last name",
    };
  return { q: `${sample.lastName} ${sample.firstName}`, kind: "last and first name" };
}

function makeScenario(random: Random, fixture: Fixture): Scenario {
  const sort = random.pick(CLAIM_SORTS);
  const filter: ClaimListParams = {
    attention: false,
    sort,
    dir: random.chance(0.5) ? DEFAULT_DIR[sort] : DEFAULT_DIR[sort] === "asc" ? "desc" : "asc",
  };
  if (random.chance(0.35)) filter.status = random.pick(Object.values(ClaimStatus));
  // The list's default view: open claims (one read per open status, merged).
  else if (random.chance(0.4)) filter.status = "OPEN";
  if (random.chance(0.15)) filter.method = random.chance(0.7) ? "BANK" : "CASH";
  if (random.chance(0.15)) {
    const days = Math.max(1, Math.round((Date.parse(fixture.lastEventDate) - Date.parse(fixture.firstEventDate)) / 86_400_000));
    const from = addDays(fixture.firstEventDate, random.int(0, days));
    const shape = random.next();
    if (shape < 0.6) [filter.eventFrom, filter.eventTo] = [from, addDays(from, random.int(0, 90))];
    else if (shape < 0.8) filter.eventFrom = from;
    else filter.eventTo = from;
  }
  if (random.chance(0.15)) filter.assigned = random.chance(0.7) ? "me" : "unassigned";
  if (random.chance(0.1)) filter.attention = true;
  let searchKind: string | undefined;
  if (random.chance(0.3) && fixture.samples.length) {
    const search = searchText(random, random.pick(fixture.samples));
    if (search) [filter.q, searchKind] = [search.q, search.kind];
  }
  const depthKind = random.next();
  const depth = depthKind < 0.45 ? 0 : depthKind < 0.75 ? PAGE_SIZE * random.int(1, 5) : HOP * random.int(1, 10);
  return { filter, depth, backwards: depth > 0 && random.chance(0.25), searchKind };
}

function describeScenario(scenario: Scenario, reached: number): string {
  const url = claimListHref(scenario.filter);
  const search = scenario.searchKind ? `, ${scenario.searchKind} search` : "";
  if (reached === 0) return `${url} (first page${search})`;
  const where = `${reached.toLocaleString("en-GB")} rows in`;
  return `${url} (${scenario.backwards ? "previous page" : "next page"}, ${where}${search})`;
}

/**
 * Runs one scenario: walks to its depth following nextCursor (untimed), then times one page
 * request of PAGE_SIZE rows exactly as the /claims page makes it.
 */
async function runScenario(db: PrismaClient, userId: string, scenario: Scenario): Promise<TimedRequest> {
  let filter = scenario.filter;
  let reached = 0;
  while (reached < scenario.depth) {
    const pageSize = scenario.depth - reached >= HOP ? HOP : PAGE_SIZE;
    const page = await listClaims({ db, filter, userId, pageSize });
    if (!page.nextCursor) break; // a short list: time its last page
    reached += page.rows.length;
    filter = { ...scenario.filter, after: page.nextCursor };
    if (scenario.backwards && reached >= scenario.depth) filter = { ...scenario.filter, before: page.nextCursor };
  }
  const started = performance.now();
  const page = await listClaims({ db, filter, userId, pageSize: PAGE_SIZE });
  const ms = performance.now() - started;
  return { label: describeScenario(scenario, reached), ms, rows: page.rows.length, filter };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** The bench, with every timed request (for the command line's --verbose). */
async function run(
  db: PrismaClient,
  options: { requests: number; seed: number },
): Promise<{ result: ClaimsListBench; timings: TimedRequest[] }> {
  if (!Number.isInteger(options.requests) || options.requests < 1) throw new Error("requests must be a positive integer");
  const random = generator(options.seed);
  const fixture = await loadFixture(db, random);
  const userId = fixture.userId;
  // One untimed request first: the pool's first connection is not the list's cost.
  await listClaims({ db, filter: { attention: false, sort: "received", dir: "desc" }, userId });
  const timings: TimedRequest[] = [];
  for (let i = 0; i < options.requests; i++) timings.push(await runScenario(db, userId, makeScenario(random, fixture)));
  const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
  const slowest = timings.reduce((a, b) => (b.ms > a.ms ? b : a));

  const homeTimes: number[] = [];
  for (let i = 0; i < HOME_COUNT_CALLS; i++) {
    const started = performance.now();
    await countClaimsByStatus({ db, userId });
    homeTimes.push(performance.now() - started);
  }
  homeTimes.sort((a, b) => a - b);

  const query = await listClaimsQuery({ db, filter: slowest.filter, userId, pageSize: PAGE_SIZE });
  const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`);
  const result = {
    p50Ms: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    maxMs: round(sorted[sorted.length - 1]),
    homeCountsMs: round(percentile(homeTimes, 0.5)),
    slowest: slowest.label,
    explain: plan.map((row) => row["QUERY PLAN"]).join("\n"),
  };
  return { result, timings };
}

/**
 * `requests` random list requests (their p50, p95 and max), the home page's counts (median of
 * seven) and the slowest request's shape and EXPLAIN (ANALYZE, BUFFERS). Reads only, apart from
 * countClaimsByStatus folding its counter rows.
 */
export async function benchClaimsList(
  db: PrismaClient,
  options: { requests: number; seed: number },
): Promise<{ p50Ms: number; p95Ms: number; maxMs: number; homeCountsMs: number; slowest: string; explain: string }> {
  return (await run(db, options)).result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [requests = "200", seed = "1"] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const verbose = process.argv.includes("--verbose");
  if (!process.env.DATABASE_URL) {
    console.error("DATABASE_URL is required: a database filled with scripts/bench/fill-claims.mts.");
    process.exit(1);
  }
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });
  try {
    const { result, timings } = await run(db, { requests: Number(requests), seed: Number(seed) });
    if (verbose) {
      for (const t of [...timings].sort((a, b) => b.ms - a.ms)) {
        console.log(`${t.ms.toFixed(1).padStart(8)} ms  ${t.rows} rows  ${t.label}`);
      }
    }
    const { explain, ...summary } = result;
    console.log(JSON.stringify(summary, null, 2));
    console.log(explain);
  } finally {
    await db.$disconnect();
  }
}
