// The enrolment file pages rendered to HTML against a real database: the plan's files with the
// upload form for plan managers only, and a file's page, where the second plan manager sees the new
// bank details in full with the decision buttons, and the uploader and everyone else see them masked.
import { randomBytes } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/auth/roles";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { useTempStore } from "../runs/run-test-support";
import { enrolmentFile, filePlan, NEW_ROW, uploadFile } from "./enrolments-file-support";

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
  // The upload form refreshes the page after an upload; there is no app router without a browser.
  useRouter: () => ({ refresh: () => {} }),
}));

const { db, url } = useTestDatabase();
const store = useTempStore();
const users = {} as Record<"maker" | "checker" | "accountant", CurrentUser>;
let applied: string;
let rejected: string;

type Page = (props: { params: Promise<object>; searchParams: Promise<object> }) => Promise<React.ReactElement>;
async function render(path: string, params: object, as: CurrentUser, searchParams: object = {}): Promise<string> {
  signedIn = as;
  const page = (await import(/* @vite-ignore */ `@/app/(portal)/benefit-plans/[code]/uploads${path}/page`)).default as Page;
  return renderToStaticMarkup(await page({ params: Promise.resolve(params), searchParams: Promise.resolve(searchParams) }));
}

async function staff(role: Role, id?: string): Promise<CurrentUser> {
  const u = id
    ? await db().user.findUniqueOrThrow({ where: { id } })
    : await makeUser(db(), { role, name: `The ${role.toLowerCase()}` });
  return { id: u.id, email: u.email, name: u.name, role, mustChangePassword: false };
}

beforeAll(async () => {
  vi.resetModules();
  delete (globalThis as { prisma?: unknown }).prisma;
  process.env.DATABASE_URL = url();
  // The page reads the upload size limit from the settings, which want the production secrets.
  process.env.DISBURSE_MODE = "production";
  process.env.AUTH_SECRET = "a".repeat(40);
  process.env.BANK_DETAILS_KEY = key.toString("base64");
  process.env.BANK_DETAILS_LOOKUP_KEY = Buffer.alloc(32, 6).toString("base64");
  const plan = await filePlan(db(), "PAGES-FILE");
  users.maker = await staff("PLAN_MANAGER", plan.maker.id);
  users.checker = await staff("PLAN_MANAGER");
  users.accountant = await staff("ACCOUNTANT");
  const ok = await uploadFile(db(), store(), key, {
    planId: plan.id,
    actor: plan.maker,
    bytes: enrolmentFile([{ ...NEW_ROW, "First Name": "Paged", "Account Number": "55779911" }]),
    fileName: "winter.csv",
  });
  applied = ok.uploadId;
  const bad = await uploadFile(db(), store(), key, {
    planId: plan.id,
    actor: plan.maker,
    bytes: enrolmentFile([{ ...NEW_ROW, "First Name": "Broken", "Payment Method": "CHEQUE" }]),
    fileName: "broken.csv",
  });
  rejected = bad.uploadId;
});

describe("the enrolment file pages", () => {
  it("list the plan's files, with the upload form and the columns for plan managers", async () => {
    const forMaker = await render("", { code: "pages-file" }, users.maker);
    expect(forMaker).toContain("Upload an enrolment file");
    expect(forMaker).toContain('action="/api/uploads/enrolment?plan=PAGES-FILE"');
    expect(forMaker).toContain('<label for="enrolment-file"');
    expect(forMaker).toContain("Enrolment file (CSV)");
    expect(forMaker).toContain("Person Reference, First Name, Last Name");
    expect(forMaker).toContain("Household size, Tenure");
    expect(forMaker).toContain("winter.csv");
    expect(forMaker).toContain("broken.csv");
    expect(forMaker).toContain("2 waiting for a second plan manager");
    const forAccountant = await render("", { code: "PAGES-FILE" }, users.accountant);
    expect(forAccountant).toContain("winter.csv");
    expect(forAccountant).not.toContain("Upload an enrolment file");
    await expect(render("", { code: "NOPE" }, users.maker)).rejects.toThrow("not found");
  });

  it("show a file's waiting changes in full, with the decision, to a second plan manager only", async () => {
    const forChecker = await render("/[id]", { code: "PAGES-FILE", id: applied }, users.checker);
    expect(forChecker).toContain("winter.csv");
    expect(forChecker).toContain("55779911");
    expect(forChecker).toContain("Approve all 2 changes");
    expect(forChecker).toContain("Reject all 2 changes");
    expect(forChecker).toContain("New enrolment");
    for (const viewer of [users.maker, users.accountant]) {
      const html = await render("/[id]", { code: "PAGES-FILE", id: applied }, viewer);
      expect(html).toContain("*****911");
      expect(html).not.toContain("55779911");
      expect(html).not.toContain("Approve all");
    }
    expect(await render("/[id]", { code: "PAGES-FILE", id: applied }, users.maker)).toContain(
      "You uploaded this file, so another plan manager must approve or reject its changes.",
    );
    await expect(render("/[id]", { code: "OTHER", id: applied }, users.checker)).rejects.toThrow("not found");
  });

  it("show a rejected file's problems and the error report", async () => {
    const html = await render("/[id]", { code: "PAGES-FILE", id: rejected }, users.maker);
    expect(html).toContain("The file has 1 error. Nothing was changed");
    expect(html).toContain("Payment Method &quot;CHEQUE&quot; must be BANK or CASH");
    expect(html).toContain(`/api/uploads/${rejected}/error-report`);
  });
});
