// The committed migrations apply cleanly to an empty database on the test server (PostgreSQL 15
// in CI) and to the embedded PostgreSQL 17 that demo mode uses, and leave nothing pending.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres.mts";
import { bin, runCommand } from "../../scripts/lib/run-command.mts";
import { admin } from "../support/test-database.mts";
import { databaseUrl } from "../support/test-db";

async function deployAndInspect(url: string) {
  const env = { ...process.env, DATABASE_URL: url };
  await runCommand(bin("prisma"), ["migrate", "deploy"], { env, quiet: true });
  await runCommand(bin("prisma"), ["migrate", "status"], { env, quiet: true }); // exits non-zero if anything is pending
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const version = (await client.query("SHOW server_version_num")).rows[0].server_version_num as string;
    const tables = (await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map(
      (r) => r.tablename,
    );
    const indexes = (await client.query("SELECT indexname FROM pg_indexes WHERE indexname = 'Payment_one_live_per_claim'"))
      .rowCount;
    const triggers = (
      await client.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = '"AuditLog"'::regclass AND NOT tgisinternal ORDER BY 1`)
    ).rows.map((r) => r.tgname);
    return { major: Math.floor(Number(version) / 10000), tables, indexes, triggers };
  } finally {
    await client.end();
  }
}

const expectedTables = [
  "AuditLog",
  "BankDetails",
  "Claim",
  "Claimant",
  "Payment",
  "Run",
  "Batch",
  "BatchFile",
  "FileLine",
  "Notification",
  "User",
];

describe("migrations", () => {
  const name = `${process.env.TEST_PG_PREFIX ?? "disburse_test"}_migrate_empty`;
  afterAll(async () => {
    await admin(process.env.TEST_PG_URL!, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
  });

  it("apply to an empty database on the test server", async () => {
    await admin(process.env.TEST_PG_URL!, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
    const result = await deployAndInspect(databaseUrl(name));
    expect(result.tables).toEqual(expect.arrayContaining(expectedTables));
    expect(result.indexes).toBe(1);
    expect(result.triggers).toEqual(["AuditLog_database_time", "AuditLog_no_truncate", "AuditLog_no_update_delete"]);
  }, 120_000);

  it("apply to the embedded PostgreSQL 17", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "disburse-pg-"));
    chmodSync(dir, 0o755); // as root, PostgreSQL runs as its own user and must reach the folder
    const port = 54400 + Math.floor(Math.random() * 500);
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port, databases: ["disburse"], log: () => {} });
    try {
      const result = await deployAndInspect(server.url("disburse"));
      expect(result.major).toBe(17);
      expect(result.tables).toEqual(expect.arrayContaining(expectedTables));
      expect(result.indexes).toBe(1);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
