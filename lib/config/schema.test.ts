import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./schema";

const key = Buffer.alloc(32, 7).toString("base64");
const lookupKey = Buffer.alloc(32, 8).toString("base64");
const secrets = { AUTH_SECRET: "a".repeat(40), BANK_DETAILS_KEY: key, BANK_DETAILS_LOOKUP_KEY: lookupKey };

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
    expect(problems({ DATABASE_URL: "postgresql://db/x" })).toEqual([
      "AUTH_SECRET is required",
      "BANK_DETAILS_KEY is required",
      "BANK_DETAILS_LOOKUP_KEY is required",
    ]);
  });

  it("defaults to demo without a database, but still needs the database URL the start script provides", () => {
    expect(problems({ ...secrets })).toEqual(["DATABASE_URL is required"]);
  });

  it("rejects a bank-details key that is not 32 bytes", () => {
    expect(problems({ DATABASE_URL: "postgresql://db/x", ...secrets, BANK_DETAILS_KEY: "c2hvcnQ=" })).toEqual([
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
    const config = parseConfig({ DATABASE_URL: "postgresql://db/x", ...secrets, PORT: "4000", APP_HOST: "localhost" });
    expect(config.authUrl).toBe("http://localhost:4000");
  });

  it("treats a short cron secret as an error rather than silently accepting it", () => {
    expect(problems({ DATABASE_URL: "postgresql://db/x", ...secrets, CRON_SECRET: "short" })).toEqual([
      "CRON_SECRET must be at least 32 characters",
    ]);
  });
});

describe("AUTH_URL in production", () => {
  const production = {
    DISBURSE_MODE: "production",
    DATABASE_URL: "postgresql://app@db.internal/disburse",
    AUTH_SECRET: "x".repeat(32),
    BANK_DETAILS_KEY: Buffer.alloc(32, 1).toString("base64"),
    BANK_DETAILS_LOOKUP_KEY: Buffer.alloc(32, 2).toString("base64"),
  };

  it("refuses plain http except on loopback", () => {
    expect(() => parseConfig({ ...production, AUTH_URL: "http://portal.example.gov.uk" })).toThrow(
      /AUTH_URL must be an https:\/\/ address in production \(got http:\/\/portal\.example\.gov\.uk\)/,
    );
    expect(parseConfig({ ...production, AUTH_URL: "https://portal.example.gov.uk" }).authUrl).toBe(
      "https://portal.example.gov.uk",
    );
    expect(parseConfig({ ...production, AUTH_URL: "http://127.0.0.1:3000" }).authUrl).toBe("http://127.0.0.1:3000");
    expect(parseConfig({ ...production, AUTH_URL: "http://localhost:3000" }).mode).toBe("production");
  });
});

describe("MIGRATION_DATABASE_URL", () => {
  const given = { DATABASE_URL: "postgresql://app@db/x", ...secrets };

  it("is optional: unset or blank, migrations run as DATABASE_URL", () => {
    expect(parseConfig(given).migrationDatabaseUrl).toBeUndefined();
    expect(parseConfig({ ...given, MIGRATION_DATABASE_URL: " " }).migrationDatabaseUrl).toBeUndefined();
    expect(parseConfig({ ...given, MIGRATION_DATABASE_URL: "postgresql://owner@db/x" }).migrationDatabaseUrl).toBe(
      "postgresql://owner@db/x",
    );
  });

  it("must be a postgresql:// URL when given", () => {
    expect(problems({ ...given, MIGRATION_DATABASE_URL: "mysql://owner@db/x" })).toEqual([
      "MIGRATION_DATABASE_URL must be a postgresql:// URL",
    ]);
  });
});

describe("BANK_DETAILS_LOOKUP_KEY", () => {
  const production = { DATABASE_URL: "postgresql://app@db/x", AUTH_SECRET: "a".repeat(40), BANK_DETAILS_KEY: key };

  it("is required in production, by name, with any other problem", () => {
    expect(problems(production)).toEqual(["BANK_DETAILS_LOOKUP_KEY is required"]);
    expect(problems({ ...production, BANK_DETAILS_LOOKUP_KEY: " " })).toEqual(["BANK_DETAILS_LOOKUP_KEY is required"]);
    expect(problems({ ...production, AUTH_SECRET: "short" })).toEqual([
      "AUTH_SECRET must be at least 32 characters",
      "BANK_DETAILS_LOOKUP_KEY is required",
    ]);
    expect(parseConfig({ ...production, BANK_DETAILS_LOOKUP_KEY: lookupKey }).bankDetailsLookupKey).toBe(lookupKey);
  });

  it("may be left unset in demo mode, where npm start generates it", () => {
    expect(parseConfig({ ...production, DISBURSE_MODE: "demo" }).bankDetailsLookupKey).toBeUndefined();
  });

  it("must be 32 bytes when given", () => {
    expect(problems({ ...production, BANK_DETAILS_LOOKUP_KEY: "c2hvcnQ=" })).toEqual([
      "BANK_DETAILS_LOOKUP_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)",
    ]);
  });
});

