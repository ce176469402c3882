// The Payout inbox: fetches the Post Office's return files (payment codes, reconciliation reports)
// from PAYOUT_SFTP_INBOX on the Payout SFTP server, imports each as the "Payout inbox" system actor
// through the upload shell, and moves it to processed/ or error/ on the server
// (docs/file-formats.md#incoming-folder). Without PAYOUT_SFTP_INBOX it answers "not configured" and
// does nothing. Scheduled in vercel.json (every 15 minutes) at GET /api/cron/payout-inbox with
// `Authorization: Bearer <CRON_SECRET>`.
import { withCron } from "@/lib/cron/with-cron";
import { fetchPayoutReturnsNow } from "@/lib/payout/inbox/fetch-payout-returns-now";

export const dynamic = "force-dynamic";

export const GET = withCron(({ now }) => fetchPayoutReturnsNow({ now }));
