// The reconciliation page and its "Mark reconciled" action rendered against a real database (server
// components and the client form, without a browser): the refusal in words while a payment is sent,
// the form for accountants only once it may be reconciled, the unpaid list, the action's outcome, and
// the cycle list's reconciled status.
import { randomBytes, randomUUID } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/auth/roles";
import { approveCycle } from "@/lib/plans/cycles/approve-cycle";
import { createCycle } from "@/lib/plans/cycles/create-cycle";
import { forcePaymentUpdate } from "../support/force-payment-update";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { cyclePayments, enrol, makeAccountant, makePlan } from "./cycles-support";
import { post } from "./enrolments-support";

const key = randomBytes(32);
let signedIn: CurrentUser;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));
vi.mock("@/lib/auth/guards", () => ({ requirePage: async () => signedIn }));
vi.mock("@/lib/crypto/bank-details-key", () => ({ bankDetailsKey: () => key }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async (original) => ({
  ...(await original<object>()),
  notFound: () => {
    throw new Error("not found");
  },
}));

const { db, url } = useTestDatabase();
const NOW = new Date("2026-12-20T10:00:00Z");

async function staff(role: Role): Promise<CurrentUser> {
  const u = await makeUser(db(), { role, name: `The ${role.toLowerCase().replace("_", " ")}` });
  return { id: u.id, email: u.email, name: u.name, role, mustChangePassword: false };
}

type Page = (props: { params: Promise<object>; searchParams: Promise<object> }) => Promise<React.ReactElement>;
type Action = (previous: null, formData: FormData) => Promise<unknown>;
let reconciliationPage: Page;
let cyclesPage: () => Promise<React.ReactElement>;
let reconcileCycleAction: Action;
let benefitPlansPage: () => Promise<React.ReactElement>;
let beneficiaryPage: (props: { params: Promise<object> }) => Promise<React.ReactElement>;

async function render(as: CurrentUser, cycleId: string, searchParams: object = {}): Promise<string> {
  signedIn = as;
  return renderToStaticMarkup(
    await reconciliationPage({ params: Promise.resolve({ id: cycleId }), searchParams: Promise.resolve(searchParams) }),
  );
}

beforeAll(async () => {
  vi.resetModules();
  delete (globalThis as { prisma?: unknown }).prisma;
  process.env.DATABASE_URL = url();
  reconciliationPage = (await import("@/app/(portal)/payment-cycles/[id]/reconciliation/page")).default as Page;
  cyclesPage = (await import("@/app/(portal)/payment-cycles/page")).default as () => Promise<React.ReactElement>;
  benefitPlansPage = (await import("@/app/(portal)/benefit-plans/page")).default as () => Promise<React.ReactElement>;
  beneficiaryPage = (await import("@/app/(portal)/benefit-plans/[code]/beneficiaries/[reference]/page")).default as (props: {
    params: Promise<object>;
  }) => Promise<React.ReactElement>;
  ({ reconcileCycleAction } = (await import("@/app/(portal)/payment-cycles/[id]/reconciliation/actions")) as unknown as {
    reconcileCycleAction: Action;
  });
});

describe("the reconciliation page", () => {
  it("says why it cannot be reconciled, then offers accountants the form, and reconciles", async () => {
    const [maker, checker] = [await makeAccountant(db()), await makeAccountant(db())];
    const [accountant, planManager] = [await staff("ACCOUNTANT"), await staff("PLAN_MANAGER")];
    const plan = await makePlan(db(), { carryOverUnpaid: true });
    const people = await enrol(db(), plan.benefitPlan.id, [{}, {}, {}]);
    const { cycleId } = await createCycle({
      db: db(),
      paymentPlanId: plan.paymentPlan.id,
      periodStart: "2026-11-01",
      actor: maker,
      now: NOW,
    });
    await approveCycle({ db: db(), cycleId, expectedVersion: 0, actor: checker, now: NOW });
    const payments = await cyclePayments(db(), cycleId);
    const [paid, failed, sent] = people.map((p) => payments.get(p.personId)!);
    await forcePaymentUpdate(db(), { where: { id: paid.id }, data: { status: "PAID" } });
    await forcePaymentUpdate(db(), { where: { id: failed.id }, data: { status: "FAILED", failureReason: "Account closed" } });
    await forcePaymentUpdate(db(), { where: { id: sent.id }, data: { status: "SENT" } });

    const refused = await render(accountant, cycleId);
    expect(refused).toContain(
      "1 payment is still sent and not yet settled: a cycle is reconciled once no payment is new or sent.",
    );
    expect(refused).not.toContain('name="confirm"');
    expect(refused).toContain(failed.reference);
    expect(refused).toContain("Will be carried into the next cycle");
    expect(refused).toContain("Account closed");

    await forcePaymentUpdate(db(), { where: { id: sent.id }, data: { status: "PAID" } });
    const version = (await db().paymentCycle.findUniqueOrThrow({ where: { id: cycleId } })).version;
    const ready = await render(accountant, cycleId);
    expect(ready).toContain('name="confirm"');
    expect(ready).toContain(`name="version" value="${version}"`);
    expect(ready).toContain("No payment is new or sent: 2 payments settled (£100.00); 1 payment unpaid (£50.00).");

    // A plan manager looks; only accountants get the form.
    const looking = await render(planManager, cycleId);
    expect(looking).toContain("Only accountants mark cycles reconciled.");
    expect(looking).not.toContain('name="confirm"');
    expect(looking).not.toContain("Mark reconciled");

    signedIn = accountant;
    expect(await post(reconcileCycleAction, { cycleId, version: String(version) })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { confirm: ["Confirm that the cycle is reconciled"] },
    });
    expect(await post(reconcileCycleAction, { cycleId, version: String(version), confirm: "yes" })).toEqual({
      ok: true,
      message: "Cycle reconciled: 2 payments settled (£100.00); 1 payment unpaid (£50.00).",
    });
    expect(await post(reconcileCycleAction, { cycleId, version: String(version), confirm: "yes" })).toMatchObject({
      ok: false,
      code: "STALE",
    });
    expect(await db().paymentCycle.findUniqueOrThrow({ where: { id: cycleId } })).toMatchObject({
      status: "RECONCILED",
      reconciledById: accountant.id,
    });

    const done = await render(accountant, cycleId);
    expect(done).toContain("This cycle is reconciled already.");
    expect(done).toContain(`by ${accountant.name}.`);
    expect(done).not.toContain('name="confirm"');
    signedIn = accountant;
    const list = renderToStaticMarkup(await cyclesPage());
    expect(list).toContain(">Reconciled</strong>");
    expect(list).not.toMatch(/\d late failures?</);

    // SSCL then reports a paid one failed (as its upload records it: the status and its history).
    const reconciledAt = (await db().paymentCycle.findUniqueOrThrow({ where: { id: cycleId } })).reconciledAt!;
    const failedAt = new Date(reconciledAt.getTime() + 60_000);
    await forcePaymentUpdate(db(), { where: { id: paid.id }, data: { status: "FAILED", failureReason: "No account" } });
    await db().paymentStatusHistory.create({
      data: {
        paymentId: paid.id,
        moveId: randomUUID(),
        action: "payment.failed",
        fromStatus: "PAID",
        toStatus: "FAILED",
        at: failedAt,
        actorLabel: "test",
        reason: "No account",
      },
    });
    const late = await render(planManager, cycleId);
    expect(late).toContain("1 payment failed after this cycle was reconciled.");
    expect(late).toMatch(new RegExp(`id="late-failures"[\\s\\S]*${paid.reference}[\\s\\S]*No account`));
    expect(renderToStaticMarkup(await cyclesPage())).toContain(">1 late failure</a>");

    await expect(render(accountant, "8e2f6a4c-1b3d-4c5e-9f7a-2b4c6d8e0f13")).rejects.toThrow("not found");
  });
});

