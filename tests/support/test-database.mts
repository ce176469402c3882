// Test databases: one migrated template per test run, then a cheap copy per test file
// (CREATE DATABASE ... TEMPLATE). Without DATABASE_URL the suite runs its own embedded
// PostgreSQL (port 54339, .data/pg-test), so the demo data is never touched. The template is
// migrated as the server's own user, who owns the tables; tests that must act as the portal does,
// with only the rights of disburse_app, connect through appUrl() (docs/security.md#database-roles).
import path from "node:path";
import pg from "pg";
import { urlAsRole } from "../../scripts/lib/app-database-role.mts";
import { ensureAppLogin } from "../../scripts/lib/database-roles.mts";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../scripts/lib/embedded-postgres.mts";
import { migrate } from "../../scripts/lib/migrate.mts";
import { root } from "../../scripts/lib/run-command.mts";

export const TEST_PG_PORT = 54339;

/**
 * The login role in disburse_app that tests and the end-to-end portal use. Roles belong to the whole
 * server, so every run shares this one: a fixed name and password, reset by each run's set-up.
 */
const TEST_APP_ROLE = { login: "disburse_test_app", password: "disburse-test-app" };

/** The same database, signed in as the test server's app role (a member of disburse_app only). */
export function appUrl(databaseUrl: string): string {
  return urlAsRole(databaseUrl, TEST_APP_ROLE);
}

export type TestServer = {
  /** URL of a database on the test server. */
  url: (database: string) => string;
  template: string;
  prefix: string;
  embedded?: EmbeddedServer;
};

function urlFor(base: string, database: string): string {
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Destructive set-up only ever runs against a database on this machine. */
export function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host))
    throw new Error(`refusing to create and drop test databases on ${host}: tests only run against a local PostgreSQL`);
}

export async function admin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, name: string) {
  await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
}

export async function copyDatabase(serverUrl: string, template: string, name: string) {
  await admin(serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} TEMPLATE ${c.escapeIdentifier(template)}`);
  });
}

export async function prepareTestServer(log: (m: string) => void): Promise<TestServer> {
  let embedded: EmbeddedServer | undefined;
  let base = process.env.DATABASE_URL;
  if (!base) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(root, ".data", "pg-test"),
      port: TEST_PG_PORT,
      databases: [],
      log,
    });
    base = embedded.url("postgres");
    log(`embedded PostgreSQL ${embedded.version} for tests on 127.0.0.1:${TEST_PG_PORT}`);
  }
  assertLocal(base);
  // Names derive from the run's own database in CI (disburse_ci_<random>), so parallel runs never meet.
  const prefix = `${embedded ? "disburse_test" : new URL(base).pathname.slice(1) || "disburse_test"}_${process.pid}`;
  const template = `${prefix}_tpl`;
  const serverUrl = urlFor(base, "postgres");
  await admin(serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(template)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${c.escapeIdentifier(template)}`);
  });
  log("migrating the test template database");
  await migrate(urlFor(base, template), log);
  await ensureAppLogin(serverUrl, TEST_APP_ROLE);
  return { url: (database) => urlFor(base!, database), template, prefix, embedded };
}

/** Drops every database this run made. */
export async function cleanupTestServer(server: TestServer) {
  await admin(server.url("postgres"), async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
      `${server.prefix}%`,
    ]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(datname)} WITH (FORCE)`);
  });
  await server.embedded?.stop();
}
