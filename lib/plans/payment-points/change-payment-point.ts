import "server-only";
import { recordAudit, type StaffMember } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/errors";
import { lockPlanPoints, nameTakenMessage, writePointOrder, type LockedPoint } from "./lock-plan-points";
import { placePoint } from "./rules/point-order";
import type { PointDetails } from "./rules/validate-point-form";

// A point's name, filters, manager and place in the order change in place. Payments already in a
// cycle keep the point they were given when the payroll was built: only payrolls built (or rebuilt)
// from now on use the change (docs/payment-points.md#the-payroll).

const stored = (p: LockedPoint, position: number) => ({
  name: p.name,
  managerId: p.managerId,
  position,
  filters: p.filters,
});

export async function changePaymentPoint(options: {
  db: Db;
  pointId: string;
  /** The point's updatedAt when the form was opened (ISO): a change made since is not overwritten. */
  baseUpdatedAt: string;
  point: PointDetails;
  actor: StaffMember;
  now: Date;
}): Promise<{ changed: boolean }> {
  const { db, pointId, point, actor, now } = options;
  const found = await db.paymentPoint.findUnique({ where: { id: pointId }, select: { benefitPlanId: true } });
  if (!found) throw new AppError("NOT_FOUND", "This payment point does not exist.");
  const { benefitPlanId } = found;
  try {
    return await db.$transaction(async (tx) => {
      const existing = (await lockPlanPoints(tx, benefitPlanId)) ?? [];
      const current = existing.find((p) => p.id === pointId);
      if (!current) throw new AppError("NOT_FOUND", "This payment point does not exist.");
      if (current.updatedAt.toISOString() !== options.baseUpdatedAt) {
        throw new AppError(
          "STALE",
          "This payment point, or the order of its plan's points, changed while you were changing it. Nothing was saved: open it again.",
        );
      }
      const taken = nameTakenMessage(existing, point.name, pointId);
      if (taken) throw new AppError("CONFLICT", taken, { name: [taken] });

      const orderBefore = existing.map((p) => p.id);
      const order = placePoint(orderBefore, pointId, point.position);
      const before = stored(current, orderBefore.indexOf(pointId) + 1);
      const after = { ...point, position: order.indexOf(pointId) + 1 };
      if (JSON.stringify(before) === JSON.stringify(after)) return { changed: false };

      await tx.paymentPoint.update({
        where: { id: pointId },
        data: { name: point.name, filters: point.filters, managerId: point.managerId, updatedAt: now },
      });
      const reordered = order.some((id, i) => orderBefore[i] !== id);
      if (reordered) await writePointOrder(tx, benefitPlanId, order, now);
      const names = (ids: string[], own: string) =>
        ids.map((id) => (id === pointId ? own : existing.find((p) => p.id === id)!.name));
      await recordAudit(tx, {
        actor,
        action: "point.changed",
        entityType: "PaymentPoint",
        entityId: pointId,
        before: { ...before, ...(reordered ? { order: names(orderBefore, current.name) } : {}) },
        after: { ...after, ...(reordered ? { order: names(order, point.name) } : {}) },
      });
      return { changed: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = `This benefit plan already has a payment point called ${point.name}`;
      throw new AppError("CONFLICT", message, { name: [message] });
    }
    throw error;
  }
}
