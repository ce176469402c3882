import type { Db } from "@/lib/db";
import type { FileStore } from "@/lib/storage";
import { executeRun } from "@/lib/runs/execute-run";
import { heartbeat } from "@/lib/runs/heartbeat";
import { clockFrom, type Clock } from "@/lib/runs/run-clock";
import { reached, type RunFaults } from "@/lib/runs/run-faults";
import type { RunSummary } from "@/lib/runs/run-summary";
import { storeRunFile } from "@/lib/batches/store-run-file";
import { sweepPaidBankPayments } from "./run-paid-sweep";
import { markDirectPaymentsSent } from "./run-mark-direct-payments-sent";
import { prepareDirectPaymentFiles, storeAccessPayFile } from "./run-prepare-direct-payment-files";
import { selectBankPayments } from "./run-select-bank-payments";

// The direct-payments run (docs/runs.md#steps; its files: docs/file-formats.md#accesspay-csv and
// docs/file-formats.md#adi-journal): the imperative shell. It reads, calls the pure formats,
// stores, and updates statuses, in this order, each step either wholly done or not at all, and
// each safe to do again, so a retry of a crashed or failed run picks up where it stopped with the
// same run id, start time, file names and bytes:
//
//   acquired          the run lock (a new run, a crashed one taken over, or a failed one retried)
//   paid-swept        SENT -> PAID 5 working days after the AccessPay file's first download
//   selected          payments locked, bad ones held, batch and file lines written (or EMPTY)
//   accesspay-stored  the CSV, rebuilt from the stored lines, in the write-once store
//   journal-stored    the ADI journal in the store (an earlier attempt's copy reused)
//   sent              BatchFile rows, batch STORED, payments SENT, run SUCCEEDED: one transaction
//
// Set-based and streaming: each step takes the same number of SQL statements whatever the number
// of payments, and memory does not grow with it. Payments and lines stream through the pure checks
// and formats (COPY out, COPY back in); the AccessPay file streams into the store; the journal and
// the totals checks need only sums, counted in SQL.
//
// Until "sent" commits no payment is SENT and no file is downloadable; a crash before it leaves the
// run RUNNING (taken over once its lease runs out) or FAILED (retried by an admin or, when its
// payments are already in its batch, by the next scheduled runs: see acquireRun).

export const DIRECT_PAYMENTS_STEPS = [
  "acquired",
  "paid-swept",
  "selected",
  "accesspay-stored",
  "journal-stored",
  "sent",
] as const;
export type DirectPaymentsStep = (typeof DIRECT_PAYMENTS_STEPS)[number];

export interface RunDirectPaymentsOptions {
  db: Db;
  store: FileStore;
  /** The bank-details key: decrypts the claimants' details, encrypts each file line's copy. */
  key: Buffer;
  /** The ADI journal template's bytes and its extension ("xlsx", "xlsm"), kept in the file name. */
  template: Buffer;
  templateExtension: string;
  /** The run's start time when it is a new run; a resumed run keeps the one it began with. */
  now: Date;
  /** "cron", or who pressed "Run now" / "Retry": kept on the run and in the audit log. */
  triggeredBy: string;
  /** England and Wales bank holidays (YYYY-MM-DD), for the PAID rule. */
  holidays: ReadonlySet<string>;
  /** The admin's "Retry" of this FAILED run; without it the schedule's rules apply (acquireRun). */
  retryRunId?: string;
  leaseMs?: number;
  /** Defaults to `now` advancing in real time; leases and timestamps follow it. */
  clock?: Clock;
  faults?: RunFaults;
}

export async function runDirectPayments(options: RunDirectPaymentsOptions): Promise<RunSummary> {
  const { db, store, key, template, templateExtension, now, holidays, faults } = options;
  const clock = options.clock ?? clockFrom(now);
  const step = (name: DirectPaymentsStep) => reached(faults, name);

  return executeRun({
    db,
    kind: "DIRECT_PAYMENTS",
    now,
    clock,
    triggeredBy: options.triggeredBy,
    retryRunId: options.retryRunId,
    leaseMs: options.leaseMs,
    steps: async ({ lease, actor }) => {
      await step("acquired");
      await sweepPaidBankPayments({ db, lease, now: clock(), holidays, actor });
      await step("paid-swept");

      const selection = await selectBankPayments({ db, lease, key, now: clock(), actor });
      await step("selected");
      if (selection.outcome !== "BATCH") return;
      await heartbeat({ db, lease, now: clock() });
      const files = await prepareDirectPaymentFiles({ db, store, lease, template, templateExtension });
      const accessPay = await storeAccessPayFile({ db, store, key, lease, batch: files.batch });
      await step("accesspay-stored");
      await heartbeat({ db, lease, now: clock() });
      const journal = await storeRunFile({ store, lease, file: files.journal });
      await step("journal-stored");
      const batchId = files.batch.batchId;
      await markDirectPaymentsSent({ db, lease, batchId, files: [accessPay, journal], now: clock(), actor });
      await step("sent");
    },
  });
}
