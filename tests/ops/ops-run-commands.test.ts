// run-now, retry-delivery, stuck-runs and undelivered-batches through the CLI's core, on the
// configured services (the same entry points as "Run now" and "Retry delivery" on the web).
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "@/lib/ops/ops-command";
import { LocalFileStore } from "@/lib/storage/local-file-store";
import { approveClaim } from "../support/approve-claim";
import { makeClaim } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import type { RouteEnv } from "../support/fresh-routes";
import { key, newCashPayments, NOW, payout, UnreachableDeliverer } from "../payout/run-payout-test-support";
import { OS_USER, opsAuditRows, opsEnv, useOps } from "./ops-test-support";

const { db, url } = useTestDatabase();
let env: RouteEnv | undefined;
const settings = () => (env ??= opsEnv(url(), key));
const ops = useOps(settings);

let finance: { id: string; email: string };
let admin: { id: string; email: string };
beforeAll(async () => {
  finance = await makeUser(db(), { role: "SSCL_FINANCE" });
  admin = await makeUser(db(), { role: "ADMIN" });
});

describe("run-now", () => {
  it("payout with nothing waiting: EMPTY, exit 0", async () => {
    const { code, out, err } = await ops(["run-now", "payout", "--as", finance.email]);
    expect([code, err]).toEqual([EXIT.OK, ""]);
    expect(out).toMatch(/^Payout run [0-9a-f-]{36}: no cash \(Payout\) payments were waiting\. No files were made\.$/);
  });

  it("bank: pays what is waiting, prints the summary, the run triggered by the --as user, audited", async () => {
    const caseworker = await makeUser(db(), { role: "CASEWORKER" });
    const { claim } = await makeClaim(db(), key, { lines: [1240, 3000] });
    const payment = await approveClaim(db(), key, claim, caseworker);

    const { code, out, err } = await ops(["run-now", "bank", "--as", finance.email]);
    expect([code, err]).toEqual([EXIT.OK, ""]);
    const run = await db().run.findFirstOrThrow({
      where: { kind: "DIRECT_PAYMENTS", status: "SUCCEEDED" },
      include: { batches: { include: { files: true } } },
    });
    expect(run.triggeredBy).toBe(finance.email);
    const lines = out.split("\n");
    expect(lines.slice(0, 4)).toEqual([`Bank run ${run.id}: SUCCEEDED`, "Payments: 1 payment, £42.40", "Held: 0", "Files: 2"]);
    for (const file of run.batches[0].files) {
      const count = `${file.lineCount} ${file.lineCount === 1 ? "line" : "lines"}`;
      expect(out).toContain(`  ${file.kind} ${file.fileName}: ${count}, £42.40, sha256 ${file.sha256}`);
    }
    expect(out).toContain(`Batch ${run.batches[0].id}: /bank-admin#run-${run.id}`);
    expect(await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "SENT" });
    const [row] = (await opsAuditRows(db())).slice(-1);
    expect(row).toMatchObject({
      actorId: finance.id,
      action: "ops.run-now",
      after: { positionals: ["bank"], osUser: OS_USER, exitCode: 0 },
    });
    // The run audits itself as on the web: the system run, labelled with who pressed.
    expect(await db().auditLog.findFirst({ where: { action: "run.started", entityId: run.id } })).toMatchObject({
      actorLabel: `direct-payments run (${finance.email})`,
    });
  });

  it("exit 5 while a run of the kind is running; --json prints the summary", async () => {
    const running = await db().run.create({
      data: {
        kind: "DIRECT_PAYMENTS",
        status: "RUNNING",
        startedAt: new Date(),
        triggeredBy: "cron",
        leaseUntil: new Date(Date.now() + 600_000),
      },
    });
    const { code, out, err } = await ops(["run-now", "bank", "--as", admin.email, "--json"]);
    expect(code).toBe(EXIT.BUSY);
    expect(JSON.parse(out)).toMatchObject({ status: "BUSY", runId: running.id, kind: "DIRECT_PAYMENTS" });
    expect(err).toBe(`A bank run is already running (run ${running.id}). Try again when it has finished.`);
    expect((await opsAuditRows(db())).at(-1)).toMatchObject({
      action: "ops.run-now",
      after: { exitCode: 5, options: { json: true } },
    });

    // Its lease is live: not stuck. Past its lease: stuck, and the next run takes it over.
    expect(JSON.parse((await ops(["stuck-runs", "--as", finance.email, "--json"])).out)).toEqual([]);
    const later = new Date(Date.now() + 3_600_000);
    const stuck = await ops(["stuck-runs", "--as", finance.email], later);
    expect(stuck.code).toBe(EXIT.OK);
    expect(stuck.out.split("\n")[0]).toBe("1 run needs attention:");
    expect(stuck.out).toContain(`bank run ${running.id}: RUNNING past its lease (started `);
    expect(stuck.out).toContain("What to do: Its worker stopped (a crash or a restart). The next bank run takes it over");
    expect(stuck.out).toContain("npm run ops -- run-now bank --as <email>");
    await db().run.delete({ where: { id: running.id } });
  });
});

