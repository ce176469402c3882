// `npm start` in production refuses to start without a virus scanner for documents, and names a
// malformed CLAMD_HOST, before it touches a database (docs/documents.md#virus-scanning).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/schema";

const root = path.resolve(import.meta.dirname, "../..");

const production = {
  DISBURSE_MODE: "production",
  DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere",
  AUTH_SECRET: "x".repeat(40),
  BANK_DETAILS_KEY: randomBytes(32).toString("base64"),
  BANK_DETAILS_LOOKUP_KEY: randomBytes(32).toString("base64"),
};

function start(env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|DISBURSE_MODE|CLAMD_HOST)$/.test(k)),
  );
  return spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/start.mts"], {
    cwd: root,
    env: { ...clean, ...env } as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe("CLAMD_HOST", () => {
  it("is required by npm start in production", () => {
    const run = start(production);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("CLAMD_HOST is required in production");
    expect(run.stdout).not.toContain("PostgreSQL");
  });

  it("must be host:port", () => {
    expect(() => parseConfig({ ...production, CLAMD_HOST: "tcp://clamav:3310" })).toThrow(
      "CLAMD_HOST must be host:port, e.g. 127.0.0.1:3310",
    );
    expect(parseConfig({ ...production, CLAMD_HOST: "clamav.internal:3310" }).clamdHost).toBe("clamav.internal:3310");
    expect(parseConfig({ ...production, CLAMD_HOST: " " }).clamdHost).toBeUndefined();
  });

  it("comes with DOCUMENT_MAX_MB, 10 by default, 1 to 100", () => {
    expect(parseConfig(production).documentMaxMb).toBe(10);
    expect(parseConfig({ ...production, DOCUMENT_MAX_MB: "25" }).documentMaxMb).toBe(25);
    expect(() => parseConfig({ ...production, DOCUMENT_MAX_MB: "500" })).toThrow("DOCUMENT_MAX_MB must be at most 100");
  });
});
