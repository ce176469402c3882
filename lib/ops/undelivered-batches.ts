import type { BatchStatus, RunStatus } from "@/lib/generated/prisma/enums";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { loadBankHolidays } from "@/lib/bank-holidays/load-bank-holidays";
import { loadMissedDownloads } from "@/lib/direct-payments/bank-admin/load-missed-downloads";
import { londonDate } from "@/lib/dates/london-date";
import { AUTO_RESUME_MAX_ATTEMPTS } from "@/lib/runs/acquire-run";
import { ageText, ukTime } from "./ops-format";

// Batches whose files have not reached the other side (docs/support-cli.md#undelivered-batches):
// Payout batches not delivered to the Post Office (STORED after a failed delivery, DELIVERY_UNCERTAIN,
// or with a delivery error), and bank runs whose files nobody downloaded once the day they were made
// has passed (the Bank Admin banner's rule, lib/direct-payments/bank-admin/missed-downloads.ts).

export interface PayoutBatchRow {
  id: string;
  status: BatchStatus;
  createdAt: Date;
  paymentCount: number;
  totalPence: number;
  fileName: string | null;
  deliveryError: string | null;
  runId: string;
  runStatus: RunStatus;
  runAttempts: number;
}

export interface UndeliveredPayoutBatch extends PayoutBatchRow {
  age: string;
  line: string;
  advice: string;
}

/** What to do about each undelivered Payout batch. Pure. */
export function undeliveredPayoutBatches(rows: readonly PayoutBatchRow[], now: Date): UndeliveredPayoutBatch[] {
  return rows.map((row) => {
    const age = ageText(row.createdAt, now);
    const line =
      `payout batch ${row.id}: ${row.status} (${row.fileName ?? "no file yet"}; ${row.paymentCount} payments; made ${ukTime(row.createdAt)}, ${age} ago; run ${row.runId} ${row.runStatus}, attempt ${row.runAttempts})` +
      (row.deliveryError ? `: ${row.deliveryError}` : "");
    return { ...row, age, line, advice: payoutAdvice(row) };
  });
}

function payoutAdvice(row: PayoutBatchRow): string {
  const retry = `an administrator runs npm run ops -- retry-delivery ${row.id} --as <admin email> (or "Retry delivery" on /payout/batches/${row.id})`;
  if (row.status === "DELIVERY_UNCERTAIN")
    return `Nobody can tell whether the Post Office has the file: ask them, then an administrator settles it on /payout/batches/${row.id}. Do not resend it.`;
  if (row.runStatus === "RUNNING") return "A Payout run is delivering it now: look again when the run has finished.";
  if (row.runStatus === "FAILED" && row.runAttempts < AUTO_RESUME_MAX_ATTEMPTS)
    return `The next Payout run sends it again first (attempt ${row.runAttempts + 1} of ${AUTO_RESUME_MAX_ATTEMPTS}); to send it now, ${retry}.`;
  if (row.runStatus === "FAILED") return `Runs no longer retry it by themselves: fix the cause of the error, then ${retry}.`;
  return `Look at the batch on /payout/batches/${row.id}.`;
}

/** Never more than this many Payout batches are listed (oldest first). */
export const UNDELIVERED_LIMIT = 200;

export async function loadUndeliveredPayoutBatches(db: PrismaClient): Promise<PayoutBatchRow[]> {
  const batches = await db.batch.findMany({
    where: {
      method: "CASH",
      OR: [
        { status: { in: ["STORED", "DELIVERY_UNCERTAIN"] } },
        { deliveryError: { not: null }, status: { notIn: ["DELIVERED", "VOID"] } },
      ],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: UNDELIVERED_LIMIT,
    select: {
      id: true,
      status: true,
      createdAt: true,
      paymentCount: true,
      totalPence: true,
      deliveryError: true,
      runId: true,
      run: { select: { status: true, attempts: true } },
      files: { select: { fileName: true }, take: 1 },
    },
  });
  return batches.map((b) => ({
    id: b.id,
    status: b.status,
    createdAt: b.createdAt,
    paymentCount: b.paymentCount,
    totalPence: Number(b.totalPence),
    fileName: b.files[0]?.fileName ?? null,
    deliveryError: b.deliveryError,
    runId: b.runId,
    runStatus: b.run.status,
    runAttempts: b.run.attempts,
  }));
}

export interface UndownloadedBankRun {
  runId: string;
  startedAt: string;
  age: string;
  notDownloaded: string[];
  line: string;
  advice: string;
}

/**
 * Bank runs of the Bank Admin banner's window whose files are not all downloaded, once the London
 * day they were made has passed (a file made today is not late yet).
 */
export async function loadUndownloadedBankRuns(db: PrismaClient, now: Date): Promise<UndownloadedBankRun[]> {
  const holidays = await loadBankHolidays(db);
  const today = londonDate(now);
  return (await loadMissedDownloads(db, now, holidays))
    .filter((m) => londonDate(m.startedAt) < today)
    .map((m) => ({
      runId: m.runId,
      startedAt: m.startedAt.toISOString(),
      age: ageText(m.startedAt, now),
      notDownloaded: m.notDownloaded,
      line: `bank run ${m.runId}: made ${ukTime(m.startedAt)}, ${ageText(m.startedAt, now)} ago; not downloaded: ${m.notDownloaded.join(", ")}`,
      advice:
        "SSCL finance downloads the files on /bank-admin (each download is recorded); if the run should not be paid, an administrator voids its batch there.",
    }));
}
