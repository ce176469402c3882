// The payment point pages rendered to HTML against a real database (server components and the
// client form they draw, without a browser), each page's rule applied from access.ts: the list by benefit plan,
// a point's filters in words, the beneficiaries it holds now and its overlaps (keyset-paged), the
// point's payroll (open to its manager whatever their role, and to nobody else outside the plan
// roles), the manager's way in from the home page, and the cycle page's point filter, column and
// overlaps.
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createCycle } from "@/lib/plans/cycles/create-cycle";
import { listPointBeneficiaries } from "@/lib/plans/payment-points/list-point-beneficiaries";
import { loadPaymentPoint } from "@/lib/plans/payment-points/queries";
import type { Condition } from "@/lib/plans/rules/calculation-rule";
import { useTestDatabase } from "../support/test-db";
import { enrol, makeAccountant, makePlan } from "./cycles-support";
import { staff } from "./payment-plans-support";
import { loadPointActions, makePoint } from "./payment-points-support";

let signedIn: CurrentUser;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));
// requirePage as it decides for a signed-in user: the page's roles from the access table, else 403.
vi.mock("@/lib/auth/guards", async () => {
  const { mayUse, pages } = await import("@/lib/auth/access");
  return {
    requirePage: async (page: keyof typeof pages) => {
      if (!mayUse(pages[page].roles, signedIn.role)) throw new Error("forbidden");
      return signedIn;
    },
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async (original) => ({
  ...(await original<object>()),
  notFound: () => {
    throw new Error("not found");
  },
  forbidden: () => {
    throw new Error("forbidden");
  },
  redirect: (url: string) => {
    throw Object.assign(new Error(`redirect to ${url}`), { redirectTo: url });
  },
}));

const { db, url } = useTestDatabase();
const NOW = new Date();
const NORTH: Condition = { attribute: "Region", type: "TEXT", operator: "in", value: ["North", "North East"] };
const LARGE: Condition = { attribute: "Household size", type: "NUMBER", operator: ">=", value: 3 };

let users: Record<"manager" | "pointManager" | "otherCaseworker" | "accountant" | "admin", CurrentUser>;
let plan: Awaited<ReturnType<typeof makePlan>>;
let north: string;
let large: string;
let cycleId: string;

type Page = (props: { params: Promise<object>; searchParams: Promise<object> }) => Promise<React.ReactElement>;
async function render(path: string, as: CurrentUser, params: object = {}, searchParams: object = {}): Promise<string> {
  signedIn = as;
  const page = (await import(/* @vite-ignore */ `@/app/(portal)/payment-points${path}/page`)).default as Page;
  return text(renderToStaticMarkup(await page({ params: Promise.resolve(params), searchParams: Promise.resolve(searchParams) })));
}

/** Text as people read it: tags dropped, entities decoded, spaces collapsed. */
function text(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&gt;/g, ">")
    .replace(/&lt;/g, "<")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

beforeAll(async () => {
  await loadPointActions(url());
  users = {
    manager: await staff(db(), "PLAN_MANAGER"),
    pointManager: await staff(db(), "CASEWORKER"),
    otherCaseworker: await staff(db(), "CASEWORKER"),
    accountant: await staff(db(), "ACCOUNTANT"),
    admin: await staff(db(), "ADMIN"),
  };
  plan = await makePlan(db(), { validFrom: "2026-01-01" });
  north = (
    await makePoint(db(), {
      benefitPlanId: plan.benefitPlan.id,
      name: "North",
      position: 1,
      filters: [NORTH],
      managerId: users.pointManager.id,
    })
  ).id;
  large = (await makePoint(db(), { benefitPlanId: plan.benefitPlan.id, name: "Large households", position: 2, filters: [LARGE] }))
    .id;
  await enrol(db(), plan.benefitPlan.id, [
    { lastName: "Both1", attributes: { Region: "North", "Household size": 3 } },
    { lastName: "Both2", attributes: { Region: "north east", "Household size": 5 } },
    { lastName: "Both3", attributes: { Region: "NORTH", "Household size": 4 } },
    { lastName: "NorthOnly", attributes: { Region: "North", "Household size": 1 } },
    { lastName: "LargeOnly", attributes: { Region: "South", "Household size": 6 } },
    { lastName: "Neither", attributes: { Region: "South" } },
    // Enrolment ended: not held now.
    { lastName: "Ended", enrolledTo: "2025-12-31", attributes: { Region: "North", "Household size": 3 } },
  ]);
  ({ cycleId } = await createCycle({
    db: db(),
    paymentPlanId: plan.paymentPlan.id,
    periodStart: "2026-01-01",
    actor: await makeAccountant(db()),
    now: NOW,
  }));
});

describe("payment point pages", () => {
  it("lists points by benefit plan with their filters in words, filtered by plan, and offers creation to plan managers", async () => {
    const other = await makePlan(db());
    await makePoint(db(), { benefitPlanId: other.benefitPlan.id, name: "Elsewhere", position: 1, filters: [] });
    const all = await render("", users.accountant);
    expect(all).toContain(`${plan.benefitPlan.name} (${plan.benefitPlan.code})`);
    expect(all).toContain('1 North Region in ("North", "North East")');
    expect(all).toContain(`${users.pointManager.name} (${users.pointManager.email}), Caseworker`);
    expect(all).toContain("2 Large households Household size >= 3 None");
    expect(all).toContain("Elsewhere Every beneficiary (no filters)");
    expect(all).not.toContain("Create a payment point");

    const one = await render("", users.manager, {}, { plan: plan.benefitPlan.code.toLowerCase() });
    expect(one).toContain("North");
    expect(one).not.toContain("Elsewhere");
    expect(one).toContain("Create a payment point");
  });

  it("shows a point, who it holds now and its overlaps, each naming the points matched in order", async () => {
    const page = await render("/[id]", users.admin, { id: north }, { saved: "created" });
    expect(page).toContain("Payment point created.");
    expect(page).toContain("Place in the order 1 of 2");
    expect(page).toContain('Region in ("North", "North East")');
    expect(page).not.toContain("Change this point");
    expect(page).toContain("4 beneficiaries match this point's filters and no earlier point's");
    expect(page).toContain("3 beneficiaries match the filters of this point and of at least one other.");
    expect(page).toMatch(/Ada Both1 North, Large households This point/);
    expect(page).not.toContain("Ended");

    const second = await render("/[id]", users.manager, { id: large });
    expect(second).toContain("Change this point");
    expect(second).toContain("1 beneficiary matches this point's filters and no earlier point's");
    expect(second).toMatch(/Ada Both2 North, Large households North/);
  });

  it("pages each list by person reference, without losing the other's place", async () => {
    const point = (await loadPaymentPoint(db(), north))!;
    const options = {
      benefitPlanId: plan.benefitPlan.id,
      pointId: north,
      points: point.planPoints,
      today: NOW.toISOString().slice(0, 10),
      list: "overlaps" as const,
      pageSize: 2,
    };
    const first = await listPointBeneficiaries(db(), { ...options, page: {} });
    expect(first).toMatchObject({ count: 3, previous: undefined });
    expect(first.rows).toHaveLength(2);
    const second = await listPointBeneficiaries(db(), { ...options, page: { after: first.next } });
    expect(second.rows).toHaveLength(1);
    expect(second.next).toBeUndefined();
    const back = await listPointBeneficiaries(db(), { ...options, page: { before: second.previous } });
    expect(back.rows).toEqual(first.rows);
    const references = [...first.rows, ...second.rows].map((r) => r.personReference);
    expect(references).toEqual([...references].sort());
  });

  it("opens the point's payroll to its manager, a caseworker, and to the plan roles, and to no other caseworker", async () => {
    const asManager = await render("/[id]/payroll", users.pointManager, { id: north });
    expect(asManager).toContain("North: payroll");
    expect(asManager).toContain("4 payments, £200.00");
    expect(asManager).toContain("Download CSV");
    expect(asManager).toContain("Ada NorthOnly");
    expect(asManager).not.toContain("Ada LargeOnly");
    expect(asManager).toContain("Home");
    const markup = renderToStaticMarkup(
      await ((await import("@/app/(portal)/payment-points/[id]/payroll/page")).default as Page)({
        params: Promise.resolve({ id: north }),
        searchParams: Promise.resolve({ cycle: cycleId }),
      }),
    );
    expect(markup).toContain(`href="/api/payment-cycles/${cycleId}/payroll.csv?point=${north}"`);

    for (const who of [users.accountant, users.manager, users.admin]) {
      expect(await render("/[id]/payroll", who, { id: large })).toContain("Large households: payroll");
    }
    await expect(render("/[id]/payroll", users.otherCaseworker, { id: north })).rejects.toThrow("forbidden");
    // The point's own page, and every other point's payroll, stay closed to its manager.
    await expect(render("/[id]", users.pointManager, { id: north })).rejects.toThrow("forbidden");
    await expect(render("/[id]/payroll", users.pointManager, { id: large })).rejects.toThrow("forbidden");
    await expect(render("/[id]/payroll", users.otherCaseworker, { id: "00000000-0000-4000-8000-000000000000" })).rejects.toThrow(
      "not found",
    );
  });

  it("gives a point's manager a way in from the home page", async () => {
    const { YourPaymentPoints } = await import("@/app/(portal)/payment-points/_components/your-points");
    const mine = text(renderToStaticMarkup(await YourPaymentPoints({ userId: users.pointManager.id })));
    expect(mine).toContain(`Your payment points North : payroll (${plan.benefitPlan.name})`);
    expect(await YourPaymentPoints({ userId: users.otherCaseworker.id })).toBeNull();
  });

  it("draws the forms: positions named by their neighbours, the change form filled from the point", async () => {
    signedIn = users.manager;
    const form = renderToStaticMarkup(
      await ((await import("@/app/(portal)/payment-points/new/page")).default as Page)({
        params: Promise.resolve({}),
        searchParams: Promise.resolve({ benefitPlan: plan.benefitPlan.id }),
      }),
    );
    expect(form).toContain(`name="benefitPlanId" value="${plan.benefitPlan.id}"`);
    expect(form).toMatch(/<option value="3" selected="">3 \(after Large households\)<\/option>/);
    const edit = renderToStaticMarkup(
      await ((await import("@/app/(portal)/payment-points/[id]/edit/page")).default as Page)({
        params: Promise.resolve({ id: large }),
        searchParams: Promise.resolve({}),
      }),
    );
    expect(edit).toContain('name="filterCount" value="1"');
    expect(edit).toMatch(/name="filter-1-value"[^>]*value="3"/);
    expect(edit).toMatch(/<option value="2" selected="">2 \(after North\)<\/option>/);
    await expect(render("/[id]/edit", users.accountant, { id: large })).rejects.toThrow("forbidden");
  });

  it("filters the cycle's payroll by point, shows each payment's point and lists the cycle's overlaps", async () => {
    const { PayrollFilters } = await import("@/app/(portal)/payment-cycles/[id]/_components/payroll-filters");
    const { PointOverlaps } = await import("@/app/(portal)/payment-cycles/[id]/_components/point-overlaps");
    const filters = renderToStaticMarkup(await PayrollFilters({ cycleId, params: { point: large } }));
    expect(filters).toMatch(/<select id="point" name="point"/);
    expect(filters).toContain(`<option value="${large}" selected="">Large households</option>`);
    expect(filters).toContain('<option value="none">No payment point</option>');
    const overlaps = text(renderToStaticMarkup((await PointOverlaps({ cycleId }))!));
    expect(overlaps).toContain("3 beneficiaries match the filters of two or more payment points");
    expect(overlaps).toMatch(/Ada Both1 \w{7} North North, Large households/);
  });
});
