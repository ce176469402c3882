// The payment journey at scale (`npm run bench -- --only journey`; docs/payment-journey.md#at-scale):
// a database of about P payments with their histories (journey-fill.mts), then the journey's one
// statement (lib/journey/journey-query.ts, exactly what the page and the support CLI run) for a
// sample of random payments, half by reference (lower case, as people type it) and half by UUID,
// each timed through Prisma as the product runs it: p50, p95, max. Beside it, the floor of any
// statement on that connection: one primary-key lookup of the same payments, timed the same way.
// The slowest journey's EXPLAIN (ANALYZE, BUFFERS) is kept, and the run fails if it reads a table
// that grows with payments sequentially. Target: p95 under 100 ms at 1,000,000 payments.
//
//   DATABASE_URL=… npx tsx scripts/bench/journey.mts [payments] [samples]   (a migrated, empty scratch database)
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client.ts";
import { journeyKey, journeySql } from "../../lib/journey/journey-query.ts";
import { fillJourneyData, type JourneyFill } from "./journey-fill.mts";
import { baseName } from "./prepare.mts";
import type { BenchServer } from "./server.mts";
import { percentile } from "./stats.mts";

export type JourneyFigures = {
  payments: number;
  samples: number;
  fillSeconds: number;
  fill: JourneyFill;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Median rows a journey returned (its steps' sources). */
  medianRows: number;
  /** One primary-key lookup of the same payments: the floor of a statement on this connection. */
  floorP50Ms: number;
  floorP95Ms: number;
  slowestKey: string;
  explain: string;
};

const WARM_UP = 20;

function client(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}

/** Fills the database at `url` (migrated, empty) and times the journey; logs as it goes. */
export async function benchJourney(
  url: string,
  options: { payments: number; samples?: number; log?: (m: string) => void },
): Promise<JourneyFigures> {
  const log = options.log ?? ((m: string) => console.log(m));
  const samples = options.samples ?? 400;
  const db = client(url);
  try {
    const started = Date.now();
    const fill = await fillJourneyData(db, { payments: options.payments, log });
    const fillSeconds = (Date.now() - started) / 1000;
    log(`journey: ${fill.payments.toLocaleString("en-GB")} payments filled in ${fillSeconds.toFixed(0)} s`);

    // A random sample, with failed and reissued payments (the widest journeys) a fifth of it.
    const picked = await db.$queryRawUnsafe<{ id: string; reference: string }[]>(
      `(SELECT id::text, reference FROM "Payment" ORDER BY random() LIMIT $1)
       UNION ALL
       (SELECT id::text, reference FROM "Payment" WHERE status = 'FAILED' OR "replacesId" IS NOT NULL ORDER BY random() LIMIT $2)`,
      Math.ceil(samples * 0.8),
      Math.floor(samples * 0.2),
    );
    const keys = picked.map((p, i) => (i % 2 === 0 ? p.reference.toLowerCase() : p.id));
    const run = async (key: string) => {
      const k = journeyKey(key)!;
      const t0 = performance.now();
      const rows = await db.$queryRaw<unknown[]>(journeySql(k));
      return { ms: performance.now() - t0, rows: rows.length };
    };
    for (const key of keys.slice(0, WARM_UP)) await run(key);
    const timings: { key: string; ms: number; rows: number }[] = [];
    for (const key of keys) timings.push({ key, ...(await run(key)) });
    const floor: number[] = [];
    for (const p of picked) {
      const t0 = performance.now();
      await db.$queryRawUnsafe(`SELECT * FROM "Payment" WHERE id = $1::uuid`, p.id);
      floor.push(performance.now() - t0);
    }
    const ms = timings.map((t) => t.ms);
    const slowest = timings.reduce((a, b) => (b.ms > a.ms ? b : a));

    const statement = journeySql(journeyKey(slowest.key)!);
    const plan = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
      `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
      ...statement.values,
    );
    const explain = plan.map((r) => r["QUERY PLAN"]).join("\n");
    // Staff and uploads are small tables the planner may read whole; nothing that grows with payments may be.
    const big =
      /Seq Scan on "(Payment\w*|FileLine|FileDownload|Notification|ClaimEvent|Claim|Claimant|BankDetails|Batch\w*|Run)"/;
    if (big.test(explain)) throw new Error(`the journey's plan reads a big table sequentially:\n${explain}`);
    const round = (n: number | null) => Math.round((n ?? 0) * 100) / 100;
    const rowsSorted = timings.map((t) => t.rows).sort((a, b) => a - b);
    return {
      payments: fill.payments,
      samples: timings.length,
      fillSeconds: Math.round(fillSeconds),
      fill,
      p50Ms: round(percentile(ms, 50)),
      p95Ms: round(percentile(ms, 95)),
      maxMs: round(Math.max(...ms)),
      medianRows: rowsSorted[Math.floor(rowsSorted.length / 2)],
      floorP50Ms: round(percentile(floor, 50)),
      floorP95Ms: round(percentile(floor, 95)),
      slowestKey: slowest.key,
      explain,
    };
  } finally {
    await db.$disconnect();
  }
}

export function journeyTable(f: JourneyFigures): string {
  return [
    `Payment journey at ${f.payments.toLocaleString("en-GB")} payments (${f.samples} random journeys, fill ${f.fillSeconds} s)`,
    `  journey statement   p50 ${f.p50Ms} ms   p95 ${f.p95Ms} ms   max ${f.maxMs} ms   (target p95 < 100 ms; median ${f.medianRows} rows)`,
    `  primary-key floor   p50 ${f.floorP50Ms} ms   p95 ${f.floorP95Ms} ms`,
  ].join("\n");
}

/** For `npm run bench`: a database of its own from the migrated base, filled, timed and dropped. */
export async function measureJourney(options: {
  server: BenchServer;
  payments: number;
  log: (m: string) => void;
}): Promise<{ figures: Record<string, unknown>; table: string }> {
  const { server, payments, log } = options;
  const name = `${server.prefix}_journey`;
  await server.create(name, baseName(server));
  try {
    const figures = await benchJourney(server.url(name), { payments, log });
    return { figures: { journey: figures }, table: journeyTable(figures) };
  } finally {
    await server.drop(name);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is required: a migrated, empty scratch database to fill.");
    process.exit(1);
  }
  const figures = await benchJourney(url, {
    payments: Number(process.argv[2] ?? 1_000_000),
    samples: Number(process.argv[3] ?? 400),
  });
  console.log(`\n${journeyTable(figures)}\n\nslowest (${figures.slowestKey}):\n${figures.explain}`);
  console.log(JSON.stringify({ ...figures, explain: undefined }));
}
