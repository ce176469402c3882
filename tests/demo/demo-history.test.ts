// The demo seed's six weeks of history (docs/demo-history.md) against a fresh database: runs with
// files on past dates, SSCL's downloads, PAID and FAILED payments, a voided batch, Payout codes and
// outcomes, the paid cycle, the status history the services wrote, and a second seed that does nothing.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { londonDate } from "@/lib/dates/london-date";
import { FAILED_LINES, VOID_REASON } from "@/lib/demo/demo-history";
import { useTestDatabase } from "../support/test-db";

const root = path.resolve(import.meta.dirname, "../..");
const { db, url } = useTestDatabase();
const places = mkdtempSync(path.join(os.tmpdir(), "disburse-demo-history-"));
afterAll(() => rmSync(places, { recursive: true, force: true }));

function seed() {
  return spawnSync(path.join(root, "node_modules/.bin/tsx"), ["prisma/seed.mts"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url(),
      DISBURSE_MODE: "demo",
      BANK_DETAILS_KEY: randomBytes(32).toString("base64"),
      BANK_DETAILS_LOOKUP_KEY: randomBytes(32).toString("base64"),
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      FILE_STORE_DIR: path.join(places, "files"),
      PAYOUT_OUTBOX_DIR: path.join(places, "outbox"),
      LOG_LEVEL: "silent",
    } as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 180_000,
  });
}

async function sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url() });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

const userId = async (email: string) => (await db().user.findUniqueOrThrow({ where: { email } })).id;
// The history's claims came through the intake service (source API); the other demo claims are inserted.
const HISTORY = `"claimId" IN (SELECT id FROM "Claim" WHERE source = 'API')`;
let seededAt: Date;

