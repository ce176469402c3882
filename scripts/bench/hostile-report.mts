// The hostile uploads' figures for results.json and the printed table (pure): per case the answer,
// its time, /api/health's latency while it ran, and what it left in the database.
import { formatTable } from "./report.mts";
import { percentile, round } from "./stats.mts";

/** The answer-time and health targets of the issue. */
export const ANSWER_TARGET_MS = 2_000;
export const HEALTH_TARGET_MS = 200;

export interface HealthFigures {
  polls: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  /** Polls that did not answer 200. */
  failed: number;
}

export interface HostileUploadResult {
  id: string;
  label: string;
  fileBytes: number;
  /** The multipart body: the file and its framing. */
  bodyBytes: number;
  sentSlowly: boolean;
  /** The valid file, meant to apply (the others must change nothing). */
  valid: boolean;
  /** HTTP status of the answer; null when none came. */
  status: number | null;
  /** The answer's message, and the first error it lists, each cut to 200 characters. */
  message: string;
  firstError: string | null;
  /** From the first byte sent to the whole answer read. */
  answerMs: number | null;
  /** From the last byte of the body written to the answer; null when the answer came before it. */
  afterLastByteMs: number | null;
  /**
   * How much of the body had been handed to the socket when the answer came (on loopback the
   * socket buffers take megabytes: what the server read is in `attempt.uploads[].byteSize`).
   */
  bytesWrittenAtAnswer: number;
  health: HealthFigures;
  /** Highest resident set of the `next start` process while the case ran (Linux /proc). */
  serverPeakRssMB: number | null;
  /** The attempt's own records: Upload rows (status, bytes the server read), UploadRow rows and their messages. */
  attempt: {
    uploads: { status: string; byteSize: number; rowCount: number; errors: number }[];
    uploadRows: number;
    storedMessageChars: number;
    longestMessageChars: number;
  };
  /** Every difference in rows per table and per status besides the attempt's own records. */
  changes: string[];
  /** No change but the attempt's own records (false for the valid file, which applies). */
  changedNothing: boolean;
  error?: string;
}

export function healthFigures(samples: readonly { ms: number; ok: boolean }[]): HealthFigures {
  const times = samples.map((s) => s.ms);
  return {
    polls: samples.length,
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    maxMs: round(times.length ? Math.max(...times) : null),
    failed: samples.filter((s) => !s.ok).length,
  };
}

/**
 * Rows per table and per status after a case against before, leaving out the attempt's own
 * records: its Upload rows, their UploadRows, and the Upload audit rows (`attemptAudit`).
 */
export function changesBesidesAttempt(
  before: Record<string, number>,
  after: Record<string, number>,
  attemptAudit: number,
): string[] {
  const own = new Set(["Upload", "UploadRow"]);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: string[] = [];
  for (const key of keys) {
    if (own.has(key)) continue;
    const delta = (after[key] ?? 0) - (before[key] ?? 0) - (key === "AuditLog" ? attemptAudit : 0);
    if (delta !== 0) changes.push(`${key} ${delta > 0 ? "+" : ""}${delta}`);
  }
  return changes;
}

/** The top-level figures: the slowest answer of the cases sent at full speed, and health's p95 over every poll. */
export function hostileSummary(results: readonly HostileUploadResult[], healthTimesMs: readonly number[]) {
  const fast = results.filter((r) => !r.sentSlowly && r.answerMs !== null).map((r) => r.answerMs!);
  return {
    hostileUploadMaxAnswerMs: round(fast.length ? Math.max(...fast) : null),
    healthDuringUploadsP95Ms: round(percentile(healthTimesMs, 95)),
  };
}

const ms = (v: number | null) =>
  v === null ? "-" : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`;
const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) ? 2 : 0)} MB` : `${Math.round(bytes / 1024)} KB`;

export function hostileTable(results: readonly HostileUploadResult[], summary: ReturnType<typeof hostileSummary>): string {
  const rows = results.map((r) => [
    `(${r.id}) ${r.label}`,
    size(r.fileBytes),
    size(r.attempt.uploads.reduce((sum, u) => sum + u.byteSize, 0)),
    r.status === null ? "-" : String(r.status),
    r.attempt.uploads.map((u) => u.status).join(",") || "-",
    ms(r.answerMs),
    r.sentSlowly ? ms(r.afterLastByteMs) : "",
    ms(r.health.p50Ms),
    ms(r.health.p95Ms),
    ms(r.health.maxMs),
    String(r.health.polls),
    String(r.attempt.uploadRows),
    r.changedNothing ? "nothing" : r.valid && r.status === 200 ? "applied, as meant" : r.changes.join(" ") || "-",
  ]);
  const header = [
    "hostile upload",
    "file",
    "read",
    "HTTP",
    "upload",
    "answer",
    "after last",
    "health p50",
    "p95",
    "max",
    "polls",
    "rows",
    "changed",
  ];
  const lines = [formatTable(header, rows), ""];
  for (const r of results) {
    lines.push(`(${r.id}) ${r.error ? `error: ${r.error}` : r.message}${r.firstError ? ` | ${r.firstError}` : ""}`);
  }
  const answer = summary.hostileUploadMaxAnswerMs;
  const health = summary.healthDuringUploadsP95Ms;
  lines.push(
    "",
    `slowest answer (cases sent at full speed): ${ms(answer)} (target under ${ms(ANSWER_TARGET_MS)}); ` +
      `/api/health p95 during the uploads: ${ms(health)} (target under ${ms(HEALTH_TARGET_MS)})`,
  );
  return lines.join("\n");
}
