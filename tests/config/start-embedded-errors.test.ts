// `npm start` in demo mode when the embedded PostgreSQL cannot start: one sentence naming the
// cause and the fix on stderr, no stack trace, exit code 1. Each case points the start at a
// temporary data folder (EMBEDDED_PG_DATA_DIR) and passes the demo secrets, so nothing in the
// project's .data is touched; none of them gets as far as starting PostgreSQL.
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFolder(mode: number) {
  const dir = mkdtempSync(path.join(tmpdir(), "disburse-start-"));
  chmodSync(dir, mode);
  made.push(dir);
  return dir;
}

/** Runs the start script as `npm start` does, in demo mode, and collects what it printed. */
function start(env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) =>
        !/^(DATABASE_URL|DISBURSE_MODE|AUTH_SECRET|BANK_DETAILS_KEY|BANK_DETAILS_LOOKUP_KEY|CRON_SECRET|EMBEDDED_PG_\w+)$/.test(
          k,
        ),
    ),
  );
  const secrets: Record<string, string> = {
    AUTH_SECRET: "a".repeat(43),
    BANK_DETAILS_KEY: Buffer.alloc(32, 7).toString("base64"),
    BANK_DETAILS_LOOKUP_KEY: Buffer.alloc(32, 6).toString("base64"),
    CRON_SECRET: "c".repeat(43),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["scripts/start.mts"], {
      cwd: root,
      env: { ...clean, ...secrets, ...env } as NodeJS.ProcessEnv,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** stderr, less any warning Node.js itself prints, must be exactly the one sentence. */
function expectOneSentence(run: { status: number | null; stderr: string }, sentence: string) {
  const lines = run.stderr.split("\n").filter((l) => l.trim() && !/^\(node:\d+\)|--trace-warnings/.test(l));
  expect(lines).toEqual([sentence]);
  expect(run.stderr).not.toContain("    at ");
  expect(run.status).toBe(1);
}

describe("npm start when the embedded PostgreSQL cannot start", () => {
  it("names a taken port and the setting that changes it", async () => {
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, "127.0.0.1", r));
    const port = (holder.address() as net.AddressInfo).port;
    const dataDir = path.join(tempFolder(0o755), "pg");
    try {
      const run = await start({ EMBEDDED_PG_PORT: String(port), EMBEDDED_PG_DATA_DIR: dataDir });
      expectOneSentence(
        run,
        `Port ${port} is already in use by another program, so the embedded PostgreSQL cannot listen on it: stop that program or choose another port with EMBEDDED_PG_PORT (for example EMBEDDED_PG_PORT=${port + 1} npm start).`,
      );
      expect(existsSync(dataDir)).toBe(false); // checked before anything is made
    } finally {
      await new Promise((r) => holder.close(r));
    }
  });

  it("names both versions when the data folder was made by another PostgreSQL major version", async () => {
    const dataDir = path.join(tempFolder(0o755), "pg");
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, "PG_VERSION"), "15\n");
    const run = await start({ EMBEDDED_PG_PORT: "1", EMBEDDED_PG_DATA_DIR: dataDir });
    expectOneSentence(
      run,
      `The data folder ${dataDir} was made by PostgreSQL 15, but the embedded PostgreSQL is version 17: delete or move ${dataDir} (it holds only demo data) and run npm start again to make a fresh one.`,
    );
  });

  it.runIf(process.getuid?.() === 0)(
    "as root, names a folder the postgres user cannot enter and says where to move the project",
    async () => {
      const parent = tempFolder(0o700); // owned by root, closed to everyone else, like /root
      const dataDir = path.join(parent, "pg");
      const run = await start({ EMBEDDED_PG_PORT: "1", EMBEDDED_PG_DATA_DIR: dataDir });
      expectOneSentence(
        run,
        `Run as root, the embedded PostgreSQL runs as the user "postgres", which cannot enter ${parent}: move the project to a folder every user can read, such as /srv or /opt, or run npm start as a normal user.`,
      );
      expect(existsSync(dataDir)).toBe(false);
    },
  );
});
