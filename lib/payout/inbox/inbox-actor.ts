import { recordAuditSql } from "@/lib/audit/record-audit";
import type { Role } from "@/lib/auth/roles";
import type { Db } from "@/lib/db";
import { SYSTEM_USER_DOMAIN } from "@/lib/users/system-users";

/**
 * The "Payout inbox" system actor (docs/file-formats.md#incoming-folder). Every upload records who
 * made it (Upload.uploadedById, a User), so the inbox is a User row that nobody can sign in as:
 *
 * - an email under the reserved `.invalid` domain (RFC 2606), so it can never receive mail or clash
 *   with a person's address;
 * - a password hash that is not an argon2 hash at all ("!"), so no password verifies against it,
 *   and the account disabled, which sign-in and every session check refuse on their own;
 * - the role is not what keeps it out (every role has some page): ACCOUNTANT, which has nothing to
 *   do with Payout, so even a signed-in "inbox" could not upload or see a return file.
 *
 * What it may do is decided in code: the inbox cron imports the two Payout return kinds with it and
 * nothing else. It is made on first use, and each run puts these fields back, so an admin who reset
 * its password or enabled it by mistake is undone within one run.
 */

export const PAYOUT_INBOX_EMAIL = `payout-inbox@${SYSTEM_USER_DOMAIN}`;
export const PAYOUT_INBOX_NAME = "Payout inbox";
export const PAYOUT_INBOX_ROLE: Role = "ACCOUNTANT";
/** Not a PHC string: argon2's verify fails on it for every password. */
export const UNUSABLE_PASSWORD_HASH = "!";

export type InboxActor = { id: string; email: string };

export async function ensureInboxActor(db: Db, now: Date): Promise<InboxActor> {
  const at = now.toISOString();
  const [actor] = await db.$queryRaw<(InboxActor & { created: boolean })[]>`
    INSERT INTO "User" (id, email, name, role, "passwordHash", "mustChangePassword", "disabledAt", "createdAt", "updatedAt")
    VALUES (gen_random_uuid(), ${PAYOUT_INBOX_EMAIL}, ${PAYOUT_INBOX_NAME}, ${PAYOUT_INBOX_ROLE}::"Role", ${UNUSABLE_PASSWORD_HASH},
            false, (${at}::timestamptz AT TIME ZONE 'UTC'), (${at}::timestamptz AT TIME ZONE 'UTC'),
            (${at}::timestamptz AT TIME ZONE 'UTC'))
    ON CONFLICT (email) DO UPDATE
      SET name = EXCLUDED.name, role = EXCLUDED.role, "passwordHash" = EXCLUDED."passwordHash", "mustChangePassword" = false,
          "disabledAt" = coalesce("User"."disabledAt", EXCLUDED."disabledAt"), "updatedAt" = EXCLUDED."updatedAt"
      WHERE "User".name <> EXCLUDED.name OR "User".role <> EXCLUDED.role OR "User"."passwordHash" <> EXCLUDED."passwordHash"
         OR "User"."mustChangePassword" OR "User"."disabledAt" IS NULL
    RETURNING id::text AS id, email, (xmax = 0) AS created`;
  if (actor && !actor.created) {
    await recordAuditSql(db, {
      actor: { system: "payout-inbox" },
      action: "user.system-restored",
      entityType: "User",
      entityId: actor.id,
      after: { email: PAYOUT_INBOX_EMAIL, disabled: true, passwordUsable: false, role: PAYOUT_INBOX_ROLE },
    });
  }
  if (actor) return { id: actor.id, email: actor.email };
  // Already as it should be: ON CONFLICT … WHERE returned nothing.
  const [existing] = await db.$queryRaw<InboxActor[]>`
    SELECT id::text AS id, email FROM "User" WHERE email = ${PAYOUT_INBOX_EMAIL}`;
  return existing;
}
