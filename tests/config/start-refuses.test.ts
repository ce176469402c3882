import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyDemoSecrets } from "@/lib/config/demo-secrets";

const root = path.resolve(import.meta.dirname, "../..");

function start(env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(DATABASE_URL|DISBURSE_MODE|AUTH_SECRET|BANK_DETAILS_KEY|BANK_DETAILS_LOOKUP_KEY|CRON_SECRET)$/.test(k),
    ),
  );
  return spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/start.mts"], {
    cwd: root,
    env: { ...clean, ...env } as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe("npm start", () => {
  it("refuses to start in production mode without its secrets, naming each one, before touching the database", () => {
    const run = start({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("cannot start");
    expect(run.stderr).toContain("AUTH_SECRET is required");
    expect(run.stderr).toContain("BANK_DETAILS_KEY is required");
    expect(run.stdout).not.toContain("PostgreSQL");
  });

  it("names a malformed setting", () => {
    const run = start({
      DISBURSE_MODE: "production",
      DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere",
      AUTH_SECRET: "x".repeat(40),
      BANK_DETAILS_KEY: "too-short",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("BANK_DETAILS_KEY must be 32 bytes");
  });
});

describe("demo secrets", () => {
  it("are generated once, kept in secrets.json, and reused on the next start", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "disburse-secrets-"));
    const first: Record<string, string | undefined> = {};
    expect(applyDemoSecrets(first, dir).sort()).toEqual([
      "AUTH_SECRET",
      "BANK_DETAILS_KEY",
      "BANK_DETAILS_LOOKUP_KEY",
      "CRON_SECRET",
    ]);
    expect(Buffer.from(first.BANK_DETAILS_KEY!, "base64")).toHaveLength(32);
    const second: Record<string, string | undefined> = {};
    applyDemoSecrets(second, dir);
    expect(second).toEqual(first);
    expect(JSON.parse(readFileSync(path.join(dir, "secrets.json"), "utf8")).AUTH_SECRET).toBe(first.AUTH_SECRET);
  });

  it("never replace a secret that was given", () => {
    const env: Record<string, string | undefined> = { AUTH_SECRET: "given-secret-given-secret-given-secret" };
    expect(applyDemoSecrets(env, mkdtempSync(path.join(tmpdir(), "disburse-secrets-")))).not.toContain("AUTH_SECRET");
    expect(env.AUTH_SECRET).toBe("given-secret-given-secret-given-secret");
  });
});
