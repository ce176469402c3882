// `--only hostile-uploads`: the hostile uploads of the issue, posted to the real route
// (POST /api/uploads/failed-payments) of a production build under `next start`, signed in as the
// bench's SSCL finance user, while /api/health is polled every 100 ms. Per case: the HTTP answer
// and its time, health's p50, p95 and max, the server's resident set, and what the attempt left
// in the database (it must change nothing but its own Upload record). The corpus tests prove the
// answers and the bounded work; this measures the time. What the cases are: bench/README.md.
import { randomBytes } from "node:crypto";
import { mkdir, open } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { hashPassword } from "../../lib/auth/password.ts";
import { hostileCases, multipartBody, type HostileCase } from "./hostile-bodies.mts";
import { pollHealth, postBody } from "./hostile-http.mts";
import {
  changesBesidesAttempt,
  healthFigures,
  hostileSummary,
  type HealthFigures,
  type HostileUploadResult,
} from "./hostile-report.mts";
import { ensureBuild, freePort, portalEnv, signIn, startPortal, type Portal } from "./hostile-server.mts";
import { SSCL_EMAIL } from "./measure-upload.mts";
import type { Templates } from "./prepare.mts";
import type { BenchServer } from "./server.mts";
import { connect, tableCounts } from "./step-support.mts";

/** The server's size limit for the run: small, so case (d) is quick to send. */
export const HOSTILE_UPLOAD_MAX_MB = 8;
const ROUTE = "/api/uploads/failed-payments";
/** The form field the route reads the file from (FILE_FIELD in app/api/uploads/upload-handler.ts, which is server-only). */
const FILE_FIELD = "file";
const MESSAGE_CHARS = 200;
/** Health polled with no upload running, for comparison. */
const IDLE_MS = 3_000;

export interface HostileFigures {
  hostileUploads: HostileUploadResult[];
  hostileUploadMaxAnswerMs: number | null;
  healthDuringUploadsP95Ms: number | null;
  hostileUploadSetup: {
    measuredAt: string;
    /** The bench's N: payments sent, lines in the failed-payments file the valid cases come from. */
    n: number;
    build: string;
    uploadMaxMb: number;
    healthIdle: HealthFigures;
    /** A one-line file posted first, so no case pays for the route's first load. */
    warmUpMs: number | null;
    serverIdleRssMB: number | null;
  };
}

/** The first lines of SSCL's failed-payments file (the cases need a few hundred, not N). */
async function firstLines(file: string, bytes = 512 * 1024): Promise<string[]> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    const lines = buffer.subarray(0, bytesRead).toString("utf8").split("\n");
    if (bytesRead === bytes) lines.pop(); // cut mid-line
    return lines.filter((line) => line !== "");
  } finally {
    await handle.close();
  }
}

const cut = (text: string) => (text.length > MESSAGE_CHARS ? `${text.slice(0, MESSAGE_CHARS - 1)}…` : text);

/** The answer's message and first listed error, whatever shape the answer has. */
function readAnswer(body: string): { message: string; firstError: string | null } {
  try {
    const json = JSON.parse(body) as {
      result?: { message?: string; data?: { errors?: { message: string }[] } };
      error?: string;
    };
    const message = json.result?.message ?? json.error ?? body;
    const first = json.result?.data?.errors?.[0]?.message;
    return { message: cut(message), firstError: first === undefined ? null : cut(first) };
  } catch {
    return { message: cut(body.trim() || "(empty answer)"), firstError: null };
  }
}

