// `npm run ops -- <command> [options] --as <email>`: the application support team's CLI
// (docs/support-cli.md). The work is lib/ops/run-ops.ts, which tests call in-process; this entry
// only wires it to the process: the database in DATABASE_URL, the OS user, stdout and stderr, and
// the exit code. Needs the portal's settings as `npm start` has them (in demo mode, the generated
// secrets in .data/secrets.json are used when the environment does not give them).
import { existsSync } from "node:fs";
import Module, { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { applyDemoSecrets } from "../lib/config/demo-secrets.ts";
import { resolveMode } from "../lib/config/schema.ts";
import { root } from "./lib/run-command.mts";

/**
 * The commands run the portal's own services, some marked `server-only`: a guard for client
 * bundles that throws in any plain Node process. This is server code, so, as the demo seed and
 * vitest do, it gets the package's no-op instead.
 */
function allowServerOnlyModules(): void {
  const require = createRequire(import.meta.url);
  const id = require.resolve("server-only");
  require.cache[id] = Object.assign(new Module(id), { filename: id, loaded: true, exports: {} });
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    // No passwd entry (a container's arbitrary uid): the uid is still who it was.
    return `uid ${process.getuid?.() ?? "unknown"}`;
  }
}

const argv = process.argv.slice(2);
const wantsHelpOnly = argv.length === 0 || argv.includes("--help") || argv.includes("-h") || argv[0] === "help";
if (!process.env.DATABASE_URL && !wantsHelpOnly) {
  console.error("DATABASE_URL is not set: the database of the portal the command works on. Nothing was done.");
  process.exit(1);
}
try {
  const dataDir = path.join(root, ".data");
  if (resolveMode(process.env) === "demo" && existsSync(path.join(dataDir, "secrets.json")))
    applyDemoSecrets(process.env, dataDir);
} catch {
  // A bad DISBURSE_MODE is reported by the command that reads the settings.
}

// The portal's JSON logs go to stdout: with --json, stdout must be the one JSON document a script
// parses, so they are silenced (a run's error is still in its summary and on /runs).
if (argv.includes("--json")) process.env.LOG_LEVEL = "silent";

allowServerOnlyModules();
const { runOps } = await import("../lib/ops/run-ops.ts");
const { opsCommandList } = await import("../lib/ops/commands/index.ts");
const { prisma } = await import("../lib/db/index.ts");
const { poolOf } = await import("../lib/db/create-db.ts");

let code: number;
try {
  code = await runOps(argv, {
    db: prisma,
    commands: opsCommandList,
    osUser: osUser(),
    now: () => new Date(),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
} catch (error) {
  // The audit row could not be written, or the database is down: say so, and fail.
  console.error(`The command could not finish: ${error instanceof Error ? error.message : String(error)}`);
  code = 1;
} finally {
  await prisma.$disconnect().catch(() => undefined);
  await poolOf(prisma)
    .end()
    .catch(() => undefined);
}
process.exitCode = code;
