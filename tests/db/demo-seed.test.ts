// The demo seed against a real database: the data it promises, bank details only as ciphertext,
// idempotent, and never in production mode.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { useTestDatabase } from "../support/test-db";

const root = path.resolve(import.meta.dirname, "../..");
const { db, url } = useTestDatabase();
const key = randomBytes(32);
// The seed's runs store their files and deliver the Payout file: here, never in the demo's .data.
const places = mkdtempSync(path.join(os.tmpdir(), "disburse-demo-seed-"));
afterAll(() => rmSync(places, { recursive: true, force: true }));

function seed(env: Record<string, string>) {
  return spawnSync(path.join(root, "node_modules/.bin/tsx"), ["prisma/seed.mts"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url(),
      BANK_DETAILS_KEY: key.toString("base64"),
      BANK_DETAILS_LOOKUP_KEY: Buffer.alloc(32, 6).toString("base64"),
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      FILE_STORE_DIR: path.join(places, "files"),
      PAYOUT_OUTBOX_DIR: path.join(places, "outbox"),
      LOG_LEVEL: "silent",
      ...env,
    } as NodeJS.ProcessEnv,
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

/**
 * Every run of `lengths` digits anywhere in `text`: a string of digits is a substring of the text
 * exactly when it is one of these, so thousands of account numbers are checked in one pass.
 */
function digitWindows(text: string, lengths: readonly number[]): Set<string> {
  const windows = new Set<string>();
  for (const [run] of text.matchAll(/\d+/g)) {
    for (const length of lengths) for (let i = 0; i + length <= run.length; i++) windows.add(run.slice(i, i + length));
  }
  return windows;
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
      "admin2@demo.disburse.test ADMIN",
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
    // Claims approved above the threshold by one caseworker wait for a second, with no payment yet.
    const awaiting = await db().claim.findMany({ where: { status: "AWAITING_SECOND_APPROVAL" }, include: { payments: true } });
    expect(awaiting.length).toBeGreaterThan(0);
    expect(awaiting.every((c) => c.firstApprovedById !== null && c.payments.length === 0)).toBe(true);
    const waiting = await db().payment.groupBy({ by: ["method", "holdReason"], where: { status: "NEW" }, _count: true });
    expect(waiting.find((g) => g.method === "BANK" && g.holdReason === null)?._count).toBeGreaterThan(0);
    expect(waiting.find((g) => g.method === "CASH" && g.holdReason === null)?._count).toBeGreaterThan(0);
    expect(waiting.filter((g) => g.holdReason !== null).length).toBeGreaterThan(0);
  });

  it("stores bank details only as ciphertext that decrypts with the key", async () => {
    const stored = await db().bankDetails.findMany();
    expect(stored.length).toBeGreaterThan(100);
    const inDump = digitWindows(await allText(), [8, 14]);
    for (const row of stored) {
      expect(row.ciphertext).toMatch(/^v2\.[\w-]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
      const plain = decryptBankDetails(row.ciphertext, key);
      expect(plain.accountNumber).toMatch(/^\d{8}$/);
      // No account number, and no sort code next to it, appears in clear anywhere in the database.
      expect(inDump.has(plain.accountNumber)).toBe(false);
      expect(inDump.has(`${plain.sortCode}${plain.accountNumber}`)).toBe(false);
    }
  });

  describe("recurring benefits", () => {
    const sql = async <T>(text: string, values: unknown[] = []): Promise<T[]> => {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        return (await client.query(text, values)).rows as T[];
      } finally {
        await client.end();
      }
    };
    const cycleOf = (status: "APPROVED" | "PENDING_APPROVAL") =>
      db().paymentCycle.findFirstOrThrow({
        where: { status, paymentPlan: { code: "CARERS-MONTHLY" } },
        include: { payments: { select: { status: true, method: true } } },
      });
    const userId = async (email: string) => (await db().user.findUniqueOrThrow({ where: { email } })).id;
    const byStatus = (payments: { status: string; method: string }[]) => {
      const counts: Record<string, number> = {};
      for (const p of payments) counts[`${p.method} ${p.status}`] = (counts[`${p.method} ${p.status}`] ?? 0) + 1;
      return counts;
    };

    it("has a plan of at least 2,000 beneficiaries, two payment points, a monthly plan with a ceiling and a limit", async () => {
      const plan = await db().benefitPlan.findUniqueOrThrow({ where: { code: "CARERS-SUPPORT" } });
      const enrolments = await db().enrolment.findMany({ where: { benefitPlanId: plan.id } });
      expect(enrolments.length).toBeGreaterThanOrEqual(2000);
      expect(enrolments.filter((e) => e.enrolledTo !== null).map((e) => e.endReason)).toEqual(
        expect.arrayContaining(["DEATH", "MOVED_AWAY"]),
      );
      const points = await db().paymentPoint.findMany({ where: { benefitPlanId: plan.id }, orderBy: { position: "asc" } });
      expect(points.map((p) => p.position)).toEqual([1, 2]);
      expect(points.every((p) => p.managerId !== null)).toBe(true);
      const [version] = await db().paymentPlanVersion.findMany({ where: { paymentPlan: { code: "CARERS-MONTHLY" } } });
      const rule = version.rule as {
        conditionalAmounts: { countsTowardsCeiling: boolean }[];
        ceilingPence: number;
        limitPence: number;
      };
      expect(rule.conditionalAmounts.filter((c) => c.countsTowardsCeiling)).toHaveLength(2);
      expect(rule.ceilingPence).toBeGreaterThan(0);
      expect(rule.limitPence).toBeGreaterThan(0);
    });

    it("leaves new bank details and payment methods proposed by plan-manager for plan-manager2", async () => {
      const planManager = await userId("plan-manager@demo.disburse.test");
      const pendingDetails = await db().bankDetailChange.findMany({
        where: { status: "PENDING", claimant: { enrolments: { some: {} } } },
      });
      expect(pendingDetails.length).toBeGreaterThanOrEqual(2);
      expect(pendingDetails.every((c) => c.proposedById === planManager)).toBe(true);
      const pendingMethods = await db().enrolment.findMany({ where: { pendingPaymentMethod: { not: null } } });
      expect(pendingMethods.length).toBeGreaterThanOrEqual(2);
      expect(pendingMethods.every((e) => e.pendingMethodProposedById === planManager)).toBe(true);
    });

    it("has last month's cycle approved by a second accountant and paid: bank payments PAID, vouchers SENT or CASHED", async () => {
      const cycle = await cycleOf("APPROVED");
      expect(cycle.createdById).toBe(await userId("accountant@demo.disburse.test"));
      expect(cycle.decidedById).toBe(await userId("accountant2@demo.disburse.test"));
      const counts = byStatus(cycle.payments);
      // The one suspended payment rejected is CANCELLED, and is never paid.
      const cancelled = Object.keys(counts).filter((k) => k.endsWith(" CANCELLED"));
      expect(cancelled.map((k) => counts[k])).toEqual([1]);
      expect(
        Object.keys(counts)
          .filter((k) => !cancelled.includes(k))
          .sort(),
      ).toEqual(["BANK PAID", "CASH CASHED", "CASH SENT"]);
      expect(counts["BANK PAID"]).toBeGreaterThan(1000);
      expect(counts["CASH CASHED"]).toBeGreaterThan(counts["CASH SENT"]);

      // Each payment that went out is on exactly one live line of its run's batch, for its amount and
      // reference; each batch's totals are its lines'; vouchers have codes; the AccessPay file was downloaded.
      const [lines] = await sql<{ paid: number; wrong: number; batches: number; wrongBatches: number; uncoded: number }>(
        `WITH p AS (SELECT * FROM "Payment" WHERE "cycleId" = $1 AND status IN ('PAID', 'SENT', 'CASHED'))
         SELECT (SELECT count(*) FROM p)::int AS paid,
                (SELECT count(*) FROM p WHERE (SELECT count(*) FROM "FileLine" l WHERE l."paymentId" = p.id AND NOT l."isVoid"
                                                 AND l."amountPence" = p."amountPence"
                                                 -- A building society's roll number is the bank line's reference instead.
                                                 AND (l."fileReference" = p.reference OR p.method = 'BANK')) <> 1)::int AS wrong,
                (SELECT count(DISTINCT l."batchId") FROM "FileLine" l JOIN p ON p.id = l."paymentId")::int AS batches,
                (SELECT count(*) FROM "Batch" b
                 CROSS JOIN LATERAL (SELECT count(*) AS n, coalesce(sum(l."amountPence"), 0) AS pence
                                     FROM "FileLine" l WHERE l."batchId" = b.id AND NOT l."isVoid") t
                 WHERE b.status <> 'VOID' AND (b."paymentCount" <> t.n OR b."totalPence" <> t.pence))::int AS "wrongBatches",
                (SELECT count(*) FROM p WHERE method = 'CASH' AND "paymentCode" IS NULL)::int AS uncoded`,
        [cycle.id],
      );
      expect(lines).toEqual({ paid: expect.any(Number), wrong: 0, batches: 2, wrongBatches: 0, uncoded: 0 });
      expect(lines.paid).toBe(cycle.payments.length - 1);
      expect(await db().fileDownload.count({ where: { batchFile: { kind: "ACCESSPAY_CSV" } } })).toBeGreaterThan(0);
      // The Payout file went to this seed's own folder under the outbox (the history's to one beside it).
      expect(readdirSync(path.join(places, "outbox")).sort()).toEqual([
        expect.stringMatching(/^demo-seed-\d+$/),
        expect.stringMatching(/^demo-seed-\d+-history$/),
      ]);
    });

    it("has this month's cycle waiting for approval with a couple of suspended payments", async () => {
      const cycle = await cycleOf("PENDING_APPROVAL");
      const counts = byStatus(cycle.payments);
      const suspended = (counts["BANK SUSPENDED"] ?? 0) + (counts["CASH SUSPENDED"] ?? 0);
      expect(suspended).toBeGreaterThanOrEqual(2);
      expect(suspended + (counts["BANK DRAFT"] ?? 0) + (counts["CASH DRAFT"] ?? 0)).toBe(cycle.payments.length);
      expect(cycle.payments.length).toBeGreaterThanOrEqual(2000);
    });

    it("keeps every cycle's totals consistent: each payment's lines sum to its amount, and a cycle's payments to its lines", async () => {
      const rows = await sql<{
        status: string;
        payments: number;
        amounts: string;
        lines: string;
        mismatched: number;
        history: number;
      }>(
        `SELECT c.status::text, count(*)::int AS payments, sum(p."amountPence")::text AS amounts, sum(l.pence)::text AS lines,
                count(*) FILTER (WHERE l.pence IS DISTINCT FROM p."amountPence")::int AS mismatched,
                count(*) FILTER (WHERE (SELECT h."toStatus" FROM "PaymentStatusHistory" h WHERE h."paymentId" = p.id
                                        ORDER BY h.id DESC LIMIT 1) IS DISTINCT FROM p.status)::int AS history
         FROM "PaymentCycle" c JOIN "Payment" p ON p."cycleId" = c.id
         LEFT JOIN (SELECT "paymentId", sum("amountPence") AS pence FROM "PaymentLine" GROUP BY "paymentId") l ON l."paymentId" = p.id
         GROUP BY c.status ORDER BY c.status`,
      );
      expect(rows.map((r) => r.status).sort()).toEqual(["APPROVED", "PENDING_APPROVAL"]);
      for (const row of rows) {
        expect(row.mismatched, row.status).toBe(0);
        expect(row.amounts, row.status).toBe(row.lines);
        // Each payment's status history ends in the status it has.
        expect(row.history, row.status).toBe(0);
      }
    });
  });

  it("does nothing the second time", async () => {
    const claims = await db().claim.count();
    const run = seed({ DISBURSE_MODE: "demo" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("already present");
    expect(await db().claim.count()).toBe(claims);
  });
});
