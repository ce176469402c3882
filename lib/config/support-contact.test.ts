import { describe, expect, it } from "vitest";
import { ConfigError, DEMO_SUPPORT, parseConfig } from "./schema";

const key = Buffer.alloc(32, 7).toString("base64");
const base = {
  DATABASE_URL: "postgresql://db/x",
  AUTH_SECRET: "a".repeat(40),
  BANK_DETAILS_KEY: key,
  BANK_DETAILS_LOOKUP_KEY: Buffer.alloc(32, 8).toString("base64"),
};

describe("SUPPORT_EMAIL and SUPPORT_PHONE", () => {
  it("default to the demo help desk in demo mode", () => {
    const config = parseConfig({ ...base, DISBURSE_MODE: "demo" });
    expect([config.supportEmail, config.supportPhone]).toEqual([DEMO_SUPPORT.email, DEMO_SUPPORT.phone]);
  });

  it("are not invented in production", () => {
    const config = parseConfig(base);
    expect([config.supportEmail, config.supportPhone]).toEqual([undefined, undefined]);
  });

  it("take the given values", () => {
    const config = parseConfig({ ...base, SUPPORT_EMAIL: "help@example.gov.uk", SUPPORT_PHONE: "0300 200 3500" });
    expect([config.supportEmail, config.supportPhone]).toEqual(["help@example.gov.uk", "0300 200 3500"]);
  });

  it("refuse an email address that is not one, by name", () => {
    expect(() => parseConfig({ ...base, SUPPORT_EMAIL: "help desk" })).toThrow(ConfigError);
    expect(() => parseConfig({ ...base, SUPPORT_EMAIL: "help desk" })).toThrow(/SUPPORT_EMAIL must be an email address/);
  });
});
