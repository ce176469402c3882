// Creating and changing payment points through their server actions (docs/payment-points.md): the
// form checked with every problem named on its field, names unique in a plan, the order kept 1, 2,
// 3 … as points are placed, a change made meanwhile refused, each save audited; and only plan
// managers may save, whatever they post.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/auth/roles";
import { useTestDatabase } from "../support/test-db";
import { makeBenefitPlan, post, staff } from "./payment-plans-support";
import { loadPointActions, pointFields, pointIdOf } from "./payment-points-support";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async (original) => ({
  ...(await original<object>()),
  redirect: (url: string) => {
    throw Object.assign(new Error(`redirect to ${url}`), { redirectTo: url });
  },
}));

const { db, url } = useTestDatabase();
let actions: Awaited<ReturnType<typeof loadPointActions>>;
let manager: CurrentUser;
let caseworker: CurrentUser;
let benefitPlanId: string;

const order = async () =>
  (await db().paymentPoint.findMany({ where: { benefitPlanId }, orderBy: { position: "asc" } })).map(
    (p) => `${p.position}:${p.name}`,
  );

async function create(fields: Record<string, string>) {
  signedIn = manager;
  return post(actions.createPaymentPointAction, { ...fields, benefitPlanId });
}

async function change(pointId: string, fields: Record<string, string>) {
  signedIn = manager;
  const { updatedAt } = await db().paymentPoint.findUniqueOrThrow({ where: { id: pointId } });
  return post(actions.changePaymentPointAction, { ...fields, pointId, baseUpdatedAt: updatedAt.toISOString() });
}

beforeAll(async () => {
  actions = await loadPointActions(url());
  manager = await staff(db(), "PLAN_MANAGER");
  caseworker = await staff(db(), "CASEWORKER");
  benefitPlanId = (await makeBenefitPlan(db(), manager.id)).id;
});

