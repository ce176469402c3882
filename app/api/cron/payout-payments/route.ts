// The Payout run: gathers every NEW cash payment not on hold into Payout files (one per batch of at
// most PAYOUT_MAX_PER_FILE), stores them write-once, delivers them to the Post Office (SFTP, or the
// local outbox folder without SFTP settings) and marks the delivered payments SENT. Scheduled in
// vercel.json (daily, 01:00 UTC) at GET /api/cron/payout-payments with
// `Authorization: Bearer <CRON_SECRET>`.
import { runPayoutPaymentsNow } from "@/lib/payout/run-payout-payments-now";
import { withCron } from "@/lib/cron/with-cron";
import { sendDueMessagesAfterResponse } from "../send-messages/send-due-messages-now";

export const dynamic = "force-dynamic";

export const GET = withCron(async ({ now }) => {
  const summary = await runPayoutPaymentsNow({ triggeredBy: "cron", now });
  // A failed run raised an alert to support: email it now rather than at the next send-messages cron.
  if (summary.status === "FAILED") sendDueMessagesAfterResponse();
  return summary;
});
