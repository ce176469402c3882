import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import type { RouteEnv } from "./fresh-routes";

type CronGet = (request: Request) => Promise<Response>;

/**
 * What every cron route needs in production mode: this file's database, a fresh sign-in secret,
 * the bank-details key, the cron secret and a local file store in a new folder (Azure unset).
 */
export function cronRouteEnv(options: { databaseUrl: string; key: Buffer; secret: string }): RouteEnv {
  const files = mkdtempSync(path.join(tmpdir(), "disburse-cron-"));
  chmodSync(files, 0o755);
  return {
    DISBURSE_MODE: "production",
    DATABASE_URL: options.databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    BANK_DETAILS_KEY: options.key.toString("base64"),
    BANK_DETAILS_LOOKUP_KEY: Buffer.alloc(32, 6).toString("base64"),
    CRON_SECRET: options.secret,
    FILE_STORE_DIR: files,
    AZURE_STORAGE_CONNECTION_STRING: undefined,
  };
}

/** A GET of a cron route, with this Authorization header when given. */
export function callCron(GET: CronGet, path: string, authorization?: string): Promise<Response> {
  return GET(new Request(`http://localhost${path}`, { headers: authorization ? { authorization } : {} }));
}

/**
 * The two tests every cron route must pass (withCron, lib/cron): with no CRON_SECRET configured it
 * answers 500; without the bearer secret, or with a wrong one, 401. Neither does anything
 * (`nothingDone` checks the route's own footprint).
 */
export function itChecksTheCronSecret(options: {
  path: string;
  load: (env: RouteEnv) => Promise<{ GET: CronGet }>;
  env: () => RouteEnv;
  secret: string;
  nothingDone: () => Promise<void>;
}): void {
  const { path, load, env, secret, nothingDone } = options;

  it("answers 500 and does nothing when no cron secret is configured", async () => {
    const { GET } = await load({ ...env(), CRON_SECRET: undefined });
    const response = await callCron(GET, path, `Bearer ${secret}`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: "cron secret not configured" });
    await nothingDone();
  });

  it("answers 401 and does nothing without the bearer secret or with a wrong one", async () => {
    const { GET } = await load(env());
    for (const authorization of [undefined, "Bearer wrong", secret, `Bearer ${secret}x`]) {
      expect((await callCron(GET, path, authorization)).status).toBe(401);
    }
    await nothingDone();
  });
}
