import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { listApiTokens } from "@/lib/api-tokens/queries";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { parseBearerToken } from "@/lib/api-tokens/token-format";
import { verifyApiToken } from "@/lib/api-tokens/verify-api-token";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();

async function adminActor() {
  const admin = await makeUser(db(), { role: "ADMIN", name: "Ada Admin" });
  return { id: admin.id, email: admin.email };
}

describe("API tokens", () => {
  it("creates a dsb_ token, storing only its sha256 and an 8-character prefix, audited without the token", async () => {
    const actor = await adminActor();
    const { id, token } = await createApiToken({ db: db(), actor, name: "  Online service  " });
    expect(token).toMatch(/^dsb_[A-Za-z0-9_-]{43}$/);

    const row = await db().apiToken.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      name: "Online service",
      createdById: actor.id,
      prefix: token.slice(4, 12),
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token.slice(4));

    const [audit] = await db().auditLog.findMany({ where: { entityType: "ApiToken", entityId: id } });
    expect(audit).toMatchObject({
      action: "api-token.created",
      actorId: actor.id,
      after: { name: "Online service", prefix: row.prefix },
    });
    expect(JSON.stringify(audit.after)).not.toContain(token.slice(4));
    expect(JSON.stringify(audit.after)).not.toContain(row.tokenHash);
  });

  it("makes a different token every time", async () => {
    const actor = await adminActor();
    const a = await createApiToken({ db: db(), actor, name: "A" });
    const b = await createApiToken({ db: db(), actor, name: "A" });
    expect(a.token).not.toBe(b.token);
  });

  it("refuses a blank or over-long name", async () => {
    const actor = await adminActor();
    await expect(createApiToken({ db: db(), actor, name: "   " })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { name: ["Enter a name for the token"] },
    });
    await expect(createApiToken({ db: db(), actor, name: "x".repeat(101) })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("verifies a bearer token and notes when it was last used", async () => {
    const actor = await adminActor();
    const { id, token } = await createApiToken({ db: db(), actor, name: "Verify me" });
    const now = new Date("2026-11-22T10:00:00Z");
    expect((await verifyApiToken(db(), `Bearer ${token}`, now))?.id).toBe(id);
    expect((await verifyApiToken(db(), `bearer ${token}`, now))?.id).toBe(id);
    expect((await db().apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(now);
  });

  it("refuses missing, malformed and unknown tokens", async () => {
    const actor = await adminActor();
    const { token } = await createApiToken({ db: db(), actor, name: "Real" });
    expect(await verifyApiToken(db(), null)).toBeNull();
    expect(await verifyApiToken(db(), "")).toBeNull();
    expect(await verifyApiToken(db(), token)).toBeNull();
    expect(await verifyApiToken(db(), `Basic ${token}`)).toBeNull();
    expect(await verifyApiToken(db(), `Bearer ${token.slice(0, -1)}`)).toBeNull();
    expect(await verifyApiToken(db(), `Bearer dsb_${"x".repeat(43)}`)).toBeNull();
    expect(parseBearerToken(undefined)).toEqual({ kind: "missing" });
    expect(parseBearerToken("Bearer nope")).toEqual({ kind: "malformed" });
  });

  it("revokes a token so it is refused, audited; revoking twice is a clear error", async () => {
    const actor = await adminActor();
    const { id, token } = await createApiToken({ db: db(), actor, name: "Old integration" });
    const now = new Date("2026-11-22T11:00:00Z");
    expect(await revokeApiToken({ db: db(), actor, tokenId: id, now })).toEqual({ name: "Old integration" });
    expect((await db().apiToken.findUniqueOrThrow({ where: { id } })).revokedAt).toEqual(now);
    expect(await verifyApiToken(db(), `Bearer ${token}`)).toBeNull();
    expect(await db().auditLog.count({ where: { entityId: id, action: "api-token.revoked" } })).toBe(1);

    await expect(revokeApiToken({ db: db(), actor, tokenId: id, now })).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: 'The token "Old integration" has already been revoked',
    });
    expect(await db().auditLog.count({ where: { entityId: id, action: "api-token.revoked" } })).toBe(1);
    await expect(revokeApiToken({ db: db(), actor, tokenId: "00000000-0000-4000-8000-000000000000", now })).rejects.toMatchObject(
      { code: "NOT_FOUND" },
    );
  });

  it("lists tokens active first, with who created them and never the hash", async () => {
    const actor = await adminActor();
    const revoked = await createApiToken({ db: db(), actor, name: "List revoked" });
    await revokeApiToken({ db: db(), actor, tokenId: revoked.id, now: new Date() });
    const active = await createApiToken({ db: db(), actor, name: "List active" });
    const rows = await listApiTokens(db());
    const names = rows.map((r) => r.name);
    expect(names.indexOf("List active")).toBeLessThan(names.indexOf("List revoked"));
    expect(rows.find((r) => r.id === active.id)).toMatchObject({ createdByName: "Ada Admin", revokedAt: null });
    expect(rows.every((r) => r.revokedAt === null || rows.indexOf(r) >= rows.filter((x) => !x.revokedAt).length)).toBe(true);
    expect(Object.keys(rows[0])).not.toContain("tokenHash");
  });
});