describe("BANK_DETAILS_PREVIOUS_KEYS and BANK_DETAILS_PREVIOUS_LOOKUP_KEY (docs/key-rotation.md)", () => {
  const given = { DATABASE_URL: "postgresql://app@db/x", ...secrets };
  const old1 = Buffer.alloc(32, 1).toString("base64");
  const old2 = Buffer.alloc(32, 2).toString("base64");

  it("are optional: none unless set", () => {
    expect(parseConfig(given).bankDetailsPreviousKeys).toEqual([]);
    expect(parseConfig({ ...given, BANK_DETAILS_PREVIOUS_KEYS: " " }).bankDetailsPreviousKeys).toEqual([]);
    expect(parseConfig(given).bankDetailsPreviousLookupKey).toBeUndefined();
  });

  it("takes a comma-separated list of previous keys, spaces and empty entries ignored", () => {
    expect(parseConfig({ ...given, BANK_DETAILS_PREVIOUS_KEYS: ` ${old1} ,, ${old2}` }).bankDetailsPreviousKeys).toEqual([
      old1,
      old2,
    ]);
    expect(parseConfig({ ...given, BANK_DETAILS_PREVIOUS_LOOKUP_KEY: old1 }).bankDetailsPreviousLookupKey).toBe(old1);
  });

  it("refuses a previous key that is not 32 bytes, or that is the current key", () => {
    expect(problems({ ...given, BANK_DETAILS_PREVIOUS_KEYS: `${old1},c2hvcnQ=` })).toEqual([
      "BANK_DETAILS_PREVIOUS_KEYS must be 32 bytes, base64-encoded (openssl rand -base64 32)",
    ]);
    expect(problems({ ...given, BANK_DETAILS_PREVIOUS_KEYS: `${old1},${key}` })).toEqual([
      "BANK_DETAILS_PREVIOUS_KEYS must not include BANK_DETAILS_KEY (the new key goes in BANK_DETAILS_KEY, the old ones in BANK_DETAILS_PREVIOUS_KEYS)",
    ]);
    expect(problems({ ...given, BANK_DETAILS_PREVIOUS_LOOKUP_KEY: lookupKey })).toEqual([
      "BANK_DETAILS_PREVIOUS_LOOKUP_KEY must differ from BANK_DETAILS_LOOKUP_KEY",
    ]);
  });

  it("a previous lookup key needs a current one to rotate to", () => {
    const demo = { ...given, DISBURSE_MODE: "demo", BANK_DETAILS_LOOKUP_KEY: "" };
    expect(problems({ ...demo, BANK_DETAILS_PREVIOUS_LOOKUP_KEY: old1 })).toEqual([
      "BANK_DETAILS_PREVIOUS_LOOKUP_KEY needs BANK_DETAILS_LOOKUP_KEY (the key it is replaced by)",
    ]);
  });
});

describe("RETENTION_YEARS", () => {
  const given = { DATABASE_URL: "postgresql://app@db/x", ...secrets };

  it("defaults to 6 years and takes a whole number of years", () => {
    expect(parseConfig(given).retentionYears).toBe(6);
    expect(parseConfig({ ...given, RETENTION_YEARS: "7" }).retentionYears).toBe(7);
  });

  it("refuses anything but a whole number from 1 to 100, by name", () => {
    expect(problems({ ...given, RETENTION_YEARS: "0" })).toEqual(["RETENTION_YEARS must be at least 1"]);
    expect(problems({ ...given, RETENTION_YEARS: "6.5" })).toEqual(["RETENTION_YEARS must be a whole number of years"]);
    expect(problems({ ...given, RETENTION_YEARS: "six" })).toEqual(["RETENTION_YEARS must be a whole number of years"]);
    expect(problems({ ...given, RETENTION_YEARS: "101" })).toEqual(["RETENTION_YEARS must be at most 100"]);
  });
});
