// Claims for end-to-end tests arrive the way real ones do: through the intake API, with an API
// token made for the test run.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { sql, userIdByEmail } from "./db";
import { demoUser } from "./sign-in";

let token: Promise<string> | undefined;

export function e2eApiToken(): Promise<string> {
  token ??= (async () => {
    const value = `dsb_${randomBytes(32).toString("base64url")}`;
    const hash = createHash("sha256").update(value).digest("hex");
    await sql(`INSERT INTO "ApiToken" (id, name, "tokenHash", prefix, "createdById") VALUES ($1, $2, $3, $4, $5)`, [
      randomUUID(),
      `e2e ${Date.now()}`,
      hash,
      value.slice(4, 12),
      await userIdByEmail(demoUser.ADMIN),
    ]);
    return value;
  })();
  return token;
}

export function intakeBody(
  overrides: {
    lastName?: string;
    method?: "BANK" | "CASH";
    expenses?: { type: string; description: string; amountPence: number }[];
  } = {},
) {
  return {
    claimant: {
      firstName: "Ada",
      lastName: overrides.lastName ?? `Lovelace${randomBytes(3).toString("hex")}`,
      dateOfBirth: "1985-12-10",
      email: "ada@example.com",
      phone: "07700900123",
      address: {
        line1: "1 High Street",
        line2: null,
        town: "Leeds",
        county: "West Yorkshire",
        postcode: "LS1 1AA",
        country: "England",
      },
      contactPreference: "EMAIL",
    },
    eventDate: "2026-11-01",
    paymentMethod: overrides.method ?? "BANK",
    bankDetails: { nameOnAccount: "A Lovelace", sortCode: "200000", accountNumber: "55779911", rollNumber: null },
    expenses: overrides.expenses ?? [
      { type: "TRAIN", description: "Leeds to Wakefield return", amountPence: 1240 },
      { type: "TAXI", description: "Station to prison", amountPence: 850 },
    ],
  };
}

export async function postClaim(
  request: APIRequestContext,
  body = intakeBody(),
): Promise<{ id: string; reference: string; lastName: string }> {
  const response = await request.post("/api/claims", {
    headers: { Authorization: `Bearer ${await e2eApiToken()}`, "Idempotency-Key": randomUUID() },
    data: body,
  });
  expect(response.status(), await response.text()).toBe(201);
  return { ...(await response.json()), lastName: body.claimant.lastName };
}

export async function postResponse(request: APIRequestContext, reference: string, body: Record<string, unknown>) {
  return request.post(`/api/claims/${reference}/responses`, {
    headers: { Authorization: `Bearer ${await e2eApiToken()}`, "Idempotency-Key": randomUUID() },
    data: body,
  });
}

/**
 * A new claim of one £25.00 line, approved by the caseworker `page` is signed in as: its payment
 * (`<claim>-01`) waits for the next run of its method.
 */
export async function approveNewClaim(page: Page, method: "BANK" | "CASH"): Promise<string> {
  const claim = await postClaim(
    page.request,
    intakeBody({ method, expenses: [{ type: "TRAIN", description: "Leeds to Wakefield return", amountPence: 2500 }] }),
  );
  await page.goto(`/claims/${claim.reference}`);
  await page
    .getByRole("group", { name: /Line 1/ })
    .getByLabel("Approve £25.00")
    .check();
  await submitDecision(page);
  await expect(page.getByRole("status").filter({ hasText: `Payment ${claim.reference}-01 for £25.00 created` })).toBeVisible();
  return claim.reference;
}

/** The decision form's first step: "Continue" checks the decision and shows it to confirm (or the errors). */
export async function continueDecision(page: Page) {
  await page.getByRole("button", { name: "Continue", exact: true }).click();
}

/** A decision as the caseworker makes it: "Continue", then "Confirm decision" on the check-your-answers summary. */
export async function submitDecision(page: Page) {
  await continueDecision(page);
  await expect(page.getByRole("heading", { name: "Check your decision" })).toBeVisible();
  await page.getByRole("button", { name: "Confirm decision" }).click();
}