describe("the demo seed's history", () => {
  beforeAll(() => {
    seededAt = new Date();
    const run = seed();
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/six weeks of history \([\d.]+s\): 58 claims, 7 bank runs, 3 Payout runs/);
  }, 180_000);

  it("has weekly direct-payments runs with both files on six past dates, every live file downloaded by SSCL finance", async () => {
    const runs = await db().run.findMany({
      where: { kind: "DIRECT_PAYMENTS", batches: { some: { lines: { some: { payment: { claim: { source: "API" } } } } } } },
      include: { batches: { include: { files: { include: { downloads: { include: { user: true } } } } } } },
      orderBy: { startedAt: "asc" },
    });
    expect(runs).toHaveLength(7);
    const days = new Set(runs.map((r) => londonDate(r.startedAt)));
    expect(days.size).toBe(6);
    const sixWeeksAgo = seededAt.getTime() - 49 * 24 * 3600_000;
    for (const run of runs) {
      expect(run.status).toBe("SUCCEEDED");
      expect(run.startedAt.getTime()).toBeGreaterThan(sixWeeksAgo);
      expect(run.startedAt.getTime()).toBeLessThan(seededAt.getTime() - 24 * 3600_000);
      const files = run.batches.flatMap((b) => b.files);
      expect(files.map((f) => f.kind).sort()).toEqual(["ACCESSPAY_CSV", "ADI_JOURNAL"]);
      // Each file made at its run's time, not when the seed ran.
      for (const file of files) expect(file.createdAt.getTime() - run.startedAt.getTime()).toBeLessThan(3600_000);
      for (const file of files.filter((f) => !f.isVoid)) {
        expect(file.downloads.map((d) => d.user.email)).toEqual(["sscl-finance@demo.disburse.test"]);
        // Downloaded on the run's day (or the next working day), never "now".
        expect(file.downloads[0].downloadedAt.getTime() - run.startedAt.getTime()).toBeGreaterThan(0);
        expect(file.downloads[0].downloadedAt.getTime() - run.startedAt.getTime()).toBeLessThan(5 * 24 * 3600_000);
      }
    }
    expect(runs.filter((r) => r.triggeredBy === "cron")).toHaveLength(6);
  });

  it("has one batch voided by an admin before its download, its payments sent again in the same day's re-run", async () => {
    const voided = await db().batch.findMany({
      where: { status: "VOID", method: "BANK", lines: { some: { payment: { claim: { source: "API" } } } } },
      include: { files: { include: { downloads: true } }, lines: true, run: true },
    });
    expect(voided).toHaveLength(1);
    const [batch] = voided;
    expect(batch.voidReason).toBe(VOID_REASON);
    expect(batch.voidedById).toBe(await userId("admin@demo.disburse.test"));
    expect(batch.files.every((f) => f.isVoid && f.downloads.length === 0)).toBe(true);
    const again = await db().fileLine.findMany({
      where: { paymentId: { in: batch.lines.map((l) => l.paymentId) }, isVoid: false },
      include: { batch: { include: { run: true } } },
    });
    expect(again).toHaveLength(batch.lines.length);
    for (const line of again) {
      expect(line.batch.run.triggeredBy).toBe("sscl-finance@demo.disburse.test");
      expect(londonDate(line.batch.run.startedAt)).toBe(londonDate(batch.run.startedAt));
    }
  });

  it("has bank payments PAID by later runs' sweeps and two FAILED by SSCL's upload, their claims back with caseworkers", async () => {
    const bank = await db().payment.groupBy({
      by: ["status"],
      where: { method: "BANK", claim: { source: "API" } },
      _count: true,
    });
    const count = Object.fromEntries(bank.map((g) => [g.status, g._count]));
    // The last week's run was downloaded, but no later run has swept it yet.
    expect(count).toEqual({ PAID: 6 + 9 + 7 + 10 + 6 - 2, FAILED: 2, SENT: 8 });
    const failed = await db().payment.findMany({
      where: { status: "FAILED", claim: { source: "API" } },
      include: { claim: true },
    });
    expect(failed.map((p) => p.failureReason).sort()).toEqual(FAILED_LINES.map((f) => f.reason).sort());
    expect(
      failed.every((p) => p.claim!.status === "INFORMATION_REQUESTED" && p.claim!.informationRequestKind === "BANK_DETAILS"),
    ).toBe(true);
    const [upload] = await db().upload.findMany({ where: { kind: "SSCL_FAILED_PAYMENTS" }, include: { uploadedBy: true } });
    expect(upload.status).toBe("APPLIED");
    expect(upload.uploadedBy.email).toBe("sscl-finance@demo.disburse.test");
    expect(upload.uploadedAt.getTime()).toBeLessThan(seededAt.getTime());
    // The PAID moves name the run whose sweep made them.
    const [paidBy] = await sql<{ without: number; runs: number }>(
      `SELECT count(*) FILTER (WHERE h."runId" IS NULL)::int AS without, count(DISTINCT h."runId")::int AS runs
       FROM "PaymentStatusHistory" h JOIN "Payment" p ON p.id = h."paymentId"
       WHERE h."toStatus" = 'PAID' AND p.${HISTORY}`,
    );
    expect(paidBy).toEqual({ without: 0, runs: 5 });
  });

  it("has three Payout runs whose vouchers got codes from a caseworker and outcomes from the Post Office's report", async () => {
    const caseworker = await userId("caseworker@demo.disburse.test");
    const cash = await db().payment.findMany({ where: { method: "CASH", claim: { source: "API" } } });
    expect(cash).toHaveLength(12);
    expect(cash.every((p) => p.paymentCode !== null && p.codeIssuedAt! < seededAt)).toBe(true);
    const byStatus: Record<string, number> = {};
    for (const p of cash) byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
    expect(byStatus).toEqual({ CASHED: 7, EXPIRED: 1, CANCELLED: 1, SENT: 3 });
    const uploads = await db().upload.findMany({
      where: { kind: { in: ["PAYOUT_PAYMENT_CODES", "PAYOUT_RECONCILIATION"] }, uploadedById: caseworker, status: "APPLIED" },
    });
    // The benefits demo's own codes and report, and the history's three code files and one report.
    expect(uploads.filter((u) => u.kind === "PAYOUT_PAYMENT_CODES").length).toBeGreaterThanOrEqual(4);
    expect(uploads.filter((u) => u.kind === "PAYOUT_RECONCILIATION")).toHaveLength(2);
    const expired = cash.find((p) => p.status === "EXPIRED")!;
    expect(expired.voucherExpiresOn!.getTime()).toBeLessThan(expired.postOfficeStatusDate!.getTime());
  });

  it("has the recurring benefits' last cycle approved by a second accountant and paid by a run", async () => {
    const cycle = await db().paymentCycle.findFirstOrThrow({ where: { status: "APPROVED" } });
    expect(cycle.decidedById).toBe(await userId("accountant2@demo.disburse.test"));
    const [paid] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Payment" p WHERE p."cycleId" = $1 AND p.status = 'PAID'
         AND EXISTS (SELECT 1 FROM "PaymentStatusHistory" h WHERE h."paymentId" = p.id AND h."toStatus" = 'PAID' AND h."runId" IS NOT NULL)`,
      [cycle.id],
    );
    expect(paid.n).toBeGreaterThan(1000);
  });

  it("has each payment's status history written by the services, in the past and in order, ending in its status", async () => {
    const rows = await sql<{
      reference: string;
      status: string;
      created: Date;
      steps: { to: string; at: string; action: string }[];
    }>(
      `SELECT p.reference, p.status::text, p."createdAt" AS created,
              json_agg(json_build_object('to', h."toStatus", 'at', h.at, 'action', h.action) ORDER BY h.at, h.id) AS steps
       FROM "Payment" p JOIN "PaymentStatusHistory" h ON h."paymentId" = p.id
       WHERE p.${HISTORY} GROUP BY p.id`,
    );
    expect(rows).toHaveLength(58);
    for (const row of rows) {
      const steps = row.steps;
      expect(steps[0], row.reference).toMatchObject({ to: "NEW", action: "payment.created" });
      expect(new Date(steps[0].at).getTime()).toBe(row.created.getTime());
      expect(steps.at(-1)!.to, row.reference).toBe(row.status);
      expect(new Date(steps.at(-1)!.at).getTime()).toBeLessThan(seededAt.getTime() - 24 * 3600_000);
      expect(steps.map((s) => s.to).slice(0, 2)).toEqual(["NEW", "SENT"]);
    }
    // The voided batch's payments went SENT -> NEW -> SENT.
    expect(
      rows.filter((r) =>
        r.steps
          .map((s) => s.to)
          .join(" ")
          .startsWith("NEW SENT NEW SENT"),
      ),
    ).toHaveLength(9);
  });

  it("dates each claim's receipt, approval and messages in the past, as the services recorded them", async () => {
    const [claims] = await sql<{ claims: number; late: number; approvedBefore: number }>(
      `SELECT count(DISTINCT c.id)::int AS claims,
              count(*) FILTER (WHERE e.at > now() - interval '1 day')::int AS late,
              count(*) FILTER (WHERE e.kind = 'claim.approved' AND e.at <= c."createdAt")::int AS "approvedBefore"
       FROM "Claim" c JOIN "ClaimEvent" e ON e."claimId" = c.id WHERE c.source = 'API'`,
    );
    expect(claims).toEqual({ claims: 58, late: 0, approvedBefore: 0 });
    const messages = await sql<{ template: string; n: number; late: number }>(
      `SELECT template, count(*)::int AS n, count(*) FILTER (WHERE "createdAt" > now() - interval '1 day')::int AS late
       FROM "Notification" WHERE ${HISTORY} GROUP BY template ORDER BY template`,
    );
    expect(messages.map((m) => `${m.template} ${m.n}`)).toEqual(
      expect.arrayContaining(["CLAIM_APPROVED 58", "PAYMENT_FAILED 2", "payout-voucher 12"]),
    );
    expect(messages.every((m) => m.late === 0)).toBe(true);
    // The audit log's time is always the database's (docs/security.md): it says when the seed ran.
    const [audit] = await sql<{ n: number; now: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE at > now() - interval '1 day')::int AS now
       FROM "AuditLog" WHERE action = 'claim.approved'`,
    );
    expect(audit).toEqual({ n: 58, now: 58 });
  });

  it("does nothing the second time", async () => {
    const counts = async () => ({
      runs: await db().run.count(),
      payments: await db().payment.count(),
      uploads: await db().upload.count(),
      history: await db().paymentStatusHistory.count(),
      claims: await db().claim.count(),
    });
    const before = await counts();
    const run = seed();
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("already present");
    expect(await counts()).toEqual(before);
  }, 180_000);
});
