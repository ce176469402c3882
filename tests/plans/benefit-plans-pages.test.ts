// The benefit plan pages rendered to HTML against a real database (the server components and the
// client forms they draw, without a browser): what each role sees, and that new bank details are
// shown in full to the second plan manager only.
import { randomBytes } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/auth/roles";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { BANK_FIELDS, dateFields, loadBenefitPlanActions, NEW_PERSON, post } from "./enrolments-support";

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
  redirect: (url: string) => {
    throw Object.assign(new Error(`redirect to ${url}`), { redirectTo: url });
  },
}));

const { db, url } = useTestDatabase();
const users = {} as Record<"maker" | "checker" | "accountant" | "admin", CurrentUser>;
let reference: string;

async function staff(role: Role): Promise<CurrentUser> {
  const u = await makeUser(db(), { role, name: `The ${role.toLowerCase()}` });
  return { id: u.id, email: u.email, name: u.name, role, mustChangePassword: false };
}

type Page = (props: { params: Promise<object>; searchParams?: Promise<object> }) => Promise<React.ReactElement>;
async function render(path: string, params: object, searchParams: object = {}, as: CurrentUser = users.maker): Promise<string> {
  signedIn = as;
  const page = (await import(/* @vite-ignore */ `@/app/(portal)/benefit-plans${path}/page`)).default as Page;
  const element = await page({ params: Promise.resolve(params), searchParams: Promise.resolve(searchParams) });
  return renderToStaticMarkup(element);
}

beforeAll(async () => {
  const actions = await loadBenefitPlanActions(url());
  users.maker = await staff("PLAN_MANAGER");
  users.checker = await staff("PLAN_MANAGER");
  users.accountant = await staff("ACCOUNTANT");
  users.admin = await staff("ADMIN");
  signedIn = users.maker;
  await post(actions.createBenefitPlanAction, {
    code: "PAGES",
    name: "Winter support",
    "attribute-1-name": "Household size",
    "attribute-1-type": "NUMBER",
    "attribute-2-name": "Moved in",
    "attribute-2-type": "DATE",
    "attribute-3-name": "Tenure",
    "attribute-3-type": "ONE_OF",
    "attribute-3-options": "Rent\nOwn",
  });
  const enrolled = await post(actions.enrolBeneficiaryAction, {
    planCode: "PAGES",
    ...NEW_PERSON,
    "attr-1": "4",
    ...dateFields("attr-2", "2020-03-27"),
    "attr-3": "Rent",
    paymentMethod: "BANK",
    ...BANK_FIELDS,
    ...dateFields("enrolledFrom", "2026-01-01"),
  });
  reference = /\/beneficiaries\/([0-9A-Z]{7})$/.exec(enrolled.redirectTo as string)![1];
});

describe("the benefit plan pages", () => {
  it("list the plans, and the approvals waiting for plan managers only", async () => {
    const forMaker = await render("", {});
    expect(forMaker).toContain("Create a benefit plan");
    expect(forMaker).toContain("Waiting for a second plan manager");
    expect(forMaker).toContain("New bank details");
    expect(forMaker).toContain("Yours: another plan manager decides");
    const forAccountant = await render("", {}, {}, users.accountant);
    expect(forAccountant).toContain("Winter support");
    expect(forAccountant).not.toContain("Waiting for a second plan manager");
    expect(forAccountant).not.toContain("Create a benefit plan");
  });

  it("show a plan with its attributes and beneficiaries, filtered from the URL", async () => {
    const html = await render("/[code]", { code: "pages" });
    expect(html).toContain("Winter support");
    expect(html).toContain("One of: Rent, Own");
    expect(html).toContain(`/benefit-plans/PAGES/beneficiaries/${reference}`);
    expect(html).toContain("New bank details waiting");
    expect(await render("/[code]", { code: "PAGES" }, { name: "nobody" })).toContain("No beneficiaries match these filters.");
    await expect(render("/[code]", { code: "NOPE" })).rejects.toThrow("not found");
  });

  it("draw the create, edit and enrol forms", async () => {
    expect(await render("/new", {})).toContain("Create benefit plan");
    const edit = await render("/[code]/edit", { code: "PAGES" });
    expect(edit).toContain('value="Household size"');
    expect(edit).toContain("Rent\nOwn");
    const enrol = await render("/[code]/enrol", { code: "PAGES" });
    expect(enrol).toContain("Household size");
    expect(enrol).toContain('name="attr-2-day"');
  });

  it("show new bank details in full to the second plan manager only", async () => {
    const params = { code: "PAGES", reference };
    const forChecker = await render("/[code]/beneficiaries/[reference]", params, {}, users.checker);
    expect(forChecker).toContain("55779911");
    expect(forChecker).toContain("Approve new bank details");
    expect(forChecker).toContain("1 January 2026");
    expect(forChecker).toContain("27 March 2020");
    const forMaker = await render("/[code]/beneficiaries/[reference]", params, {}, users.maker);
    expect(forMaker).not.toContain("55779911");
    expect(forMaker).toContain("*****911");
    expect(forMaker).toContain("You proposed these bank details, so another plan manager must approve or reject them.");
    expect(forMaker).not.toContain("Approve new bank details");
    for (const viewer of [users.accountant, users.admin]) {
      const html = await render("/[code]/beneficiaries/[reference]", params, {}, viewer);
      expect(html).not.toContain("55779911");
      expect(html).not.toContain("Record a change of attributes");
      expect(html).toContain("Only plan managers change enrolments.");
    }
  });
});
