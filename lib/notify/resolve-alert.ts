import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { alertTitle } from "./rules/alert-email";

/**
 * An admin marks an open alert dealt with (docs/domain.md#alerts): it leaves the list on /runs,
 * keeping who did it and when, audited. Conditional on its still being open, so of two admins
 * at once only one marks it; the other is told who did.
 */
export async function resolveAlert(options: {
  db: Db;
  alertId: string;
  actor: { id: string; email: string };
  now: Date;
}): Promise<{ alertId: string; title: string }> {
  const { db, alertId, actor, now } = options;
  return db.$transaction(async (tx) => {
    const { count } = await tx.alert.updateMany({
      where: { id: alertId, resolvedAt: null },
      data: { resolvedAt: now, resolvedById: actor.id },
    });
    const alert = await tx.alert.findUnique({ where: { id: alertId } });
    if (!alert) throw new AppError("NOT_FOUND", "Alert not found");
    if (count === 0) {
      const by = alert.resolvedById
        ? await tx.user.findUnique({ where: { id: alert.resolvedById }, select: { email: true } })
        : null;
      throw new AppError("INVALID_STATE", `This alert was already marked dealt with${by ? ` by ${by.email}` : ""}.`);
    }
    await recordAudit(tx, {
      actor,
      action: "alert.resolved",
      entityType: "Alert",
      entityId: alertId,
      before: { resolvedAt: null },
      after: { kind: alert.kind, eventKey: alert.eventKey, resolvedAt: now.toISOString() },
    });
    return { alertId, title: alertTitle(alert.kind) };
  });
}
