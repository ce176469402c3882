import type { AppConfig } from "@/lib/config/schema";
import { LocalFolderDeliverer } from "./local-folder-deliverer";
import type { PayoutDeliverer } from "./payout-deliverer";

/**
 * Where the Payout run delivers: the Post Office's SFTP server when PAYOUT_SFTP_HOST is set (the
 * config refuses half its settings), otherwise the local outbox folder (PAYOUT_OUTBOX_DIR, by
 * default .data/payout-outbox), which the batch page names as such. The SFTP client is loaded only
 * when it is used.
 */
export async function makePayoutDeliverer(config: AppConfig): Promise<PayoutDeliverer> {
  if (config.payoutSftpHost !== undefined) {
    const { createSftpDeliverer } = await import("./sftp-deliverer");
    return createSftpDeliverer(config);
  }
  return new LocalFolderDeliverer(config.payoutOutboxDir);
}
