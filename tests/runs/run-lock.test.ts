// Exactly once: one RUNNING run per kind, whatever races for it.
import { describe, expect, it } from "vitest";
import { acquireRun } from "@/lib/runs/acquire-run";
import { retryFailedRun } from "@/lib/runs/retry-failed-run";
import { useTestDatabase } from "../support/test-db";
import { expectSentOnce, LEASE_MS, newBankPayments, NOW, run, useTempStore } from "./run-test-support";

const { db } = useTestDatabase();
const store = useTempStore();

describe("the run lock", () => {
  it("lets one of two runs started at the same moment run; the other is told a run is in progress", async () => {
    const payments = await newBankPayments(db(), 3);
    // The winner waits at its first step until the loser has answered, so the race is real.
    let first: Promise<unknown> | undefined;
    const faults = { after: async (step: string) => (step === "acquired" ? void (await first) : undefined) };
    const a = run(db(), store(), { faults });
    const b = run(db(), store(), { faults });
    first = Promise.race([a, b]);
    const results = await Promise.all([a, b]);

    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual(["BUSY", "SUCCEEDED"]);
    const winner = results.find((r) => r.status === "SUCCEEDED")!;
    const loser = results.find((r) => r.status === "BUSY")!;
    expect(loser).toMatchObject({ runId: winner.runId, error: "A direct-payments run is in progress", files: [] });
    expect(await db().run.count()).toBe(1);
    expect(await db().batch.count()).toBe(1);
    await expectSentOnce(
      db(),
      payments.map((p) => p.id),
    );
  });

  it("gives the lock to exactly one of many acquirers, and to nobody while a run holds a live lease", async () => {
    const now = new Date(NOW.getTime() + 3_600_000);
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () =>
        acquireRun({ db: db(), kind: "DIRECT_PAYMENTS", now, triggeredBy: "race", leaseMs: LEASE_MS }),
      ),
    );
    const won = attempts.filter((a) => a.acquired);
    expect(won).toHaveLength(1);
    const runId = won[0].acquired ? won[0].lease.runId : "";
    expect(attempts.filter((a) => !a.acquired)).toEqual(
      Array.from({ length: 7 }, () => ({ acquired: false, runningRunId: runId })),
    );

    // Within the lease: busy. Another kind has its own lock.
    expect(
      await acquireRun({
        db: db(),
        kind: "DIRECT_PAYMENTS",
        now: new Date(now.getTime() + LEASE_MS - 1),
        triggeredBy: "t",
        leaseMs: LEASE_MS,
      }),
    ).toEqual({ acquired: false, runningRunId: runId });
    const payout = await acquireRun({ db: db(), kind: "PAYOUT", now, triggeredBy: "t", leaseMs: LEASE_MS });
    expect(payout.acquired).toBe(true);
    expect(await db().run.count({ where: { status: "RUNNING" } })).toBe(2);

    // Past the lease the holder is presumed dead: the run is taken over, same id and start time.
    const later = new Date(now.getTime() + LEASE_MS + 1);
    const takeovers = await Promise.all(
      [1, 2, 3].map(() => acquireRun({ db: db(), kind: "DIRECT_PAYMENTS", now: later, triggeredBy: "t", leaseMs: LEASE_MS })),
    );
    const took = takeovers.filter((a) => a.acquired);
    expect(took).toHaveLength(1);
    expect(took[0].acquired && took[0].lease).toMatchObject({ runId, startedAt: now, attempt: 2, resumed: true });
    expect(await db().auditLog.count({ where: { entityId: runId, action: "run.taken-over" } })).toBe(1);
  });

  it("retries only a failed run", async () => {
    const [anyRun] = await db().run.findMany({ where: { status: "RUNNING" }, take: 1 });
    await expect(retryFailedRun({ db: db(), runId: anyRun.id, now: NOW, triggeredBy: "admin" })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    await expect(
      retryFailedRun({ db: db(), runId: "00000000-0000-4000-8000-000000000000", now: NOW, triggeredBy: "admin" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
