import { describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record-audit";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();

describe("audit log", () => {
  it("accepts new entries but refuses UPDATE, DELETE and TRUNCATE at the database", async () => {
    await db().$transaction((tx) =>
      recordAudit(tx, { actor: { system: "test" }, action: "test.entry", entityType: "Test", after: { a: 1 } }),
    );
    await expect(db().$executeRawUnsafe(`UPDATE "AuditLog" SET "action" = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`TRUNCATE "AuditLog"`)).rejects.toThrow(/append-only/);
    const rows = await db().auditLog.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "test.entry", actorLabel: "test", after: { a: 1 } });
  });
});