describe("a person flagged for new bank details", () => {
  it("is listed on /benefit-plans and warned about on their beneficiary page", async () => {
    const maker = await makeAccountant(db());
    const plan = await makePlan(db());
    const [person, other] = await enrol(db(), plan.benefitPlan.id, [{ lastName: "Flagged" }, { lastName: "Fine" }]);
    const { cycleId } = await createCycle({
      db: db(),
      paymentPlanId: plan.paymentPlan.id,
      periodStart: "2026-11-01",
      actor: maker,
      now: NOW,
    });
    const payment = (await cyclePayments(db(), cycleId)).get(person.personId)!;
    const failedAt = new Date("2026-12-02T09:00:00Z");
    // As the failed-payments upload leaves them (tests/plans/cycle-reconciliation-failures.test.ts).
    await forcePaymentUpdate(db(), {
      where: { id: payment.id },
      data: { status: "FAILED", failureReason: "Account closed", failedAt },
    });
    await db().claimant.update({ where: { id: person.personId }, data: { bankDetailsNeededSince: failedAt } });

    signedIn = await staff("PLAN_MANAGER");
    const list = renderToStaticMarkup(await benefitPlansPage());
    expect(list).toMatch(
      new RegExp(
        `People who need new bank details[\\s\\S]*/benefit-plans/${plan.benefitPlan.code}/beneficiaries/${person.reference}"`,
      ),
    );
    expect(list).toContain("None proposed yet");
    expect(list).not.toContain(other.reference);

    const page = renderToStaticMarkup(
      await beneficiaryPage({ params: Promise.resolve({ code: plan.benefitPlan.code, reference: person.reference }) }),
    );
    expect(page).toContain(
      `New bank details needed since 2 Dec 2026, 09:00: a payment to this person failed (${payment.reference}, Account closed). They were told. Approving new bank details clears this.`,
    );
    const fine = renderToStaticMarkup(
      await beneficiaryPage({ params: Promise.resolve({ code: plan.benefitPlan.code, reference: other.reference }) }),
    );
    expect(fine).not.toContain("New bank details needed");
  });
});
