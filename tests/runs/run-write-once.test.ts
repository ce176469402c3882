// Stored files are write-once: a retry that finds different bytes under its key fails the run
// loudly, naming the key, and overwrites nothing.
import { describe, expect, it } from "vitest";
import { accessPayFileName } from "@/lib/direct-payments/accesspay/format-accesspay";
import { AUTO_RESUME_MAX_ATTEMPTS } from "@/lib/runs/acquire-run";
import { runFileKey } from "@/lib/storage";
import { useTestDatabase } from "../support/test-db";
import { expectAllOrNothing, newBankPayments, NOW, run, useTempStore } from "./run-test-support";

const { db } = useTestDatabase();
const store = useTempStore();

describe("write-once storage in a run", () => {
  it("fails the run when its AccessPay key already holds different bytes, and leaves them alone", async () => {
    const payments = await newBankPayments(db(), 2);
    const ids = payments.map((p) => p.id);
    // Someone else's bytes arrive at the run's key between selection and storage.
    let csvKey = "";
    const intruder = Buffer.from("010203,12345678,Not Ours,999.99,XXXXXXX-01\n", "ascii");
    const faults = {
      after: async (step: string) => {
        if (step !== "selected") return;
        const runRow = await db().run.findFirstOrThrow({ where: { startedAt: NOW } });
        csvKey = runFileKey({ runStartedAt: runRow.startedAt, runId: runRow.id, fileName: accessPayFileName(runRow.startedAt) });
        await store().putOnce(csvKey, intruder, "text/csv");
      },
    };
    const summary = await run(db(), store(), { faults });
    expect(summary).toMatchObject({ status: "FAILED", files: [] });
    expect(summary.error).toContain(`Write-once conflict at "${csvKey}"`);
    await expectAllOrNothing(db(), summary.runId!, ids);
    expect(await store().get(csvKey)).toEqual(intruder);

    // Retrying cannot get past it either: the file must be looked at by a person.
    const retried = await run(db(), store(), {
      now: new Date(NOW.getTime() + 60_000),
      retryRunId: summary.runId!,
      triggeredBy: "admin@test",
    });
    expect(retried).toMatchObject({
      status: "FAILED",
      runId: summary.runId,
      attempts: 2,
      error: expect.stringContaining(csvKey),
    });
    await expectAllOrNothing(db(), summary.runId!, ids);
    expect(await store().get(csvKey)).toEqual(intruder);

    // The schedule tries it once more (attempt 3), then leaves it to a person and goes on with
    // other payments; the stuck run's payments stay in its batch, never in a second file.
    const scheduled = await run(db(), store(), { now: new Date(NOW.getTime() + 120_000), triggeredBy: "cron" });
    expect(scheduled).toMatchObject({
      status: "FAILED",
      runId: summary.runId,
      attempts: AUTO_RESUME_MAX_ATTEMPTS,
      resumed: true,
    });
    const [later] = await newBankPayments(db(), 1);
    const next = await run(db(), store(), { now: new Date(NOW.getTime() + 180_000), triggeredBy: "cron" });
    expect(next).toMatchObject({ status: "SUCCEEDED", resumed: false, payments: 1 });
    expect(next.runId).not.toBe(summary.runId);
    expect(await db().fileLine.findMany({ where: { batch: { runId: next.runId! } }, select: { paymentId: true } })).toEqual([
      { paymentId: later.id },
    ]);
    await expectAllOrNothing(db(), summary.runId!, ids);
    expect(await store().get(csvKey)).toEqual(intruder);
  });
});
