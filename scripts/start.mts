// `npm start`: config check -> database -> migrations -> demo seed -> lookup-hash backfill -> (next build if needed) -> next start.
// DATABASE_URL unset: demo mode on an embedded PostgreSQL 17 (data in .data/pg, or EMBEDDED_PG_DATA_DIR;
// port 54329, or EMBEDDED_PG_PORT). If it cannot start, one sentence says why and what to do.
// Migrations run as MIGRATION_DATABASE_URL (unset: DATABASE_URL), the portal and the seed as DATABASE_URL;
// on the embedded PostgreSQL the portal gets a login role of its own in disburse_app.
// Ctrl-C / SIGTERM: stops Next, then PostgreSQL, then exits.
import { existsSync } from "node:fs";
import path from "node:path";
import { applyDemoSecrets, demoDatabasePassword } from "../lib/config/demo-secrets.ts";
import { ConfigError, parseConfig, resolveMode } from "../lib/config/schema.ts";
import { DEMO_APP_LOGIN } from "./lib/app-database-role.mts";
import { checkAppGroupRole, checkPortalConnection, ensureAppLogin } from "./lib/database-roles.mts";
import { EmbeddedPostgresError, startEmbeddedPostgres, takeOverSignals, type EmbeddedServer } from "./lib/embedded-postgres.mts";
import { migrate } from "./lib/migrate.mts";
import { bin, currentChild, root, runCommand, stopChild } from "./lib/run-command.mts";
import { DEFAULT_DEMO_PASSWORD, DEMO_USERS } from "../lib/demo/demo-users.ts";

const t0 = Date.now();
const log = (message: string) => console.log(`[start +${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}`);
const DATA_DIR = path.join(root, ".data");

let database: EmbeddedServer | undefined;
let shuttingDown = false;

async function shutdown(code: number, reason?: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (reason) log(`${reason}: shutting down`);
  await stopChild(currentChild());
  if (database) {
    await database.stop();
    log("PostgreSQL stopped");
  }
  process.exit(code);
}

