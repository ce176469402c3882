import "server-only";
import { config, type AppConfig } from "@/lib/config";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { prisma } from "@/lib/db";
import { createFileStore } from "@/lib/storage";
import type { RunSummary } from "@/lib/runs/run-summary";
import { retryPayoutDelivery } from "./retry-payout-delivery";
import { runPayoutPayments, type PayoutRunSettings, type RunPayoutPaymentsOptions } from "./run-payout-payments";
import { makePayoutDeliverer } from "./transfer/make-payout-deliverer";

/** The Payout run's settings, from the one typed config. */
export function payoutRunSettings(settings: AppConfig): PayoutRunSettings {
  return {
    maxPerFile: settings.payoutMaxPerFile,
    prefix: settings.payoutFilePrefix,
    suffix: settings.payoutFileSuffix,
    letterTemplateCode: settings.payoutLetterTemplateCode,
    voucherValidityDays: settings.voucherValidityDays,
  };
}

async function configured(now: Date): Promise<Omit<RunPayoutPaymentsOptions, "triggeredBy" | "retryRunId">> {
  const settings = config();
  return {
    db: prisma,
    store: createFileStore(settings),
    deliverer: await makePayoutDeliverer(settings),
    key: bankDetailsKey(),
    settings: payoutRunSettings(settings),
    alertAddresses: settings.supportAlertEmails,
    now,
  };
}

/** The configured Payout run, for the cron route, "Run now" and "Retry". */
export async function runPayoutPaymentsNow(options: {
  triggeredBy: string;
  now: Date;
  retryRunId?: string;
}): Promise<RunSummary> {
  return runPayoutPayments({
    ...(await configured(options.now)),
    triggeredBy: options.triggeredBy,
    retryRunId: options.retryRunId,
  });
}

/** An admin's "Retry delivery" of a batch, with the configured store, deliverer and settings. */
export async function retryPayoutDeliveryNow(options: { batchId: string; actor: { id: string; email: string }; now: Date }) {
  return retryPayoutDelivery({ ...(await configured(options.now)), batchId: options.batchId, actor: options.actor });
}
