// What every measurement (run in a child process by step.mts) shares: its input, the timer, a
// pg client, and the single-row audit record the limits write where the product writes one.
import { performance } from "node:perf_hooks";
import pg from "pg";

export const STEPS = ["run", "run-limit", "sweep", "sweep-limit", "upload", "upload-limit", "baseline", "claims-list"] as const;
export type StepName = (typeof STEPS)[number];

export interface StepInput {
  step: StepName;
  /** The fresh database this step may change. */
  url: string;
  n: number;
  /** The bank-details key the generated ciphertexts were made with, base64. */
  keyBase64: string;
  /** The product's "now": ISO 8601 in UTC. */
  now: string;
  /** A fresh folder for this step's file store and files. */
  workDir: string;
  ssclUserId: string;
  uploadFile?: string;
  baselineRows?: number;
  requests?: number;
  seed?: number;
}

export interface Measured {
  ms: number;
  startRssMB: number;
  detail: Record<string, unknown>;
}

const MB = 1024 * 1024;

/** Times `work` alone; the resident set just before it is what the runtime and imports take. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; startRssMB: number; result: T }> {
  const startRssMB = process.memoryUsage().rss / MB;
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, startRssMB, result };
}

/** Milliseconds between marks, for a limit's detail: where its time goes. */
export function phaseClock() {
  let last = performance.now();
  const phases: Record<string, number> = {};
  return {
    mark(name: string) {
      const now = performance.now();
      phases[name] = Math.round((now - last) * 10) / 10;
      last = now;
    },
    done: () => phases,
  };
}

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** "2026-11-22T10:15:30.000Z" as the timestamp(3) columns hold it (UTC, no zone). */
export function sqlTimestamp(iso: string): string {
  return new Date(iso).toISOString().replace("T", " ").replace("Z", "");
}

export async function auditRow(
  client: pg.Client,
  entry: {
    at: string;
    actor: string;
    actorId?: string;
    action: string;
    entityType: string;
    entityId: string;
    before?: object;
    after?: object;
  },
): Promise<void> {
  await client.query(
    `INSERT INTO "AuditLog" (at, "actorId", "actorLabel", action, "entityType", "entityId", before, after)
     VALUES ($1::timestamp, $2::uuid, $3, $4, $5, $6, $7::jsonb, $8::jsonb)`,
    [
      entry.at,
      entry.actorId ?? null,
      entry.actor,
      entry.action,
      entry.entityType,
      entry.entityId,
      entry.before ? JSON.stringify(entry.before) : null,
      entry.after ? JSON.stringify(entry.after) : null,
    ],
  );
}

const COUNTED = [
  "Run",
  "Batch",
  "FileLine",
  "BatchFile",
  "PaymentStatusHistory",
  "AuditLog",
  "ClaimEvent",
  "Notification",
  "Upload",
  "UploadRow",
];

/** Rows per table, and payments and claims per status, after a step: product and limit must agree. */
export async function tableCounts(client: pg.Client): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED) {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
    counts[table] = rows[0].n;
  }
  const grouped = await client.query<{ k: string; n: number }>(`
    SELECT 'Payment.' || status AS k, count(*)::int AS n FROM "Payment" GROUP BY status
    UNION ALL SELECT 'Claim.' || status, count(*)::int FROM "Claim" GROUP BY status
    UNION ALL SELECT 'Claim.needsAttention', count(*)::int FROM "Claim" WHERE "needsAttention"`);
  for (const { k, n } of grouped.rows) counts[k] = n;
  return counts;
}