function checkConfig(env: NodeJS.ProcessEnv) {
  try {
    return parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[start] cannot start: ${error.message}\nSee .env.example for every setting.`);
      process.exit(1);
    }
    throw error;
  }
}

function embeddedPort(setting: string | undefined): number {
  const port = Number(setting?.trim() || 54329);
  if (Number.isInteger(port) && port > 0 && port < 65536) return port;
  console.error(`[start] cannot start: EMBEDDED_PG_PORT must be a port number from 1 to 65535, got "${setting}".`);
  process.exit(1);
}

async function waitForHealth(url: string, stopped: () => boolean) {
  for (let i = 0; i < 600 && !shuttingDown && !stopped(); i++) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function main() {
  takeOverSignals((code, signal) => void shutdown(code, signal));
  // npm runs us under `sh -c`; a SIGTERM sent only to npm never reaches us, so losing our parent
  // counts as a shutdown request and PostgreSQL is not orphaned.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void shutdown(143, "parent process exited"), 500).unref();

  const mode = (() => {
    try {
      return resolveMode(process.env);
    } catch (error) {
      checkConfig(process.env);
      throw error;
    }
  })();
  if (mode === "demo") {
    const filled = applyDemoSecrets(process.env, DATA_DIR);
    if (filled.length) log(`demo mode: using generated ${filled.join(", ")} from .data/secrets.json`);
  }
  process.env.DISBURSE_MODE = mode;
  // Checked before anything starts, with a stand-in for the embedded database's URL.
  const config = checkConfig({ ...process.env, DATABASE_URL: process.env.DATABASE_URL || "postgresql://embedded/disburse" });
  // Production keeps no document unscanned (docs/documents.md#virus-scanning): say so now, not at the first upload.
  if (mode === "production" && !config.clamdHost) {
    console.error(
      "[start] cannot start: Invalid configuration:\n  - CLAMD_HOST is required in production (the virus scanner for documents)",
    );
    process.exit(1);
  }

  // Migrations run as the tables' owner, the portal as a role that cannot switch off the audit
  // log's guard (docs/security.md#database-roles).
  let ownerUrl: string;
  if (!process.env.DATABASE_URL) {
    const port = embeddedPort(process.env.EMBEDDED_PG_PORT);
    const dataDir = path.resolve(root, process.env.EMBEDDED_PG_DATA_DIR?.trim() || path.join(DATA_DIR, "pg"));
    database = await startEmbeddedPostgres({ dataDir, port, portSetting: "EMBEDDED_PG_PORT", databases: ["disburse"], log });
    ownerUrl = database.url("disburse");
    log(`embedded PostgreSQL ${database.version} on 127.0.0.1:${port}`);
  } else {
    ownerUrl = config.migrationDatabaseUrl ?? process.env.DATABASE_URL;
    log(
      `${mode} mode on the database in DATABASE_URL${config.migrationDatabaseUrl ? ", migrated as MIGRATION_DATABASE_URL" : ""}`,
    );
  }

  process.env.AUTH_URL = config.authUrl;
  process.env.AUTH_TRUST_HOST = "true";
  process.env.NEXT_TELEMETRY_DISABLED = "1";

  if (!existsSync(path.join(root, "lib/generated/prisma/client.ts"))) await runCommand(bin("prisma"), ["generate"]);
  await migrate(ownerUrl, log);
  if (database) {
    const role = { login: DEMO_APP_LOGIN, password: demoDatabasePassword(DATA_DIR) };
    process.env.DATABASE_URL = await ensureAppLogin(ownerUrl, role);
  } else {
    const missing = await checkAppGroupRole(ownerUrl);
    if (missing) console.warn(`[start] warning: ${missing}`);
  }
  for (const warning of await checkPortalConnection(process.env.DATABASE_URL!)) console.warn(`[start] warning: ${warning}`);
  // The seed and the portal get the portal's role only, never the owner's.
  delete process.env.MIGRATION_DATABASE_URL;
  if (mode === "demo") await runCommand(bin("tsx"), ["prisma/seed.mts"]);
  // The bank-details lookup hash for rows older than it, and the seed's (docs/security.md#a-checker-who-can-check).
  await runCommand(bin("tsx"), ["scripts/backfill-bank-lookup.mts"]);

  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(path.join(root, distDir, "BUILD_ID"))) {
    log("building the portal (first start only, about a minute)");
    await runCommand(bin("next"), ["build"]);
  }

  const url = `http://${config.appHost}:${config.port}`;
  log(`starting the portal on ${url}`);
  const server = runCommand(bin("next"), ["start", "-H", config.appHost, "-p", String(config.port)]);
  // A `next start` that dies at once is reported at once, not after the health wait runs out.
  let serverExited = false;
  server.then(
    () => (serverExited = true),
    () => (serverExited = true),
  );
  if (await waitForHealth(url, () => serverExited)) {
    console.log(`\nDisburse is running on ${url} (${mode} mode). Press Ctrl-C to stop.`);
    if (mode === "demo") {
      const password = process.env.DEMO_PASSWORD ? "the one in DEMO_PASSWORD" : DEFAULT_DEMO_PASSWORD;
      console.log(`Demo sign-ins (password ${password}):`);
      for (const user of DEMO_USERS) console.log(`  ${user.email.padEnd(34)} ${user.role}`);
    }
  }
  await server.then(
    () => shutdown(0),
    (error) => {
      if (!shuttingDown) console.error(`[start] ${error.message}`);
      return shutdown(1);
    },
  );
}

main().catch(async (error) => {
  if (shuttingDown) return;
  // The embedded PostgreSQL's failures are already one sentence with the fix: print it alone.
  if (error instanceof EmbeddedPostgresError) console.error(error.message);
  else console.error(`[start] failed: ${error instanceof Error ? error.message : error}`);
  await shutdown(1);
});