/** The Upload rows an attempt made (those not in `known`), their rows, messages and audit rows. */
async function attemptRecords(client: pg.Client, known: readonly string[]) {
  const uploads = await client.query<{ id: string; status: string; byteSize: number; rowCount: number; errors: number }>(
    `SELECT id, status::text, "byteSize", "rowCount", errors FROM "Upload" WHERE NOT id = ANY($1::uuid[]) ORDER BY "uploadedAt"`,
    [known],
  );
  const ids = uploads.rows.map((u) => u.id);
  const rows = await client.query<{ n: number; chars: number; longest: number }>(
    `SELECT count(*)::int AS n, coalesce(sum(length(message)), 0)::int AS chars, coalesce(max(length(message)), 0)::int AS longest
     FROM "UploadRow" WHERE "uploadId" = ANY($1::uuid[])`,
    [ids],
  );
  const audit = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "AuditLog" WHERE "entityType" = 'Upload' AND "entityId" = ANY($1::text[])`,
    [ids],
  );
  return {
    uploads: uploads.rows.map(({ status, byteSize, rowCount, errors }) => ({ status, byteSize, rowCount, errors })),
    uploadRows: rows.rows[0].n,
    storedMessageChars: rows.rows[0].chars,
    longestMessageChars: rows.rows[0].longest,
    audit: audit.rows[0].n,
  };
}

async function runCase(
  hostile: HostileCase,
  context: { portal: Portal; cookie: string; client: pg.Client; healthTimes: number[] },
): Promise<HostileUploadResult> {
  const { portal, cookie, client } = context;
  const before = await tableCounts(client);
  const known = (await client.query<{ id: string }>(`SELECT id FROM "Upload"`)).rows.map((r) => r.id);
  const { body, contentType } = multipartBody({
    field: FILE_FIELD,
    fileName: hostile.fileName,
    file: hostile.file,
    boundary: `----disburse-bench-${randomBytes(12).toString("hex")}`,
  });
  let peakRss = portal.rssMB();
  const poller = pollHealth(`${portal.url}/api/health`, () => {
    const rss = portal.rssMB();
    if (rss !== null) peakRss = Math.max(peakRss ?? 0, rss);
  });
  const answer = await postBody({
    url: `${portal.url}${ROUTE}`,
    headers: { Cookie: cookie, "Content-Type": contentType, Accept: "application/json" },
    body,
    trickle: hostile.trickle,
  });
  const samples = await poller.stop();
  context.healthTimes.push(...samples.map((s) => s.ms));
  const after = await tableCounts(client);
  const records = await attemptRecords(client, known);
  const changes = changesBesidesAttempt(before, after, records.audit);
  const { message, firstError } = answer.error ? { message: "", firstError: null } : readAnswer(answer.body);
  const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    id: hostile.id,
    label: hostile.label,
    fileBytes: hostile.file.length,
    bodyBytes: body.length,
    sentSlowly: hostile.trickle !== undefined,
    valid: hostile.valid ?? false,
    status: answer.status,
    message,
    firstError,
    answerMs: round1(answer.answerMs),
    afterLastByteMs: round1(answer.afterLastByteMs),
    bytesWrittenAtAnswer: answer.bytesWrittenAtAnswer,
    health: healthFigures(samples),
    serverPeakRssMB: round1(peakRss),
    attempt: {
      uploads: records.uploads,
      uploadRows: records.uploadRows,
      storedMessageChars: records.storedMessageChars,
      longestMessageChars: records.longestMessageChars,
    },
    changes,
    changedNothing: changes.length === 0,
    ...(answer.error ? { error: `${answer.error}; server: ${portal.output().trim().split("\n").slice(-3).join(" | ")}` } : {}),
  };
}

/**
 * Builds (or reuses the build), starts the portal on a copy of the sent template, signs in and
 * posts every case. The server and the copy are gone afterwards, whatever happened.
 */
export async function measureHostileUploads(options: {
  server: BenchServer;
  templates: Templates;
  n: number;
  workDir: string;
  log: (m: string) => void;
}): Promise<HostileFigures> {
  const { server, templates, workDir, log } = options;
  const measuredAt = new Date().toISOString();
  if (!templates.sentDb || !templates.uploadFile) throw new Error("the hostile uploads need the sent template and its file");
  const db = `${server.prefix}_hostile`;
  await server.create(db, templates.sentDb);
  const client = await connect(server.url(db));
  let portal: Portal | undefined;
  try {
    const password = randomBytes(18).toString("base64url");
    await client.query(`UPDATE "User" SET "passwordHash" = $1, "mustChangePassword" = false WHERE id = $2`, [
      await hashPassword(password),
      templates.ssclUserId,
    ]);
    const lines = await firstLines(templates.uploadFile);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const files = path.join(workDir, "hostile-files");
    await mkdir(files, { recursive: true });
    const env = portalEnv({
      DISBURSE_MODE: "production",
      DATABASE_URL: server.url(db),
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      BANK_DETAILS_KEY: templates.keyBase64,
      BANK_DETAILS_LOOKUP_KEY: Buffer.alloc(32, 6).toString("base64"),
      CRON_SECRET: randomBytes(32).toString("base64url"),
      AUTH_URL: url,
      APP_HOST: "127.0.0.1",
      PORT: String(port),
      FILE_STORE_DIR: files,
      UPLOAD_MAX_MB: String(HOSTILE_UPLOAD_MAX_MB),
      LOG_LEVEL: "warn",
    });
    const build = await ensureBuild(env, log);
    portal = await startPortal(env, port, log);
    const cookie = await signIn(url, SSCL_EMAIL, password);
    log(`signed in as ${SSCL_EMAIL}`);

    // The route's modules load on its first request: a small refused file takes that cost.
    const warmUp = multipartBody({
      field: FILE_FIELD,
      fileName: "warm-up.csv",
      file: Buffer.from("1,2,3\n"),
      boundary: "warm-up",
    });
    const warmed = await postBody({
      url: `${url}${ROUTE}`,
      headers: { Cookie: cookie, "Content-Type": warmUp.contentType, Accept: "application/json" },
      body: warmUp.body,
    });
    if (warmed.status !== 422)
      throw new Error(`the warm-up upload answered ${warmed.status ?? warmed.error}: ${warmed.body.slice(0, 200)}`);

    const idle = pollHealth(`${url}/api/health`, () => undefined);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const healthIdle = healthFigures(await idle.stop());
    const serverIdleRssMB = portal.rssMB();
    log(`health with nothing running: p50 ${healthIdle.p50Ms} ms, p95 ${healthIdle.p95Ms} ms over ${healthIdle.polls} polls`);

    const healthTimes: number[] = [];
    const results: HostileUploadResult[] = [];
    for (const hostile of hostileCases({ lines, maxBytes: HOSTILE_UPLOAD_MAX_MB * 1024 * 1024 })) {
      const result = await runCase(hostile, { portal, cookie, client, healthTimes });
      results.push(result);
      log(
        `hostile (${hostile.id}) ${hostile.label}: HTTP ${result.status ?? "-"} in ${result.answerMs ?? "-"} ms, ` +
          `health p95 ${result.health.p95Ms} ms, ${result.changedNothing ? "changed nothing" : `changed: ${result.changes.join(", ")}`}`,
      );
    }
    return {
      hostileUploads: results,
      ...hostileSummary(results, healthTimes),
      hostileUploadSetup: {
        measuredAt,
        n: options.n,
        build: build.reason,
        uploadMaxMb: HOSTILE_UPLOAD_MAX_MB,
        healthIdle,
        warmUpMs: warmed.answerMs === null ? null : Math.round(warmed.answerMs),
        serverIdleRssMB: serverIdleRssMB === null ? null : Math.round(serverIdleRssMB * 10) / 10,
      },
    };
  } finally {
    await portal?.stop();
    await client.end();
    await server.drop(db);
  }
}
