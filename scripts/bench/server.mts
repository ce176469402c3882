// The PostgreSQL the bench runs on: the one in DATABASE_URL (local only), or its own embedded one
// (.data/pg-bench, port 54349 or BENCH_PG_PORT), never the demo or test database. Every database
// the bench makes is named `<prefix>_…` and dropped at the end.
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../lib/embedded-postgres.mts";
import { root } from "../lib/run-command.mts";
import { assertLocalDatabase, databaseName, databaseUrl } from "./local-database.mts";

export const BENCH_PG_PORT = 54349;

export interface BenchServer {
  kind: "embedded" | "DATABASE_URL";
  version: string;
  prefix: string;
  url: (database: string) => string;
  /** A fresh database, empty or copied from `template` (which must have no connections). */
  create: (name: string, template?: string) => Promise<void>;
  drop: (name: string) => Promise<void>;
  /** Drops every database named `<prefix>_…` but those in `keep`. */
  dropAll: (keep?: readonly string[]) => Promise<void>;
  /** The database's comment (null when it has none or does not exist), and setting it. */
  comment: (name: string) => Promise<string | null>;
  setComment: (name: string, text: string) => Promise<void>;
  stop: () => Promise<void>;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function embeddedPort(): number {
  const setting = process.env.BENCH_PG_PORT?.trim();
  const port = Number(setting || BENCH_PG_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`BENCH_PG_PORT must be a port number from 1 to 65535, got "${setting}"`);
  }
  return port;
}

export async function openBenchServer(log: (m: string) => void): Promise<BenchServer> {
  const given = process.env.DATABASE_URL?.trim();
  let adminUrl: string;
  let prefix: string;
  let stop = async () => {};
  if (given) {
    assertLocalDatabase(given);
    adminUrl = given;
    prefix = `${databaseName(given) ?? "disburse"}_bench`;
  } else {
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(root, ".data", "pg-bench"),
      port: embeddedPort(),
      portSetting: "BENCH_PG_PORT",
      databases: [],
      log,
    });
    adminUrl = embedded.url("postgres");
    prefix = "disburse_bench";
    stop = embedded.stop;
  }
  const admin = <T,>(fn: (c: pg.Client) => Promise<T>) => withClient(adminUrl, fn);
  const { version, versionNum } = await admin(async (c) => {
    const { rows } = await c.query<{ v: string; n: string }>(
      "SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n",
    );
    return { version: rows[0].v, versionNum: Number(rows[0].n) };
  });
  // FILE_COPY (PostgreSQL 15+) copies the template's files as they are: far faster than the
  // default WAL_LOG for a database of a million claims.
  const strategy = versionNum >= 150000 ? " STRATEGY FILE_COPY" : "";
  const own = (name: string) => {
    if (!name.startsWith(`${prefix}_`)) throw new Error(`bench databases are named ${prefix}_…, not ${name}`);
    return name;
  };

  return {
    kind: given ? "DATABASE_URL" : "embedded",
    version,
    prefix,
    url: (database) => databaseUrl(adminUrl, database),
    create: (name, template) =>
      admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(own(name))} WITH (FORCE)`);
        const from = template ? ` TEMPLATE ${c.escapeIdentifier(own(template))}${strategy}` : "";
        await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}${from}`);
      }),
    drop: (name) => admin((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(own(name))} WITH (FORCE)`)).then(() => {}),
    dropAll: (keep = []) =>
      admin(async (c) => {
        const { rows } = await c.query<{ datname: string }>(
          "SELECT datname FROM pg_database WHERE left(datname, length($1)) = $1 AND NOT datname = ANY($2::text[])",
          [`${prefix}_`, keep],
        );
        for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(datname)} WITH (FORCE)`);
      }),
    comment: (name) =>
      admin(async (c) => {
        const { rows } = await c.query<{ comment: string | null }>(
          "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
          [own(name)],
        );
        return rows[0]?.comment ?? null;
      }),
    setComment: (name, text) =>
      admin((c) => c.query(`COMMENT ON DATABASE ${c.escapeIdentifier(own(name))} IS ${c.escapeLiteral(text)}`)).then(() => {}),
    stop,
  };
}
