// The portal's database role (docs/security.md#database-roles): a login role in disburse_app may
// read and append to the audit log but cannot change, remove or hide an entry, nor switch off the
// triggers that guard it, and the audit log's time is the database's. Ordinary work still runs.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, poolOf } from "@/lib/db/create-db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { approveClaim } from "../support/approve-claim";
import { makeClaim } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { appUrl } from "../support/test-database.mts";
import { useTestDatabase } from "../support/test-db";

const owner = useTestDatabase();

/** One connection as the portal's role, for the statements the role must be refused. */
async function asApp<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: appUrl(owner.url()) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function auditRows() {
  return owner.db().auditLog.findMany({ orderBy: { id: "asc" } });
}

describe("the portal's database role", () => {
  let app: PrismaClient;
  beforeAll(() => {
    app = createDb(appUrl(owner.url()));
  });
  afterAll(async () => {
    await app.$disconnect();
    const pool = poolOf(app);
    pool.on("error", () => {});
    await pool.end();
  });

  it("is a member of disburse_app, neither a superuser nor a member of the tables' owner", async () => {
    const [facts] = await asApp(
      async (c) =>
        (
          await c.query(`
      SELECT current_user AS role, r.rolsuper AS superuser, pg_has_role(current_user, 'disburse_app', 'USAGE') AS in_app,
             pg_has_role(current_user, t.relowner, 'MEMBER') AS owner_member
        FROM pg_roles r, pg_class t
       WHERE r.rolname = current_user AND t.oid = '"AuditLog"'::regclass`)
        ).rows,
    );
    expect(facts).toEqual({ role: "disburse_test_app", superuser: false, in_app: true, owner_member: false });
  });

  it("may append to and read the audit log, but not update, delete or truncate it", async () => {
    await asApp(async (c) => {
      await c.query(`INSERT INTO "AuditLog" ("actorLabel", action, "entityType") VALUES ('test', 'test.appended', 'Test')`);
      expect((await c.query(`SELECT action FROM "AuditLog"`)).rows).toEqual([{ action: "test.appended" }]);
      await expect(c.query(`UPDATE "AuditLog" SET action = 'changed'`)).rejects.toThrow(/permission denied for table AuditLog/);
      await expect(c.query(`DELETE FROM "AuditLog"`)).rejects.toThrow(/permission denied for table AuditLog/);
      await expect(c.query(`TRUNCATE "AuditLog"`)).rejects.toThrow(/permission denied for table AuditLog/);
      await expect(c.query(`SELECT id FROM "AuditLog" FOR UPDATE`)).rejects.toThrow(/permission denied for table AuditLog/);
    });
    expect((await auditRows()).map((r) => r.action)).toEqual(["test.appended"]);
  });

  it("cannot switch off, drop or bypass the audit log's guard", async () => {
    await asApp(async (c) => {
      const refused: [string, RegExp][] = [
        [`ALTER TABLE "AuditLog" DISABLE TRIGGER ALL`, /must be owner of table AuditLog/],
        [`ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_no_update_delete"`, /must be owner of table AuditLog/],
        [`DROP TRIGGER "AuditLog_no_update_delete" ON "AuditLog"`, /must be owner of (relation|table) AuditLog/],
        [`DROP TRIGGER "AuditLog_database_time" ON "AuditLog"`, /must be owner of (relation|table) AuditLog/],
        [`SET session_replication_role = replica`, /permission denied to set parameter "session_replication_role"/],
        [`ALTER TABLE "AuditLog" OWNER TO disburse_test_app`, /must be owner of table AuditLog/],
        [`DROP TABLE "AuditLog"`, /must be owner of table AuditLog/],
        [`DROP FUNCTION audit_log_append_only()`, /must be owner of function audit_log_append_only/],
        [
          `CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE sql AS 'SELECT NULL'`,
          /permission denied for schema public|must be owner/,
        ],
        [
          `CREATE TRIGGER sneak BEFORE DELETE ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION audit_log_database_time()`,
          /permission denied for table AuditLog/,
        ],
        [`SELECT setval(pg_get_serial_sequence('"AuditLog"', 'id'), 1)`, /permission denied for sequence AuditLog_id_seq/],
        [`SELECT disburse_app_grants()`, /permission denied for function disburse_app_grants/],
        [`SET ROLE postgres`, /permission denied to set role|must be member/],
        [`CREATE TABLE "AuditLogCopy" (id int)`, /permission denied for schema public/],
        [`DELETE FROM "_prisma_migrations"`, /permission denied for table _prisma_migrations/],
      ];
      for (const [statement, error] of refused) {
        await expect(c.query(statement), statement).rejects.toThrow(error);
      }
      expect((await c.query(`SHOW session_replication_role`)).rows).toEqual([{ session_replication_role: "origin" }]);
      // A GRANT by a role without the grant option only warns, and grants nothing.
      await c.query(`GRANT UPDATE, DELETE ON "AuditLog" TO disburse_test_app`);
      expect((await c.query(`SELECT has_table_privilege('"AuditLog"', 'UPDATE, DELETE') AS may`)).rows).toEqual([{ may: false }]);
    });
    // Both guards still stand for the owner too.
    await expect(owner.db().$executeRawUnsafe(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
    const triggers = await owner.db().$queryRaw<{ tgname: string; tgenabled: string }[]>`
      SELECT tgname::text, tgenabled::text FROM pg_trigger WHERE tgrelid = '"AuditLog"'::regclass AND NOT tgisinternal ORDER BY 1`;
    expect(triggers).toEqual([
      { tgname: "AuditLog_database_time", tgenabled: "O" },
      { tgname: "AuditLog_no_truncate", tgenabled: "O" },
      { tgname: "AuditLog_no_update_delete", tgenabled: "O" },
    ]);
  });

  it("cannot back-date an entry: the database's clock sets its time, in UTC, whoever inserts it", async () => {
    const stamped = await asApp(async (c) => {
      // A session in another time zone must still store UTC, as Prisma reads it.
      await c.query(`SET TIME ZONE 'America/New_York'`);
      await c.query("BEGIN");
      const { rows } = await c.query(`
        INSERT INTO "AuditLog" (at, "actorLabel", action, "entityType")
        VALUES ('2001-01-01 09:00', 'test', 'test.backdated', 'Test')
        RETURNING at = (now() AT TIME ZONE 'UTC')::timestamp(3) AS "databaseTime"`);
      await c.query("COMMIT");
      return rows[0];
    });
    expect(stamped).toEqual({ databaseTime: true });
    await owner
      .db()
      .$executeRawUnsafe(
        `INSERT INTO "AuditLog" (at, "actorLabel", action, "entityType") VALUES ('2001-01-01', 'owner', 'test.backdated-by-owner', 'Test')`,
      );
    const backdated = (await auditRows()).filter((r) => r.action.startsWith("test.backdated"));
    expect(backdated).toHaveLength(2);
    for (const row of backdated) expect(Math.abs(row.at.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("still does the portal's ordinary work: a claim decided as the app role, with its payment and audit", async () => {
    const key = randomBytes(32);
    const caseworker = await makeUser(app, { role: "CASEWORKER" });
    const { claim } = await makeClaim(app, key);
    const payment = await approveClaim(app, key, claim, caseworker);
    expect(payment).toMatchObject({ claimId: claim.id, status: "NEW", amountPence: 4240 });
    expect(await owner.db().auditLog.count({ where: { entityId: claim.id } })).toBeGreaterThan(0);
    await app.user.update({ where: { id: caseworker.id }, data: { name: "Renamed" } });
    await app.$executeRaw`INSERT INTO rate_limit (key, points) VALUES ('test', 1)`;
    expect(await app.$executeRaw`DELETE FROM rate_limit WHERE key = 'test'`).toBe(1);
  });

  it("may read and write every table but the audit log and Prisma's migration history, and use every sequence", async () => {
    const rows = await asApp(
      async (c) =>
        (
          await c.query<{ name: string; select: boolean; insert: boolean; update: boolean; delete: boolean; truncate: boolean }>(`
      SELECT c.relname AS name,
             has_table_privilege(c.oid, 'SELECT') AS select, has_table_privilege(c.oid, 'INSERT') AS insert,
             has_table_privilege(c.oid, 'UPDATE') AS update, has_table_privilege(c.oid, 'DELETE') AS delete,
             has_table_privilege(c.oid, 'TRUNCATE') AS truncate
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`)
        ).rows,
    );
    const rights = (r: (typeof rows)[number]) =>
      (["select", "insert", "update", "delete", "truncate"] as const).filter((p) => r[p]).join(",");
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) {
      const expected =
        r.name === "AuditLog" ? "select,insert" : r.name === "_prisma_migrations" ? "" : "select,insert,update,delete";
      expect(rights(r), r.name).toBe(expected);
    }
    const sequences = await asApp(
      async (c) =>
        (
          await c.query(`
      SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND CASE WHEN c.relkind = 'S' THEN NOT has_sequence_privilege(c.oid, 'USAGE') END`)
        ).rows,
    );
    expect(sequences).toEqual([]);
  });

  it("gets the same rights on tables the owner creates later (default privileges)", async () => {
    await owner.db().$executeRawUnsafe(`CREATE TABLE "LaterTable" (id bigserial PRIMARY KEY, note text)`);
    await asApp(async (c) => {
      await c.query(`INSERT INTO "LaterTable" (note) VALUES ('a')`);
      await c.query(`UPDATE "LaterTable" SET note = 'b'`);
      expect((await c.query(`DELETE FROM "LaterTable" RETURNING note`)).rows).toEqual([{ note: "b" }]);
    });
  });
});
