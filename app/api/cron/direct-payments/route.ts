// The direct-payments run: gathers every NEW bank payment not on hold into an AccessPay CSV and an
// ADI journal, stored write-once, and marks them SENT; also moves SENT payments to PAID after 5
// working days. Scheduled in vercel.json (Mon-Thu and Sun, 00:00 UTC) at
// GET /api/cron/direct-payments with `Authorization: Bearer <CRON_SECRET>`.
import { runDirectPaymentsNow } from "@/lib/direct-payments/run-direct-payments-now";
import { withCron } from "@/lib/cron/with-cron";

export const dynamic = "force-dynamic";

export const GET = withCron(({ now }) => runDirectPaymentsNow({ triggeredBy: "cron", now }));
