// The real entry point, `npm run ops` (node --import tsx scripts/ops.mts), as a child process: the
// exit codes a script sees, stdout and stderr kept apart, and the audit row naming the OS user.
import { execFile } from "node:child_process";
import { userInfo } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "@/lib/ops/ops-command";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import type { RouteEnv } from "../support/fresh-routes";
import { opsAuditRows, opsEnv } from "./ops-test-support";

const { db, url } = useTestDatabase();
const key = Buffer.alloc(32, 9);
const root = path.resolve(import.meta.dirname, "../..");

/** `npm run ops -- <argv>` as package.json runs it, with these settings (undefined: unset). */
function cli(argv: string[], env: RouteEnv): Promise<{ code: number; out: string; err: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[name];
    else childEnv[name] = value;
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "scripts/ops.mts", ...argv],
      { cwd: root, env: childEnv, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, out: stdout.trimEnd(), err: stderr.trimEnd() });
      },
    );
  });
}

const env = () => opsEnv(url(), key);

describe("npm run ops (child process)", () => {
  it("--help needs no database and exits 0; an unknown command exits 2 on stderr", async () => {
    const help = await cli(["--help"], { DATABASE_URL: undefined });
    expect([help.code, help.err]).toEqual([EXIT.OK, ""]);
    expect(help.out).toContain("Usage: npm run ops -- <command> [options] --as <email>");
    expect(help.out).toContain("  undelivered-batches  ");
    const commandHelp = await cli(["run-now", "--help"], { DATABASE_URL: undefined });
    expect(commandHelp.code).toBe(EXIT.OK);
    expect(commandHelp.out).toMatch(/^Usage: npm run ops -- run-now bank\|payout/);

    const unknown = await cli(["frobnicate", "--as", "x@y.test"], env());
    expect([unknown.code, unknown.out]).toEqual([EXIT.USAGE, ""]);
    expect(unknown.err).toContain('There is no command "frobnicate".');
    expect(await opsAuditRows(db())).toEqual([]);
  });

  it("without DATABASE_URL a command exits 1 saying so", async () => {
    const { code, err } = await cli(["stuck-runs", "--as", "x@y.test"], { ...env(), DATABASE_URL: undefined });
    expect(code).toBe(EXIT.FAILED);
    expect(err).toBe("DATABASE_URL is not set: the database of the portal the command works on. Nothing was done.");
  });

  it("acts as the --as user and audits the operating-system user who ran it; refuses a disabled one with 3", async () => {
    const finance = await makeUser(db(), { role: "SSCL_FINANCE" });
    const { code, out, err } = await cli(["stuck-runs", "--as", finance.email], env());
    expect([code, err]).toEqual([EXIT.OK, ""]);
    expect(out).toBe("No stuck runs: none is RUNNING past its lease and no failed run is waiting.");
    const osUser = userInfo().username;
    expect((await opsAuditRows(db())).at(-1)).toMatchObject({
      actorId: finance.id,
      actorLabel: `${finance.email} via ops (os user: ${osUser})`,
      action: "ops.stuck-runs",
      after: { osUser, exitCode: 0 },
    });

    const disabled = await makeUser(db(), { role: "SSCL_FINANCE", disabled: true });
    const refused = await cli(["stuck-runs", "--as", disabled.email], env());
    expect([refused.code, refused.out]).toEqual([EXIT.NOT_PERMITTED, ""]);
    expect(refused.err).toBe(`${disabled.email}'s account is disabled. Nothing was done.`);
  });

  it("runs the portal's services (marked server-only) in a plain Node process: run-now bank", async () => {
    const finance = await makeUser(db(), { role: "SSCL_FINANCE" });
    const { code, out, err } = await cli(["run-now", "bank", "--as", finance.email], env());
    expect([code, err]).toEqual([EXIT.OK, ""]);
    expect(out).toMatch(/^Bank run [0-9a-f-]{36}: no bank payments were waiting\. No files were made\.$/);
    expect(await db().run.findFirstOrThrow({ where: { kind: "DIRECT_PAYMENTS" } })).toMatchObject({
      status: "EMPTY",
      triggeredBy: finance.email,
    });
  });
});
