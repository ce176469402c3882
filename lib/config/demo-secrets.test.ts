import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyDemoSecrets, demoDatabasePassword } from "./demo-secrets";

describe("demoDatabasePassword", () => {
  it("is generated once, kept beside the other demo secrets, and neither clobbers nor is clobbered by them", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "disburse-secrets-"));
    const env: Record<string, string | undefined> = {};
    applyDemoSecrets(env, dir);
    const password = demoDatabasePassword(dir);
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(demoDatabasePassword(dir)).toBe(password);
    applyDemoSecrets({}, dir);
    const stored = JSON.parse(readFileSync(path.join(dir, "secrets.json"), "utf8"));
    expect(stored.DATABASE_APP_PASSWORD).toBe(password);
    expect(stored.AUTH_SECRET).toBe(env.AUTH_SECRET);
  });
});
