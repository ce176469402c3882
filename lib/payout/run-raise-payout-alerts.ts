import type { Db } from "@/lib/db";
import { log } from "@/lib/log";
import { raiseAlert } from "@/lib/notify/raise-alert";
import { AUTO_RESUME_MAX_ATTEMPTS } from "@/lib/runs/acquire-run";
import { errorMessage } from "@/lib/runs/fail-run";
import type { RunLease } from "@/lib/runs/run-lease";
import { PayoutDeliveryFailedError } from "./run-deliver-payout-batch";

// Alerts for support when a Payout run fails (docs/runs.md#payout-run): one per failed run, and one
// per batch whose delivery still fails once the automatic retries are used up. raiseAlert keeps each
// event to one alert and one email per address, however often the run fails again.

export async function raisePayoutRunAlerts(options: {
  db: Db;
  lease: RunLease;
  error: unknown;
  now: Date;
  /** Who is told: SUPPORT_ALERT_EMAILS. */
  addresses: readonly string[];
}): Promise<void> {
  const { db, lease, error, now, addresses } = options;
  const message = errorMessage(error);
  try {
    await db.$transaction(async (tx) => {
      await raiseAlert(tx, {
        kind: "run-failed",
        eventKey: `run-failed:${lease.runId}`,
        message:
          `The Payout run started ${lease.startedAt.toISOString()} failed (attempt ${lease.attempt}): ${message} ` +
          "No payment was marked as sent that was not delivered. The next run retries it; an admin can retry it on the Runs page.",
        runId: lease.runId,
        now,
        addresses,
      });
      if (error instanceof PayoutDeliveryFailedError && lease.attempt >= AUTO_RESUME_MAX_ATTEMPTS) {
        await raiseAlert(tx, {
          kind: "delivery-failed",
          eventKey: `delivery-failed:${error.batchId}`,
          message:
            `${message} This was attempt ${lease.attempt} of its run; no more automatic retries. Its payments stay NEW: ` +
            "once the server is reachable, an admin can retry the delivery on the batch page (the same file is sent).",
          runId: lease.runId,
          batchId: error.batchId,
          now,
          addresses,
        });
      }
    });
  } catch (alertError) {
    // The run's failure is recorded already; a lost alert must not hide it.
    log.error({ err: alertError, runId: lease.runId }, "could not raise the Payout run's alert");
  }
}
