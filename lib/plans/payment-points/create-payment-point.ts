import "server-only";
import { recordAudit, type StaffMember } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/errors";
import { lockPlanPoints, nameTakenMessage, writePointOrder } from "./lock-plan-points";
import { placePoint } from "./rules/point-order";
import type { PointDetails } from "./rules/validate-point-form";

/** A new payment point at its chosen place in the plan's order, audited, in one transaction. */
export async function createPaymentPoint(options: {
  db: Db;
  benefitPlanId: string;
  point: PointDetails;
  actor: StaffMember;
  now: Date;
}): Promise<{ id: string }> {
  const { db, benefitPlanId, point, actor, now } = options;
  try {
    return await db.$transaction(async (tx) => {
      const existing = await lockPlanPoints(tx, benefitPlanId);
      if (!existing) throw new AppError("NOT_FOUND", "Choose a benefit plan that exists.");
      const taken = nameTakenMessage(existing, point.name, null);
      if (taken) throw new AppError("CONFLICT", taken, { name: [taken] });
      // Position 0 is never kept: writePointOrder numbers every point from 1.
      const created = await tx.paymentPoint.create({
        data: {
          benefitPlanId,
          name: point.name,
          position: 0,
          filters: point.filters,
          managerId: point.managerId,
          createdById: actor.id,
          createdAt: now,
          updatedAt: now,
        },
        select: { id: true },
      });
      const order = placePoint(
        existing.map((p) => p.id),
        created.id,
        point.position,
      );
      await writePointOrder(tx, benefitPlanId, order, now);
      await recordAudit(tx, {
        actor,
        action: "point.created",
        entityType: "PaymentPoint",
        entityId: created.id,
        after: { benefitPlanId, ...point, position: order.indexOf(created.id) + 1 },
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = `This benefit plan already has a payment point called ${point.name}`;
      throw new AppError("CONFLICT", message, { name: [message] });
    }
    throw error;
  }
}
