import { describe, expect, it } from "vitest";
import { connectionWarnings, urlAsRole } from "./app-database-role.mts";

describe("urlAsRole", () => {
  it("keeps server, port, database and options, and swaps the credentials (escaped)", () => {
    expect(
      urlAsRole("postgresql://postgres:secret@127.0.0.1:5432/disburse?sslmode=require", { login: "app", password: "p@ss/w:rd" }),
    ).toBe("postgresql://app:p%40ss%2Fw%3Ard@127.0.0.1:5432/disburse?sslmode=require");
  });

  it("adds credentials to a URL without any", () => {
    expect(urlAsRole("postgresql://127.0.0.1/x", { login: "disburse_portal", password: "abc" })).toBe(
      "postgresql://disburse_portal:abc@127.0.0.1/x",
    );
  });
});

describe("connectionWarnings", () => {
  const appRole = { role: "disburse_portal", superuser: false, ownedTables: 0, mayRewriteAudit: false };

  it("says nothing for a plain member of disburse_app", () => {
    expect(connectionWarnings(appRole)).toEqual([]);
  });

  it("warns once about a superuser, naming the setting and the fix", () => {
    const warnings = connectionWarnings({ role: "postgres", superuser: true, ownedTables: 40, mayRewriteAudit: true });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^DATABASE_URL connects as postgres, a superuser: .*MIGRATION_DATABASE_URL/);
  });

  it("warns about a table owner", () => {
    expect(connectionWarnings({ ...appRole, role: "owner", ownedTables: 3, mayRewriteAudit: true })).toEqual([
      expect.stringMatching(/^DATABASE_URL connects as owner, which owns 3 of the portal's tables/),
    ]);
  });

  it("warns about a role granted more than append on the audit log", () => {
    expect(connectionWarnings({ ...appRole, mayRewriteAudit: true })).toEqual([
      expect.stringMatching(/may update or delete audit log entries/),
    ]);
  });
});
