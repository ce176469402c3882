// The message sender: every 5 minutes (vercel.json) at GET /api/cron/send-messages with
// `Authorization: Bearer <CRON_SECRET>`. Raises the "payment codes not uploaded" alerts first
// (they are messages too), then hands due QUEUED messages to GOV.UK Notify. Without
// NOTIFY_API_KEY it answers 200 and sends nothing: messages stay in the outbox.
import { loadBankHolidays } from "@/lib/bank-holidays/load-bank-holidays";
import { withCron } from "@/lib/cron/with-cron";
import { prisma } from "@/lib/db";
import { checkOverdueCodes } from "@/lib/notify/check-overdue-codes";
import { NOT_CONFIGURED } from "@/lib/notify/send-messages";
import { config } from "@/lib/config";
import { sendDueMessagesNow } from "./send-due-messages-now";

export const dynamic = "force-dynamic";

export const GET = withCron(async ({ now }) => {
  const overdue = await checkOverdueCodes(prisma, { now, holidays: await loadBankHolidays(prisma) });
  const alertsRaised = overdue.alerts;
  if (!config().notifyApiKey) return { status: NOT_CONFIGURED, alertsRaised };
  const summary = await sendDueMessagesNow({ now });
  return { status: "sent", alertsRaised, ...summary };
});
