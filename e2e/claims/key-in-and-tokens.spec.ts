import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { intakeBody } from "../support/claims";
import { demoUser, errorSummary, signInOverHttp } from "../support/sign-in";

test("a caseworker keys in a claim for someone who cannot use the online service, but cannot decide it", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await page.goto("/claims/new");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(errorSummary(page)).toContainText("Enter the claimant's first name");

  const lastName = `Keyed${Date.now()}`;
  await page.getByLabel("First name").fill("Ruth");
  await page.getByLabel("Last name").fill(lastName);
  const dob = page.getByRole("group", { name: "Date of birth" });
  await dob.getByLabel("Day").fill("3");
  await dob.getByLabel("Month").fill("4");
  await dob.getByLabel("Year").fill("1950");
  await page.getByLabel("Address line 1", { exact: true }).fill("2 Mill Lane");
  await page.getByLabel("Town or city").fill("Wakefield");
  await page.getByLabel("Postcode").fill("wf1 2aa");
  await page.getByLabel("Country").fill("England");
  await page.getByRole("group", { name: "How does the claimant want us to contact them?" }).getByLabel("Letter").check();
  const eventDate = page.getByRole("group", { name: "Date of the event" });
  await eventDate.getByLabel("Day").fill("1");
  await eventDate.getByLabel("Month").fill("11");
  await eventDate.getByLabel("Year").fill("2026");
  await page.getByLabel("Expense 1 Type").selectOption({ label: "Bus" });
  await page.getByLabel("Expense 1 Description").fill("Bus to the hospital and back");
  await page.getByLabel("Expense 1 Amount").fill("4.80");
  await page
    .getByRole("group", { name: "How does the claimant want to be paid?" })
    .getByLabel(/cash|Post Office/i)
    .check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Submit claim" }).click();

  await expect(page).toHaveURL(/\/claims\/[0-9A-Z]{7}\?keyedIn=1$/);
  await expect(page.getByText("You keyed this claim in, so another caseworker must decide it.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Decide this claim" })).toHaveCount(0);
  await expect(page.getByText(/Keyed in \(assisted digital\) by Priya Shah/)).toBeVisible();
});

test("an admin creates an API token, sees it once, and revokes it; the API then refuses it", async ({ page }) => {
  await signInOverHttp(page.request, demoUser.ADMIN);
  await page.goto("/admin/api-tokens");
  const name = `Online service ${Date.now()}`;
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("api-token").textContent())!.trim();
  expect(token).toMatch(/^dsb_[A-Za-z0-9_-]{43}$/);

  const body = intakeBody();
  const created = await page.request.post("/api/claims", {
    headers: { Authorization: `Bearer ${token}`, "Idempotency-Key": randomUUID() },
    data: body,
  });
  expect(created.status()).toBe(201);

  await page.reload();
  await expect(page.getByText(token)).toHaveCount(0);
  await page.getByRole("button", { name: `Revoke token ${name}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Revoked");

  const refused = await page.request.post("/api/claims", {
    headers: { Authorization: `Bearer ${token}`, "Idempotency-Key": randomUUID() },
    data: body,
  });
  expect(refused.status()).toBe(401);
});
