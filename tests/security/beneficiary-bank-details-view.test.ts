// A second plan manager deciding a beneficiary's new bank details sees the current and proposed
// details in full, side by side, with what changed marked (the security issue's diversion,
// 200000/73406722 -> 200000/41676722, looks like no change when masked), and that view is audited
// as a claim's is ("bank-details.viewed"). The maker and other roles see them masked, unaudited.
import { randomBytes } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { StaffMember } from "@/lib/audit/record-audit";
import type { CurrentUser } from "@/lib/auth/current-user";
import { encryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { proposeBeneficiaryBankDetails } from "@/lib/plans/enrolments/beneficiary-bank-details";
import { loadBeneficiary } from "@/lib/plans/enrolments/load-beneficiary";
import { TEST_LOOKUP_KEY } from "../support/lookup-key";
import { makeCycle } from "../support/make-cycle-payment";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { dateFields, enrol, NEW_PERSON, planManager, reader } from "../plans/enrolments-support";

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
  useRouter: () => ({ refresh: () => {}, push: () => {}, replace: () => {} }),
}));

const { db, url } = useTestDatabase();
const key = randomBytes(32);
const NOW = new Date("2026-11-28T10:00:00.000Z");
const CURRENT = { nameOnAccount: "A Lovelace", sortCode: "200000", accountNumber: "73406722", rollNumber: null };
const DIVERTED = { nameOnAccount: "A Lovelace", sortCode: "200000", accountNumber: "41676722" };

beforeAll(() => {
  vi.resetModules();
  delete (globalThis as { prisma?: unknown }).prisma;
  Object.assign(process.env, {
    DISBURSE_MODE: "demo",
    DATABASE_URL: url(),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    BANK_DETAILS_KEY: key.toString("base64"),
    BANK_DETAILS_LOOKUP_KEY: TEST_LOOKUP_KEY.toString("base64"),
  });
});

/** A beneficiary paid by bank to CURRENT, and `maker`'s proposal to pay DIVERTED instead. */
async function divertedBeneficiary(maker: StaffMember) {
  const cycle = await makeCycle(db(), { status: "APPROVED", createdById: maker.id });
  const code = cycle.benefitPlan.code;
  const { reference } = await enrol(db(), key, {
    planCode: code,
    actor: maker,
    fields: { ...NEW_PERSON, paymentMethod: "CASH", ...dateFields("enrolledFrom", "2026-01-01") },
  });
  const person = await db().claimant.findUniqueOrThrow({ where: { reference } });
  await db().bankDetails.create({ data: { claimantId: person.id, ciphertext: encryptBankDetails(CURRENT, key) } });
  await proposeBeneficiaryBankDetails({
    db: db(),
    key,
    lookupKey: TEST_LOOKUP_KEY,
    planCode: code,
    personReference: reference,
    read: reader(DIVERTED),
    actor: maker,
    now: NOW,
  });
  const change = await db().bankDetailChange.findFirstOrThrow({ where: { claimantId: person.id, status: "PENDING" } });
  return { code, reference, person, change };
}

const views = (changeId: string) => db().auditLog.findMany({ where: { action: "bank-details.viewed", entityId: changeId } });

describe("a beneficiary's bank-details change, as the checker sees it", () => {
  it("in full, current and proposed, with the changed field and the masked-look-same warning, and the view audited", async () => {
    const maker = await planManager(db());
    const checker = await planManager(db());
    const { code, reference, person, change } = await divertedBeneficiary(maker);

    const page = (await loadBeneficiary({
      db: db(),
      key,
      planCode: code,
      personReference: reference,
      viewer: { id: checker.id, role: "PLAN_MANAGER" },
      today: "2026-11-28",
    }))!;
    expect(page.bankDetails).toMatchObject({ sortCode: "200000", accountNumber: "73406722", masked: false });
    expect(page.pendingBankDetails).toMatchObject({
      details: { sortCode: "200000", accountNumber: "41676722", masked: false },
      comparison: {
        changed: ["accountNumber"],
        maskedLookSame: "The masked details look the same but the account number is different",
      },
    });
    const [view] = await views(change.id);
    expect(view).toMatchObject({
      actorId: checker.id,
      actorLabel: checker.email,
      entityType: "BankDetailChange",
      after: { claimantId: person.id, planCode: code, personReference: reference, shown: ["current", "proposed"] },
    });
    // What was shown, never the numbers themselves.
    expect(JSON.stringify(view.after)).not.toMatch(/73406722|41676722/);
  });

  it("masked and unaudited for the maker and for an accountant", async () => {
    const maker = await planManager(db());
    const { code, reference, change } = await divertedBeneficiary(maker);
    const accountant = await makeUser(db(), { role: "ACCOUNTANT" });
    for (const viewer of [
      { id: maker.id, role: "PLAN_MANAGER" as const },
      { id: accountant.id, role: "ACCOUNTANT" as const },
    ]) {
      const page = (await loadBeneficiary({
        db: db(),
        key,
        planCode: code,
        personReference: reference,
        viewer,
        today: "2026-11-28",
      }))!;
      expect(page.bankDetails).toMatchObject({ accountNumber: "*****722", masked: true });
      expect(page.pendingBankDetails).toMatchObject({ details: { accountNumber: "*****722", masked: true }, comparison: null });
    }
    expect(await views(change.id)).toHaveLength(0);
  });

  it("the page draws them side by side for the checker, with the changed field marked", async () => {
    const maker = await planManager(db());
    const checkerUser = await makeUser(db(), { role: "PLAN_MANAGER" });
    const { code, reference, change } = await divertedBeneficiary(maker);
    const render = async (as: CurrentUser) => {
      signedIn = as;
      const Page = (await import("@/app/(portal)/benefit-plans/[code]/beneficiaries/[reference]/page")).default;
      const html = renderToStaticMarkup(await Page({ params: Promise.resolve({ code, reference }) }));
      return html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    };
    const asChecker = await render({
      id: checkerUser.id,
      email: checkerUser.email,
      name: checkerUser.name,
      role: "PLAN_MANAGER",
      mustChangePassword: false,
    });
    expect(asChecker).toContain("Current and proposed bank details");
    expect(asChecker).toMatch(/Account number 73406722 41676722 Changed/);
    expect(asChecker).toContain("The masked details look the same but the account number is different");
    expect(asChecker).toContain("Your viewing them is recorded.");
    expect(await views(change.id)).toHaveLength(1);

    const asMaker = await render({ ...maker, role: "PLAN_MANAGER", mustChangePassword: false });
    expect(asMaker).not.toContain("Current and proposed bank details");
    expect(asMaker).not.toContain("41676722");
    expect(await views(change.id)).toHaveLength(1);
  });
});