describe("saving payment points", () => {
  it("creates a point with typed filters and its manager, audited", async () => {
    const created = await create(pointFields(caseworker.id));
    expect(created.redirectTo).toMatch(/^\/payment-points\/[0-9a-f-]{36}\?saved=created$/);
    const point = await db().paymentPoint.findUniqueOrThrow({ where: { id: pointIdOf(created.redirectTo) } });
    expect(point).toMatchObject({
      name: "Northern large households",
      position: 1,
      managerId: caseworker.id,
      createdById: manager.id,
      filters: [
        { attribute: "Region", type: "ONE_OF", operator: "=", value: "North" },
        { attribute: "Household size", type: "NUMBER", operator: ">=", value: 3 },
      ],
    });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "point.created", entityId: point.id } });
    expect(audit).toMatchObject({ actorId: manager.id, after: { benefitPlanId, name: point.name, position: 1 } });
  });

  it("names every problem on its field and saves nothing", async () => {
    const disabled = await db().user.create({
      data: { email: "gone@test.disburse.test", name: "Gone", role: "CASEWORKER", passwordHash: "x", disabledAt: new Date() },
    });
    const before = await db().paymentPoint.count();
    const result = await create(
      pointFields(disabled.id, {
        name: "  ",
        position: "7",
        filterCount: "3",
        "filter-1-value": "East",
        "filter-2-operator": ">",
        "filter-2-value": "lots",
        "filter-3-attribute": "Pets",
        "filter-3-operator": "=",
        "filter-3-value": "1",
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: {
        name: ["Enter a name for the payment point"],
        managerId: ["Choose a manager from the list: that user cannot be found or cannot sign in"],
        position: ["Choose a position from 1 to 2"],
        "filter-1-value": ["Choose one of the options of Region for filter 1"],
        "filter-2-value": ["Enter a number for filter 2"],
        "filter-3-attribute": expect.arrayContaining(["Choose an attribute the benefit plan declares for filter 3"]),
      },
      // The form comes back as typed.
      data: { values: { name: "  ", position: "7" } },
    });
    expect(await db().paymentPoint.count()).toBe(before);
  });

  it("refuses a name the plan already has, whatever its case", async () => {
    const result = await create(pointFields(caseworker.id, { name: "NORTHERN large HOUSEHOLDS" }));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { name: ["This benefit plan already has a payment point called Northern large households"] },
    });
  });

  it("adds and removes filter rows without saving", async () => {
    const added = await create(pointFields(caseworker.id, { intent: "add-filter" }));
    expect(added).toMatchObject({ ok: true, data: { focus: "filter-3-attribute" } });
    expect((added.data as { values: { filters: unknown[] } }).values.filters).toHaveLength(3);
    const removed = await create(pointFields(caseworker.id, { intent: "remove-filter:1" }));
    expect((removed.data as { values: { filters: { attribute: string }[] } }).values.filters).toEqual([
      { attribute: "Household size", operator: ">=", value: "3" },
    ]);
    expect(await order()).toEqual(["1:Northern large households"]);
  });

  it("places points in the order, moving the others down, and keeps positions 1, 2, 3", async () => {
    const south = pointIdOf(
      (await create(pointFields(caseworker.id, { name: "South", position: "1", "filter-1-value": "South" }))).redirectTo,
    );
    expect(await order()).toEqual(["1:South", "2:Northern large households"]);
    const everyone = pointIdOf(
      (await create(pointFields(manager.id, { name: "Everyone else", position: "3", filterCount: "0" }))).redirectTo,
    );
    expect(await order()).toEqual(["1:South", "2:Northern large households", "3:Everyone else"]);
    expect((await db().paymentPoint.findUniqueOrThrow({ where: { id: everyone } })).filters).toEqual([]);

    expect(await change(south, pointFields(caseworker.id, { name: "South", position: "3", "filter-1-value": "South" }))).toEqual({
      redirectTo: `/payment-points/${south}?saved=changed`,
    });
    expect(await order()).toEqual(["1:Northern large households", "2:Everyone else", "3:South"]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "point.changed", entityId: south } });
    expect(audit.before).toMatchObject({ position: 1, order: ["South", "Northern large households", "Everyone else"] });
    expect(audit.after).toMatchObject({ position: 3, order: ["Northern large households", "Everyone else", "South"] });
  });

  it("changes a point's name, filters and manager in place, and says when nothing changed", async () => {
    const point = await db().paymentPoint.findFirstOrThrow({ where: { benefitPlanId, name: "Everyone else" } });
    const fields = pointFields(manager.id, {
      name: "Disabled beneficiaries",
      position: "2",
      filterCount: "1",
      "filter-1-attribute": "Disabled",
      "filter-1-operator": "=",
      "filter-1-value": "yes",
    });
    expect(await change(point.id, fields)).toEqual({ redirectTo: `/payment-points/${point.id}?saved=changed` });
    expect(await db().paymentPoint.findUniqueOrThrow({ where: { id: point.id } })).toMatchObject({
      name: "Disabled beneficiaries",
      position: 2,
      filters: [{ attribute: "Disabled", type: "YES_NO", operator: "=", value: true }],
    });
    const audits = await db().auditLog.count({ where: { action: "point.changed", entityId: point.id } });
    expect(await change(point.id, fields)).toEqual({ redirectTo: `/payment-points/${point.id}?saved=unchanged` });
    expect(await db().auditLog.count({ where: { action: "point.changed", entityId: point.id } })).toBe(audits);
  });

  it("refuses a change started before the point (or its place) changed", async () => {
    const point = await db().paymentPoint.findFirstOrThrow({ where: { benefitPlanId, name: "South" } });
    signedIn = manager;
    const stale = await post(actions.changePaymentPointAction, {
      ...pointFields(manager.id, { name: "South renamed", position: "3" }),
      pointId: point.id,
      baseUpdatedAt: new Date(point.updatedAt.getTime() - 1000).toISOString(),
    });
    expect(stale).toMatchObject({ ok: false, code: "STALE" });
    expect(await order()).toEqual(["1:Northern large households", "2:Disabled beneficiaries", "3:South"]);
  });

  for (const role of ["CASEWORKER", "SSCL_FINANCE", "ACCOUNTANT", "ADMIN"] as Role[]) {
    it(`forbids ${role} to create or change a point, even with a valid form`, async () => {
      const point = await db().paymentPoint.findFirstOrThrow({ where: { benefitPlanId, name: "South" } });
      const before = await order();
      signedIn = await staff(db(), role);
      const forbidden = { ok: false, code: "FORBIDDEN", message: "You do not have permission to do this." };
      expect(await post(actions.createPaymentPointAction, { ...pointFields(manager.id, { name: role }), benefitPlanId })).toEqual(
        forbidden,
      );
      expect(
        await post(actions.changePaymentPointAction, {
          ...pointFields(manager.id, { name: role }),
          pointId: point.id,
          baseUpdatedAt: point.updatedAt.toISOString(),
        }),
      ).toEqual(forbidden);
      expect(await order()).toEqual(before);
    });
  }
});
