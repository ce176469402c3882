// The payment plan pages rendered to HTML against a real database (server components and the
// client form they draw, without a browser): the list, a plan's versions with who saved each and
// its rule in words, the preview by person reference, and what only plan managers are offered.
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { useTestDatabase } from "../support/test-db";
import { enrol, loadPlanActions, makeBenefitPlan, planFields, post, staff } from "./payment-plans-support";

let signedIn: CurrentUser;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));
vi.mock("@/lib/auth/guards", () => ({ requirePage: async () => signedIn }));
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
let manager: CurrentUser;
let accountant: CurrentUser;
let planId: string;
let benefitPlanId: string;
let reference: string;

type Page = (props: { params: Promise<object>; searchParams: Promise<object> }) => Promise<React.ReactElement>;
async function html(path: string, params: object = {}, searchParams: object = {}, as = manager): Promise<string> {
  signedIn = as;
  const page = (await import(/* @vite-ignore */ `@/app/(portal)/payment-plans${path}/page`)).default as Page;
  return renderToStaticMarkup(await page({ params: Promise.resolve(params), searchParams: Promise.resolve(searchParams) }));
}

async function render(path: string, params: object = {}, searchParams: object = {}, as = manager): Promise<string> {
  const markup = await html(path, params, searchParams, as);
  // Text as people read it: tags dropped, entities decoded, spaces collapsed.
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
  const actions = await loadPlanActions(url());
  manager = await staff(db(), "PLAN_MANAGER");
  accountant = await staff(db(), "ACCOUNTANT");
  benefitPlanId = (await makeBenefitPlan(db(), manager.id)).id;
  reference = (
    await enrol(db(), {
      benefitPlanId,
      createdById: manager.id,
      attributes: [{ effectiveFrom: "2020-01-01", values: { "Household size": 5, Disabled: true, Region: "South" } }],
    })
  ).reference!;
  signedIn = manager;
  const created = await post(actions.createPaymentPlanAction, { ...planFields(), benefitPlanId });
  planId = /\/payment-plans\/([0-9a-f-]{36})\?/.exec(created.redirectTo as string)![1];
  await post(actions.changePaymentPlanAction, { ...planFields({ limit: "" }), planId, baseVersion: "1" });
});

describe("payment plan pages", () => {
  it("lists plans with their current version, and offers to create one to plan managers only", async () => {
    const asManager = await render("");
    expect(asManager).toContain("CHB-MONTHLY");
    expect(asManager).toContain("Every month");
    expect(asManager).toContain("from 1 January 2027, no end");
    expect(asManager).toMatch(/ 2 since /);
    expect(asManager).toContain("Create a payment plan");
    expect(await render("", {}, {}, accountant)).not.toContain("Create a payment plan");
  });

  it("shows each version with who saved it and its rule in words, newest first", async () => {
    const text = await render("/[id]", { id: planId }, { saved: "version" }, accountant);
    expect(text).toContain("Version 2 of the rule saved.");
    expect(text).toContain("Calculation rule, version 2");
    expect(text).not.toContain("Change this plan");
    const v2 = text.indexOf("£50.00 base; +£20.00 when Household size >= 3 (Large household; counts towards ceiling)");
    expect(v2).toBeGreaterThan(-1);
    expect(text.slice(v2)).toContain("ceiling £30.00 on the amounts that count towards it; no per-payment limit");
    expect(text.slice(v2)).toContain("a payment above £90.00 is suspended for an accountant");
    expect(text).toContain(`by ${manager.name} (${manager.email})`);
    expect(await render("/[id]", { id: planId })).toContain("Change this plan");
  });

  it("previews the current version for a person reference, each part of the sum shown", async () => {
    const text = await render("/[id]", { id: planId }, { person: reference.toLowerCase() }, accountant);
    expect(text).toContain(`Preview for Grace Hopper (${reference})`);
    expect(text).toContain("Met Household size >= 3 (holds 5) £20.00");
    expect(text).toContain('Not met Region = "North" (holds "South") £0.00 not matched ( £10.00 )');
    expect(text).toContain("Counting amounts matched: £45.00 ; ceiling £30.00 : the excess is taken off -£15.00");
    expect(text).toContain("Amount for the period £80.00");
    expect(text).toContain("The plan has no per-payment limit");

    const unknown = await render("/[id]", { id: planId }, { person: "ZZZZZZZ" }, accountant);
    expect(unknown).toContain("There is a problem");
    expect(unknown).toContain("has the person reference ZZZZZZZ");
  });

  it("draws the change form filled from the current version, and the new-plan form for a chosen benefit plan", async () => {
    const edit = await html("/[id]/edit", { id: planId });
    expect(edit).toContain('name="baseVersion" value="2"');
    expect(edit).toContain('name="amountCount" value="3"');
    expect(edit).toMatch(/name="amount-3-condition-1-value"[^>]*>.*?<option value="North" selected=""/s);
    expect(edit).toMatch(/name="limit" value=""/);

    const choose = await render("/new", {}, { chosen: "yes" });
    expect(choose).toContain("There is a problem Choose a benefit plan");
    const form = await html("/new", {}, { benefitPlan: benefitPlanId });
    expect(form).toContain(`name="benefitPlanId" value="${benefitPlanId}"`);
    expect(form).toContain("Add a conditional amount");
  });
});
