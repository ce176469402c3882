import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { AuditActor } from "@/lib/audit/record-audit";
import type { FileStore } from "@/lib/storage";
import { executeRun } from "@/lib/runs/execute-run";
import { heartbeat } from "@/lib/runs/heartbeat";
import { clockFrom, type Clock } from "@/lib/runs/run-clock";
import { reached, type RunFaults } from "@/lib/runs/run-faults";
import type { RunLease } from "@/lib/runs/run-lease";
import type { RunSummary } from "@/lib/runs/run-summary";
import { runPgTransaction } from "@/lib/runs/run-transaction";
import { deliverPayoutBatch } from "./run-deliver-payout-batch";
import { finishPayoutRunIfDone } from "./run-finish-payout-run";
import { markPayoutBatchSent } from "./run-mark-payout-batch-sent";
import { raisePayoutRunAlerts } from "./run-raise-payout-alerts";
import { selectCashPayments } from "./run-select-cash-payments";
import { storePayoutFiles, type PayoutFileSettings } from "./run-store-payout-files";
import type { PayoutDeliverer } from "./transfer/payout-deliverer";

// The Payout run (docs/runs.md#payout-run; its file: docs/file-formats.md#payout-payment-file): the
// imperative shell, shaped like the direct-payments run. Each step is wholly done or not at all and
// safe to do again, so a retry of a crashed or failed run picks up where it stopped with the same
// run id, start time, batches, file names and bytes:
//
//   acquired   the run lock (a new run, a crashed one taken over, or a failed one retried)
//   selected   cash payments locked, bad ones held, one batch per file of at most PAYOUT_MAX_PER_FILE
//              with the day's next sequence numbers, and their lines (or EMPTY)
//   stored     each batch's file, made from its lines' own copies, in the write-once store; batch STORED
//   delivered  per batch: the stored bytes to the Post Office (SFTP, or the local outbox folder),
//              every attempt recorded; an attempt that may have renamed is never repeated blindly
//   sent       per batch, one transaction: payments SENT with the batch id, batch DELIVERED,
//              voucher expiry; the run SUCCEEDED with its last batch
//
// No payment is SENT before its file's rename succeeded. A delivery that fails leaves its payments
// NEW, the error on the batch, and the run FAILED: the next run (or an admin's retry) sends the same
// bytes. A batch whose delivery cannot be known waits for an admin (DELIVERY_UNCERTAIN), and the run
// stays FAILED until then.

export const PAYOUT_STEPS = ["acquired", "selected", "stored", "delivered", "sent"] as const;
export type PayoutStep = (typeof PAYOUT_STEPS)[number];

export interface PayoutRunSettings extends PayoutFileSettings {
  /** PAYOUT_MAX_PER_FILE: a run with more payments makes several batches, one file each. */
  maxPerFile: number;
  /** VOUCHER_VALIDITY_DAYS: a voucher expires this many days after its file's delivery date. */
  voucherValidityDays: number;
}

export interface RunPayoutPaymentsOptions {
  db: Db;
  store: FileStore;
  deliverer: PayoutDeliverer;
  /** The bank-details key: encrypts each file line's copy of what it pays to, and decrypts it to store the file. */
  key: Buffer;
  settings: PayoutRunSettings;
  /** The run's start time when it is a new run; a resumed run keeps the one it began with. */
  now: Date;
  /** "cron", or who pressed "Run now" / "Retry": kept on the run, each delivery attempt and the audit log. */
  triggeredBy: string;
  /** Support's addresses (SUPPORT_ALERT_EMAILS): a failed run raises an alert to them. */
  alertAddresses: readonly string[];
  /** The admin's "Retry" of this FAILED Payout run; without it the schedule's rules apply (acquireRun). */
  retryRunId?: string;
  leaseMs?: number;
  /** Defaults to `now` advancing in real time; leases and timestamps follow it. */
  clock?: Clock;
  faults?: RunFaults;
}

export async function runPayoutPayments(options: RunPayoutPaymentsOptions): Promise<RunSummary> {
  const { db, store, deliverer, key, settings, now, triggeredBy, alertAddresses, faults } = options;
  const clock = options.clock ?? clockFrom(now);
  const step = (name: PayoutStep) => reached(faults, name);

  return executeRun({
    db,
    kind: "PAYOUT",
    now,
    clock,
    triggeredBy,
    retryRunId: options.retryRunId,
    leaseMs: options.leaseMs,
    steps: async ({ lease, actor }) => {
      await step("acquired");
      const selection = await selectCashPayments({
        db,
        lease,
        key,
        now: clock(),
        actor,
        maxPerFile: settings.maxPerFile,
        letterTemplateCode: settings.letterTemplateCode,
      });
      await step("selected");
      if (selection.outcome !== "BATCHES") return;
      await storePayoutFiles({ db, store, lease, key, settings, clock });
      await step("stored");
      let finished = false;
      for (const batchId of selection.batchIds) {
        await heartbeat({ db, lease, now: clock() });
        const delivery = await deliverPayoutBatch({ db, store, deliverer, lease, batchId, clock, triggeredBy, actor });
        if (delivery !== "DELIVERED") continue;
        await step("delivered");
        const { voucherValidityDays } = settings;
        finished = await markPayoutBatchSent({ db, lease, batchId, voucherValidityDays, now: clock(), actor });
        await step("sent");
      }
      if (!finished) await finishOrExplain(db, lease, clock(), actor);
    },
    onFailed: ({ lease, error }) => raisePayoutRunAlerts({ db, lease, error, now: clock(), addresses: alertAddresses }),
  });
}

/**
 * After the batches: the run SUCCEEDED when every one is sent (a resumed run whose last batch was
 * sent already, or settled by an admin), or an error naming what waits for an admin.
 */
async function finishOrExplain(db: Db, lease: RunLease, now: Date, actor: AuditActor): Promise<void> {
  await runPgTransaction(db, lease, async (tx) => {
    const { finished, progress } = await finishPayoutRunIfDone(tx, lease, { now, actor });
    if (finished) return;
    if (progress.uncertain.length > 0) {
      const files = progress.uncertain.map((b) => b.fileName ?? b.batchId).join(", ");
      throw new AppError(
        "INVALID_STATE",
        `Delivery of ${files} is uncertain: an admin must settle it with the Post Office on the batch page ` +
          "(confirm delivered, or return to NEW). Nothing was resent.",
      );
    }
    throw new Error(`Payout run ${lease.runId} has ${progress.pending} batches left to deliver after its delivery step`);
  });
}
