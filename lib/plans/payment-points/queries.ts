import "server-only";
import type { Db } from "@/lib/db";
import type { Role } from "@/lib/auth/roles";
import { attributeDeclarationsSchema, type AttributeDeclaration } from "@/lib/plans/rules/attributes";
import type { Condition } from "@/lib/plans/rules/calculation-rule";
import { readStoredFilters } from "./rules/point-filters";

// What the payment point pages show: the list (grouped by benefit plan), one point, the users who
// may manage a point, and the points a user manages. Points are few (a handful per plan): read whole.

export type PointManager = { id: string; name: string; email: string; role: Role; disabled: boolean };

export type PointListRow = {
  id: string;
  name: string;
  position: number;
  filters: Condition[];
  benefitPlan: { id: string; code: string; name: string };
  manager: PointManager | null;
};

const managerSelect = { select: { id: true, name: true, email: true, role: true, disabledAt: true } } as const;

function manager(user: { id: string; name: string; email: string; role: Role; disabledAt: Date | null } | null) {
  return user && { id: user.id, name: user.name, email: user.email, role: user.role, disabled: user.disabledAt !== null };
}

/** Every point, or one benefit plan's, by benefit plan code then position. */
export async function listPaymentPoints(db: Db, options: { benefitPlanId?: string } = {}): Promise<PointListRow[]> {
  const points = await db.paymentPoint.findMany({
    where: options.benefitPlanId ? { benefitPlanId: options.benefitPlanId } : {},
    orderBy: [{ benefitPlan: { code: "asc" } }, { position: "asc" }],
    select: {
      id: true,
      name: true,
      position: true,
      filters: true,
      benefitPlan: { select: { id: true, code: true, name: true } },
      manager: managerSelect,
    },
  });
  return points.map((p) => ({ ...p, filters: readStoredFilters(p.filters), manager: manager(p.manager) }));
}

export type PaymentPointView = PointListRow & {
  benefitPlan: { id: string; code: string; name: string; attributes: AttributeDeclaration[] };
  /** The plan's points in position order, this one included. */
  planPoints: { id: string; name: string; position: number; filters: Condition[] }[];
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
};

export async function loadPaymentPoint(db: Db, id: string): Promise<PaymentPointView | null> {
  const point = await db.paymentPoint.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      position: true,
      filters: true,
      createdAt: true,
      createdById: true,
      updatedAt: true,
      benefitPlan: {
        select: {
          id: true,
          code: true,
          name: true,
          attributes: true,
          paymentPoints: { orderBy: { position: "asc" }, select: { id: true, name: true, position: true, filters: true } },
        },
      },
      manager: managerSelect,
    },
  });
  if (!point) return null;
  const creator = await db.user.findUnique({ where: { id: point.createdById }, select: { name: true, email: true } });
  const { paymentPoints, attributes, ...benefitPlan } = point.benefitPlan;
  return {
    id: point.id,
    name: point.name,
    position: point.position,
    filters: readStoredFilters(point.filters),
    // The attributes were checked when the benefit plan was saved: a stored value that fails is a bug.
    benefitPlan: { ...benefitPlan, attributes: attributeDeclarationsSchema.parse(attributes) },
    manager: manager(point.manager),
    planPoints: paymentPoints.map((p) => ({ ...p, filters: readStoredFilters(p.filters) })),
    createdAt: point.createdAt,
    createdBy: creator ? `${creator.name} (${creator.email})` : "Unknown user",
    updatedAt: point.updatedAt,
  };
}

/** Who may be chosen to manage a point: every user who can sign in, whatever their role. */
export async function listManagerChoices(db: Db): Promise<PointManager[]> {
  const users = await db.user.findMany({
    where: { disabledAt: null },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    select: managerSelect.select,
  });
  return users.map((u) => manager(u)!);
}

/** The points a user manages, for their home page. */
export async function listManagedPoints(
  db: Db,
  userId: string,
): Promise<{ id: string; name: string; benefitPlanName: string }[]> {
  const points = await db.paymentPoint.findMany({
    where: { managerId: userId },
    orderBy: [{ benefitPlan: { code: "asc" } }, { position: "asc" }],
    select: { id: true, name: true, benefitPlan: { select: { name: true } } },
  });
  return points.map((p) => ({ id: p.id, name: p.name, benefitPlanName: p.benefitPlan.name }));
}
