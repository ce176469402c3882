// The demo seed against a real database: the data it promises, bank details only as ciphertext,
// idempotent, and never in production mode.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { useTestDatabase } from "../support/test-db";

const root = path.resolve(import.meta.dirname, "../..");
const { db, url } = useTestDatabase();
const key = randomBytes(32);

function seed(env: Record<string, string>) {
  return spawnSync(path.join(root, "node_modules/.bin/tsx"), ["prisma/seed.mts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url(), BANK_DETAILS_KEY: key.toString("base64"), ...env } as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 120_000,
  });
}

async function allText(): Promise<string> {
  // Every text-like column of every table, as one string: what a database dump would reveal.
  const client = new pg.Client({ connectionString: url() });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'",
    );
    const parts: string[] = [];
    for (const { table_name } of tables) {
      const { rows } = await client.query(`SELECT row_to_json(t)::text AS j FROM ${client.escapeIdentifier(table_name)} t`);
      for (const r of rows) parts.push(r.j);
    }
    return parts.join("\n");
  } finally {
    await client.end();
  }
}

describe("demo seed", () => {
  beforeAll(() => {
    const run = seed({ DISBURSE_MODE: "demo" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  }, 120_000);

  it("refuses production mode and writes nothing", async () => {
    const before = await db().claim.count();
    const run = seed({ DISBURSE_MODE: "production" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("never runs in production mode");
    expect(await db().claim.count()).toBe(before);
  });

  it("loads the demo users and at least 300 claims across every status and both payment methods", async () => {
    expect((await db().user.findMany({ orderBy: { email: "asc" } })).map((u) => `${u.email} ${u.role}`)).toEqual([
      "accountant2@demo.disburse.test ACCOUNTANT",
      "accountant@demo.disburse.test ACCOUNTANT",
      "admin@demo.disburse.test ADMIN",
      "caseworker2@demo.disburse.test CASEWORKER",
      "caseworker@demo.disburse.test CASEWORKER",
      "plan-manager2@demo.disburse.test PLAN_MANAGER",
      "plan-manager@demo.disburse.test PLAN_MANAGER",
      "sscl-finance@demo.disburse.test SSCL_FINANCE",
    ]);
    expect(await db().claim.count()).toBeGreaterThanOrEqual(300);
    const byStatus = await db().claim.groupBy({ by: ["status", "paymentMethod"], _count: true });
    for (const status of ["NEW", "INFORMATION_REQUESTED", "UPDATED", "APPROVED", "REJECTED"] as const) {
      for (const method of ["BANK", "CASH"] as const) {
        expect(
          byStatus.find((g) => g.status === status && g.paymentMethod === method)?._count ?? 0,
          `${status} ${method}`,
        ).toBeGreaterThan(0);
      }
    }
    const waiting = await db().payment.groupBy({ by: ["method", "holdReason"], where: { status: "NEW" }, _count: true });
    expect(waiting.find((g) => g.method === "BANK" && g.holdReason === null)?._count).toBeGreaterThan(0);
    expect(waiting.find((g) => g.method === "CASH" && g.holdReason === null)?._count).toBeGreaterThan(0);
    expect(waiting.filter((g) => g.holdReason !== null).length).toBeGreaterThan(0);
  });

  it("stores bank details only as ciphertext that decrypts with the key", async () => {
    const stored = await db().bankDetails.findMany();
    expect(stored.length).toBeGreaterThan(100);
    const dump = await allText();
    for (const row of stored) {
      expect(row.ciphertext).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      const plain = decryptBankDetails(row.ciphertext, key);
      expect(plain.accountNumber).toMatch(/^\d{8}$/);
      // No account number, and no sort code next to it, appears in clear anywhere in the database.
      expect(dump).not.toContain(plain.accountNumber);
      expect(dump).not.toContain(`${plain.sortCode}${plain.accountNumber}`);
    }
  });

  it("does nothing the second time", async () => {
    const claims = await db().claim.count();
    const run = seed({ DISBURSE_MODE: "demo" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("already present");
    expect(await db().claim.count()).toBe(claims);
  });
});
