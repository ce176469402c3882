// The pages of four eyes rendered to HTML against a real database (server components and the client
// forms they draw, without a browser): /admin/approvals as the proposer and as a second admin, the
// user page's "awaiting approval", the activation page for a live and an unknown link, and the
// batch pages saying a void or a return waits for a second admin.
import { randomBytes, randomUUID } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/auth/roles";
import { requestBatchAction } from "@/lib/batches/batch-actions/request-batch-action";
import { requestErrorEntry } from "@/lib/log/request-error-entry";
import { createUser } from "@/lib/users/create-user";
import { resetUserPassword } from "@/lib/users/reset-user-password";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));
vi.mock("@/lib/auth/guards", async () => {
  const { mayUse, pages } = await import("@/lib/auth/access");
  return {
    requirePage: async (page: keyof typeof pages) => {
      if (!signedIn || !mayUse(pages[page].roles, signedIn.role)) throw new Error("forbidden");
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
  redirect: (url: string) => {
    throw new Error(`redirect to ${url}`);
  },
  // Bank admin's upload form asks for the router; there is none outside a browser.
  useRouter: () => ({ refresh: () => {}, push: () => {}, replace: () => {} }),
}));

const { db, url } = useTestDatabase();
const demo = { kind: "demo" as const };

type Page = (props: { params: Promise<object>; searchParams: Promise<object> }) => Promise<React.ReactElement>;
async function render(file: string, as: CurrentUser | null, params: object = {}, searchParams: object = {}): Promise<string> {
  signedIn = as;
  const page = (await import(/* @vite-ignore */ `@/app/${file}`)).default as Page;
  const html = renderToStaticMarkup(await page({ params: Promise.resolve(params), searchParams: Promise.resolve(searchParams) }));
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

const staff = async (role: Role): Promise<CurrentUser> => {
  const u = await makeUser(db(), { role, name: `${role} ${randomBytes(2).toString("hex")}` });
  return { id: u.id, email: u.email, name: u.name, role: u.role, mustChangePassword: false };
};

let maker: CurrentUser;
let checker: CurrentUser;

beforeAll(async () => {
  vi.resetModules();
  delete (globalThis as { prisma?: unknown }).prisma;
  Object.assign(process.env, {
    DISBURSE_MODE: "demo",
    DATABASE_URL: url(),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    BANK_DETAILS_KEY: randomBytes(32).toString("base64"),
    BANK_DETAILS_LOOKUP_KEY: randomBytes(32).toString("base64"),
  });
  maker = await staff("ADMIN");
  checker = await staff("ADMIN");
});

/** A stored bank batch (rows written straight in: the run is tested elsewhere) with one download. */
async function downloadedBankBatch() {
  const run = await db().run.create({
    data: { kind: "DIRECT_PAYMENTS", status: "SUCCEEDED", startedAt: new Date(), triggeredBy: "cron" },
  });
  const batch = await db().batch.create({
    data: { runId: run.id, method: "BANK", status: "STORED", paymentCount: 2, totalPence: 2500n },
  });
  const file = await db().batchFile.create({
    data: {
      batchId: batch.id,
      kind: "ACCESSPAY_CSV",
      fileName: `accesspay-${randomUUID()}.csv`,
      storageKey: `bank/${randomUUID()}`,
      contentType: "text/csv",
      sha256: "0".repeat(64),
      byteSize: 100,
      lineCount: 2,
      totalPence: 2500,
    },
  });
  const finance = await staff("SSCL_FINANCE");
  await db().fileDownload.create({ data: { batchFileId: file.id, userId: finance.id } });
  return { run, batch };
}

describe("/admin/approvals", () => {
  it("shows a new account to its proposer without a way to approve it, and to a second admin with one", async () => {
    const email = `pending-${randomBytes(3).toString("hex")}@test.disburse.test`;
    await createUser({ db: db(), actor: maker, email, name: "Pending Person", role: "SSCL_FINANCE", delivery: demo });
    const asProposer = await render("(portal)/admin/approvals/page", maker);
    expect(asProposer).toContain("New account: Pending Person");
    expect(asProposer).toContain(`Email address ${email}`);
    expect(asProposer).toContain("SSCL finance (new account)");
    expect(asProposer).toContain(`Proposed by ${maker.name}`);
    expect(asProposer).toContain("You proposed this: another administrator must approve or reject it.");
    expect(asProposer).not.toContain("Record decision");
    expect(asProposer).toContain("Withdraw this change");

    const asChecker = await render("(portal)/admin/approvals/page", checker);
    expect(asChecker).toContain("Waiting for a second admin");
    expect(asChecker).toContain("Check that the email address is the person's own");
    expect(asChecker).toContain("Record decision");
    expect(asChecker).not.toContain("Withdraw this change");
  });

  it("lists a void request of a downloaded batch, with its reason and who asked", async () => {
    const { batch } = await downloadedBankBatch();
    await db().$transaction((tx) =>
      requestBatchAction(tx, { batchId: batch.id, kind: "VOID", reason: "AccessPay rejected it", actor: maker, now: new Date() }),
    );
    const page = await render("(portal)/admin/approvals/page", checker);
    expect(page).toContain("Void a downloaded bank batch");
    expect(page).toContain("Reason AccessPay rejected it");
    expect(page).toContain(`Asked by ${maker.name}`);
  });

  it("is for admins only", async () => {
    await expect(render("(portal)/admin/approvals/page", await staff("SSCL_FINANCE"))).rejects.toThrow("forbidden");
  });
});

describe("user pages", () => {
  it("tag an account waiting for approval and say where it is decided", async () => {
    const email = `tagged-${randomBytes(3).toString("hex")}@test.disburse.test`;
    const { userId } = await createUser({
      db: db(),
      actor: maker,
      email,
      name: "Tagged Person",
      role: "CASEWORKER",
      delivery: demo,
    });
    const list = await render("(portal)/admin/users/page", checker);
    expect(list).toMatch(/Tagged Person .* Awaiting approval/);
    const one = await render("(portal)/admin/users/[id]/page", checker, { id: userId });
    expect(one).toContain("Waiting for approval New account as Caseworker");
    expect(one).not.toContain("Reset password");
    expect(one).not.toContain("Propose role change");
  });
});

describe("/activate/<token>", () => {
  it("offers a live link's user the password form, and says an unknown one cannot be used", async () => {
    const user = await makeUser(db());
    const { demoLink } = await resetUserPassword({
      db: db(),
      actor: maker,
      userId: user.id,
      delivery: demo,
      baseUrl: "http://x",
    });
    const token = demoLink!.split("/activate/")[1];
    const live = await render("(auth)/activate/[token]/page", null, { token });
    expect(live).toContain("Choose a new password");
    expect(live).toContain(user.email);
    expect(live).toContain("Set password");
    const dead = await render("(auth)/activate/[token]/page", null, { token: "A".repeat(43) });
    expect(dead).toContain("This link has expired or has already been used. Ask an administrator for a new one.");
    expect(dead).not.toContain("Set password");
    await expect(render("(auth)/activate/[token]/page", maker, { token })).rejects.toThrow("redirect to /");
  });

  it("is never written to the log in full when its request fails", () => {
    const entry = requestErrorEntry(
      new Error("boom"),
      { path: "/activate/abcDEF_123-xyz?x=1", method: "POST" },
      {
        routerKind: "App Router",
        routePath: "/activate/[token]",
        routeType: "render",
      },
    );
    expect(entry.fields.path).toBe("/activate/[token]");
  });
});

describe("batch pages", () => {
  it("Bank admin says a void waits for a second admin and offers no second request", async () => {
    const { run, batch } = await downloadedBankBatch();
    const before = await render("(portal)/bank-admin/page", maker);
    expect(before).toContain("Void this batch");
    expect(before).toContain("another administrator must approve the void before anything moves");
    await db().$transaction((tx) =>
      requestBatchAction(tx, { batchId: batch.id, kind: "VOID", reason: "AccessPay said no", actor: maker, now: new Date() }),
    );
    // The batch is the only one on the page: its section is the page (the run's id sits in a details below).
    const section = await render("(portal)/bank-admin/page", checker);
    expect(section).toContain(run.id);
    expect(section).toContain(`Waiting for a second admin Void asked by ${maker.name}`);
    expect(section).toContain("AccessPay said no");
    expect(section).not.toContain("Void this batch");
  });

  it("a delivered Payout batch says its return waits for a second admin", async () => {
    const run = await db().run.create({
      data: { kind: "PAYOUT", status: "SUCCEEDED", startedAt: new Date("2026-02-02T01:00:00Z"), triggeredBy: "cron" },
    });
    const batch = await db().batch.create({
      data: {
        runId: run.id,
        method: "CASH",
        status: "DELIVERED",
        paymentCount: 0,
        totalPence: 0n,
        businessDate: new Date("2026-02-02"),
        sequenceNo: 1,
        deliveredAt: new Date("2026-02-02T01:05:00Z"),
        deliveryTarget: ".data/payout-outbox",
      },
    });
    await db().$transaction((tx) =>
      requestBatchAction(tx, {
        batchId: batch.id,
        kind: "RETURN",
        reason: "Post Office rejected it",
        actor: maker,
        now: new Date(),
      }),
    );
    const page = await render("(portal)/payout/batches/[id]/page", checker, { id: batch.id });
    expect(page).toContain(`Waiting for a second admin Return to NEW asked by ${maker.name}`);
    expect(page).toContain("Post Office rejected it");
    expect(page).not.toContain("Return unsettled payments to NEW");
  });
});
