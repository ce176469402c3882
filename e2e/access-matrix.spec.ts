// Every page and route, as every role and signed out, against the rules of docs/domain.md#roles-and-access
// (tests/access/expected-access.ts; tests/access/route-table.test.ts fails when a page or route
// is missing from that table).
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { EVERY_ROLE, expectedPages, expectedRoutes } from "../tests/access/expected-access";
import { baseURL } from "../playwright.config";
import { sql, userIdByEmail } from "./support/db";
import { demoUser, signInOverHttp } from "./support/sign-in";

const roleLabel = {
  CASEWORKER: "Caseworker",
  SSCL_FINANCE: "SSCL finance",
  ACCOUNTANT: "Accountant",
  PLAN_MANAGER: "Payment-plan manager",
  ADMIN: "Administrator",
};
type Who = (typeof EVERY_ROLE)[number] | "signed out";
const everyone: Who[] = ["signed out", ...EVERY_ROLE];

const contexts = new Map<Who, APIRequestContext>();
let adminUserId = "";
let claimReference = "";

test.beforeAll(async () => {
  adminUserId = await userIdByEmail(demoUser.ADMIN);
  [{ reference: claimReference }] = await sql<{ reference: string }>(`SELECT reference FROM "Claim" ORDER BY reference LIMIT 1`);
  for (const who of everyone) {
    const context = await playwrightRequest.newContext({ baseURL });
    if (who !== "signed out") await signInOverHttp(context, demoUser[who]);
    contexts.set(who, context);
  }
});

test.afterAll(async () => {
  for (const context of contexts.values()) await context.dispose();
});

const fill = (url: string) => url.replace("{adminUserId}", adminUserId).replace("{claimReference}", claimReference);

for (const page of expectedPages) {
  test(`page ${page.pattern}`, async () => {
    for (const who of everyone) {
      const response = await contexts.get(who)!.get(fill(page.url), { maxRedirects: 0 });
      const label = `${who} GET ${page.url}`;
      if (page.allowed === "public") {
        expect(response.status(), label).toBe(who === "signed out" ? 200 : 307);
      } else if (page.allowed === "anyone") {
        expect(response.status(), label).toBe(200);
      } else if (who === "signed out") {
        expect(response.status(), label).toBe(307);
        expect(response.headers()["location"], label).toContain("/login?callbackUrl=");
      } else if (page.allowed.includes(who)) {
        expect(response.status(), label).toBe(page.allowedStatus ?? 200);
      } else {
        expect(response.status(), label).toBe(403);
        const body = await response.text();
        expect(body, label).toContain("You do not have access to this page");
        for (const role of page.allowed) expect(body, label).toContain(roleLabel[role]);
      }
    }
  });
}

for (const route of expectedRoutes) {
  test(`route ${route.method} ${route.pattern}`, async () => {
    for (const who of everyone) {
      const context = contexts.get(who)!;
      const url = fill(route.url);
      const response =
        route.method === "GET"
          ? await context.get(url, { maxRedirects: 0 })
          : await context.post(url, { maxRedirects: 0, data: {} });
      const label = `${who} ${route.method} ${url}`;
      if (route.allowed === "api-token" || route.allowed === "cron") {
        // A staff session is neither an API token nor the cron secret: 401 JSON to everyone here.
        expect(response.status(), label).toBe(401);
        expect(response.headers()["content-type"], label).toContain("application/json");
      } else if (route.allowed === "public") {
        expect(response.status(), label).toBe(200);
      } else if (route.allowed === "auth") {
        expect(response.status(), label).toBe(200);
        const session = await response.json();
        if (who === "signed out") expect(session, label).toBeNull();
        else expect(session.user.role, label).toBe(who);
      } else if (who === "signed out") {
        expect(response.status(), label).toBe(401);
        expect(response.headers()["content-type"], label).toContain("application/json");
      } else {
        expect(response.status(), label).toBe(route.allowed.includes(who) ? (route.allowedStatus ?? 200) : 403);
      }
    }
  });
}
