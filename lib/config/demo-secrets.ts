import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Env } from "./schema";

const GENERATED = {
  AUTH_SECRET: () => randomBytes(32).toString("base64url"),
  BANK_DETAILS_KEY: () => randomBytes(32).toString("base64"),
  BANK_DETAILS_LOOKUP_KEY: () => randomBytes(32).toString("base64"),
  CRON_SECRET: () => randomBytes(32).toString("base64url"),
} as const;

/**
 * Demo mode only: secrets that were not given are generated once and kept in
 * `.data/secrets.json`, so restarts keep sessions and can still decrypt the demo bank details.
 * Returns the names it filled in.
 */
export function applyDemoSecrets(env: Env, dataDir: string): string[] {
  const file = path.join(dataDir, "secrets.json");
  const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const filled: string[] = [];
  let changed = false;
  for (const [name, make] of Object.entries(GENERATED)) {
    if (env[name]?.trim()) continue;
    if (!stored[name]) {
      stored[name] = make();
      changed = true;
    }
    env[name] = stored[name];
    filled.push(name);
  }
  if (changed) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2) + "\n", { mode: 0o600 });
  }
  return filled;
}

/**
 * The password of the embedded PostgreSQL's login role for the portal (docs/security.md#database-roles),
 * generated once and kept beside the other demo secrets in `.data/secrets.json`. Not a setting: only
 * `npm start` uses it, to make the role and the portal's DATABASE_URL.
 */
export function demoDatabasePassword(dataDir: string): string {
  const file = path.join(dataDir, "secrets.json");
  const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  if (stored.DATABASE_APP_PASSWORD) return stored.DATABASE_APP_PASSWORD;
  stored.DATABASE_APP_PASSWORD = randomBytes(24).toString("base64url");
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(stored, null, 2) + "\n", { mode: 0o600 });
  return stored.DATABASE_APP_PASSWORD;
}
