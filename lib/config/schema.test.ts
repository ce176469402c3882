import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./schema";

const key = Buffer.alloc(32, 7).toString("base64");
const secrets = { AUTH_SECRET: "a".repeat(40), BANK_DETAILS_KEY: key };

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe("parseConfig", () => {
  it("defaults to production when a database is given, and names every missing secret", () => {
    expect(problems({ DATABASE_URL: "postgresql://db/x" })).toEqual(["AUTH_SECRET is required", "BANK_DETAILS_KEY is required"]);
  });

  it("defaults to demo without a database, but still needs the database URL the start script provides", () => {
    expect(problems({ ...secrets })).toEqual(["DATABASE_URL is required"]);
  });

  it("rejects a bank-details key that is not 32 bytes", () => {
    expect(problems({ DATABASE_URL: "postgresql://db/x", AUTH_SECRET: "a".repeat(40), BANK_DETAILS_KEY: "c2hvcnQ=" })).toEqual([
      "BANK_DETAILS_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)",
    ]);
  });

  it("rejects an unknown mode by name", () => {
    expect(problems({ DISBURSE_MODE: "staging" })).toEqual(['DISBURSE_MODE must be "demo" or "production", got "staging"']);
  });

  it("fills the documented defaults", () => {
    const config = parseConfig({ DATABASE_URL: "postgresql://db/x", ...secrets });
    expect(config).toMatchObject({
      mode: "production",
      port: 3000,
      appHost: "127.0.0.1",
      authUrl: "http://127.0.0.1:3000",
      fileStoreDir: ".data/files",
      cronSecret: undefined,
      logLevel: "info",
    });
  });

  it("derives AUTH_URL from PORT and APP_HOST", () => {
    const config = parseConfig({ DATABASE_URL: "postgresql://db/x", ...secrets, PORT: "4000", APP_HOST: "0.0.0.0" });
    expect(config.authUrl).toBe("http://0.0.0.0:4000");
  });

  it("treats a short cron secret as an error rather than silently accepting it", () => {
    expect(problems({ DATABASE_URL: "postgresql://db/x", ...secrets, CRON_SECRET: "short" })).toEqual([
      "CRON_SECRET must be at least 32 characters",
    ]);
  });
});