describe("a Payout batch whose delivery failed", () => {
  let batchId: string;
  let runId: string;
  beforeAll(async () => {
    await newCashPayments(db(), 2);
    const store = new LocalFileStore(settings().FILE_STORE_DIR!);
    const summary = await payout(db(), { store, deliverer: new UnreachableDeliverer() }, { now: NOW });
    expect(summary.status).toBe("FAILED");
    runId = summary.runId!;
    batchId = (await db().batch.findFirstOrThrow({ where: { runId } })).id;
  });

  it("stuck-runs and undelivered-batches name it, with what to do", async () => {
    const now = new Date(NOW.getTime() + 2 * 3_600_000);
    const stuck = await ops(["stuck-runs", "--as", finance.email, "--json"], now);
    expect(JSON.parse(stuck.out)).toEqual([
      expect.objectContaining({
        id: runId,
        kind: "payout",
        status: "FAILED",
        problem: "FAILED_HOLDS_PAYMENTS",
        age: "2 h",
        attempts: 1,
        batchIds: [batchId],
        error: expect.stringContaining("ECONNREFUSED"),
        advice: expect.stringContaining("The next payout run finishes it first (attempt 2 of 3)"),
      }),
    ]);
    const undelivered = await ops(["undelivered-batches", "--as", admin.email], now);
    expect(undelivered.code).toBe(EXIT.OK);
    const lines = undelivered.out.split("\n");
    expect(lines[0]).toBe("Payout: 1 batch is not delivered:");
    expect(lines[1]).toMatch(
      new RegExp(
        `^payout batch ${batchId}: STORED \\(disburse_payout_.*; 2 payments; made 22 Nov 2026, 10:15, .* ago; run ${runId} FAILED, attempt 1\\): .*ECONNREFUSED`,
      ),
    );
    expect(lines[2]).toContain(`npm run ops -- retry-delivery ${batchId} --as <admin email>`);
    const json = JSON.parse((await ops(["undelivered-batches", "--as", admin.email, "--json"], now)).out);
    expect(json.payout).toEqual([
      expect.objectContaining({ id: batchId, status: "STORED", paymentCount: 2, runStatus: "FAILED" }),
    ]);
  });

  it("retry-delivery: only an admin; delivers the stored file, audited by lib as the admin; then nothing to retry", async () => {
    expect((await ops(["retry-delivery", batchId, "--as", finance.email])).code).toBe(EXIT.NOT_PERMITTED);
    expect((await ops(["retry-delivery", randomUUID(), "--as", admin.email])).code).toBe(EXIT.NOT_FOUND);

    const { code, out, err } = await ops(["retry-delivery", batchId, "--as", admin.email], new Date(NOW.getTime() + 60_000));
    expect([code, err]).toEqual([EXIT.OK, ""]);
    expect(out).toContain(`Payout run ${runId}: SUCCEEDED (resumed, attempt 2)`);
    expect(out).toContain(`Batch ${batchId}: /payout/batches/${batchId}`);
    expect(out.split("\n").at(-1)).toBe(`Batch ${batchId}: DELIVERED. Its payments are sent.`);
    const batch = await db().batch.findUniqueOrThrow({ where: { id: batchId }, include: { files: true } });
    expect(batch.status).toBe("DELIVERED");
    expect(readdirSync(settings().PAYOUT_OUTBOX_DIR!)).toContain(batch.files[0].fileName);
    expect(await db().auditLog.findFirst({ where: { action: "batch.delivery-retried", entityId: batchId } })).toMatchObject({
      actorId: admin.id,
    });

    const again = await ops(["retry-delivery", batchId.toUpperCase(), "--as", admin.email]);
    expect(again.code).toBe(EXIT.FAILED);
    expect(again.err).toBe("This batch has been delivered: there is nothing to retry.");
    expect((await opsAuditRows(db())).at(-1)).toMatchObject({ action: "ops.retry-delivery", after: { exitCode: 1 } });
    expect(JSON.parse((await ops(["undelivered-batches", "--as", admin.email, "--json"])).out).payout).toEqual([]);
  });
});

describe("stuck-runs: a failed run that waits for an admin", () => {
  it("after 3 attempts, says an admin's Retry (or retry-delivery) is needed", async () => {
    const run = await db().run.create({
      data: {
        kind: "PAYOUT",
        status: "FAILED",
        startedAt: new Date("2026-11-20T09:00:00Z"),
        triggeredBy: "cron",
        attempts: 3,
        error: "Delivery failed",
        batches: { create: { method: "CASH", status: "STORED", paymentCount: 1, totalPence: 500n, deliveryError: "refused" } },
      },
      include: { batches: true },
    });
    const { out } = await ops(["stuck-runs", "--as", admin.email], new Date("2026-11-23T09:00:00Z"));
    expect(out).toContain(`payout run ${run.id}: FAILED (started 20 Nov 2026, 09:00, 3 days ago; attempt 3): Delivery failed`);
    expect(out).toContain(
      `What to do: It has failed 3 times, so runs no longer finish it by themselves and its payments wait: fix the cause of the error, then an administrator presses Retry on /runs (or npm run ops -- retry-delivery ${run.batches[0].id} --as <admin email>).`,
    );
    await db().batch.deleteMany({ where: { runId: run.id } });
    await db().run.delete({ where: { id: run.id } });
  });
});

describe("undelivered-batches: bank files", () => {
  it("lists a bank run's files nobody downloaded once the day they were made has passed", async () => {
    const run = await db().run.findFirstOrThrow({
      where: { kind: "DIRECT_PAYMENTS", status: "SUCCEEDED" },
      include: { batches: { include: { files: true } } },
    });
    const today = await ops(["undelivered-batches", "--as", finance.email], new Date(run.startedAt.getTime() + 60_000));
    expect(today.out).toContain("Bank: every file made before today has been downloaded.");
    const later = await ops(
      ["undelivered-batches", "--as", finance.email, "--json"],
      new Date(run.startedAt.getTime() + 3 * 86_400_000),
    );
    const names = run.batches[0].files.map((f) => f.fileName).sort();
    expect(JSON.parse(later.out).bank).toEqual([
      expect.objectContaining({
        runId: run.id,
        notDownloaded: expect.arrayContaining(names),
        advice: expect.stringContaining("/bank-admin"),
      }),
    ]);
  });
});
