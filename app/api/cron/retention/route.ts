// The retention policy (docs/security.md#personal-data-over-time): erases the personal details of
// everyone with no claim, enrolment or payment activity for RETENTION_YEARS (default 6), keeping
// their reference and financial records, and audits the run. Scheduled in vercel.json (daily, 02:00
// UTC) at GET /api/cron/retention with `Authorization: Bearer <CRON_SECRET>`; a second run the same
// day finds nobody new to erase.
import { config } from "@/lib/config";
import { withCron } from "@/lib/cron/with-cron";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { prisma } from "@/lib/db";
import { eraseDuePeople } from "@/lib/retention/erase-due-people";

export const dynamic = "force-dynamic";

export const GET = withCron(({ now }) => eraseDuePeople(prisma, { now, years: config().retentionYears, key: bankDetailsKey() }));
