import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { config } from "@/lib/config";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { loadBankHolidays } from "@/lib/bank-holidays/load-bank-holidays";
import { prisma } from "@/lib/db";
import { createFileStore } from "@/lib/storage";
import type { RunSummary } from "@/lib/runs/run-summary";
import { runDirectPayments } from "./run-direct-payments";

/** The configured direct-payments run, for the cron route and (later) "Run now" and "Retry". */
export async function runDirectPaymentsNow(options: {
  triggeredBy: string;
  now: Date;
  retryRunId?: string;
}): Promise<RunSummary> {
  const settings = config();
  const template = await readFile(settings.adiTemplatePath);
  const holidays = await loadBankHolidays(prisma);
  return runDirectPayments({
    db: prisma,
    store: createFileStore(settings),
    key: bankDetailsKey(),
    template,
    templateExtension: path.extname(settings.adiTemplatePath).slice(1).toLowerCase(),
    now: options.now,
    triggeredBy: options.triggeredBy,
    retryRunId: options.retryRunId,
    holidays,
  });
}
