import "server-only";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { createFileStore } from "@/lib/storage";
import { MB } from "@/lib/uploads/upload-limits";
import { fetchPayoutReturns, type InboxRunResult } from "./fetch-payout-returns";
import { configuredSftpInbox } from "./sftp-inbox";

/** The configured inbox fetch, for the cron route: nothing at all without PAYOUT_SFTP_INBOX. */
export async function fetchPayoutReturnsNow(options: { now: Date }): Promise<InboxRunResult> {
  const settings = config();
  if (settings.payoutSftpInbox === undefined) {
    return { status: "NOT_CONFIGURED", message: "PAYOUT_SFTP_INBOX is not set: no return files are fetched." };
  }
  const server = configuredSftpInbox(settings);
  if (server === undefined) {
    return {
      status: "NOT_CONFIGURED",
      message: "PAYOUT_SFTP_INBOX is set but PAYOUT_SFTP_HOST is not: the inbox is a folder on the Payout SFTP server.",
    };
  }
  return fetchPayoutReturns({
    db: prisma,
    store: createFileStore(settings),
    server,
    now: options.now,
    maxBytes: settings.uploadMaxMb * MB,
    voucherValidityDays: settings.voucherValidityDays,
    alertAddresses: settings.supportAlertEmails,
  });
}
