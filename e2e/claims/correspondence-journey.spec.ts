// The caseworker issue's first must-show, end to end: a caseworker asks for more information, the
// online service posts the claimant's answer and a receipt through the intake API, and the
// caseworker sees the request, the answer and the receipt in one thread, then decides the claim.
import { expect, test } from "@playwright/test";
import { e2eApiToken, intakeBody, postClaim, postResponse, submitDecision } from "../support/claims";
import { demoUser, signInOverHttp } from "../support/sign-in";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

test("request information -> response and receipt through the API -> the thread shows both -> the caseworker decides", async ({
  page,
}) => {
  const claim = await postClaim(
    page.request,
    intakeBody({ expenses: [{ type: "TAXI", description: "Station to the prison", amountPence: 1850 }] }),
  );
  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await page.goto(`/claims/${claim.reference}`);
  await page.getByText("Request information from the claimant").click();
  await page.getByRole("group", { name: "What do you need?" }).getByLabel("More information").check();
  await page.getByLabel("What the claimant needs to send").fill("Please send the taxi receipt.");
  await page.getByRole("button", { name: "Request information" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Information requested" })).toBeVisible();

  const answered = await postResponse(page.request, claim.reference, { message: "Here is the receipt from Station Cars." });
  expect(answered.status(), await answered.text()).toBe(201);
  const sent = await page.request.post(`/api/claims/${claim.reference}/documents`, {
    headers: { Authorization: `Bearer ${await e2eApiToken()}` },
    multipart: { file: { name: "taxi-receipt.png", mimeType: "image/png", buffer: PNG } },
  });
  expect(sent.status(), await sent.text()).toBe(201);

  await page.reload();
  const thread = page.getByRole("region", { name: "Correspondence" });
  const items = thread.getByRole("listitem");
  await expect(items.first()).toContainText("Please send the taxi receipt.");
  const response = items.filter({ hasText: "Here is the receipt from Station Cars." });
  await expect(response).toContainText("the online service");
  const receipt = response.getByRole("link", { name: /taxi-receipt\.png/ });
  await expect(receipt).toBeVisible();
  const bytes = await page.request.get((await receipt.getAttribute("href"))!);
  expect([bytes.status(), bytes.headers()["content-type"], Buffer.compare(await bytes.body(), PNG)]).toEqual([
    200,
    "image/png",
    0,
  ]);
  await expect(page.getByRole("region", { name: "Documents" }).getByText("taxi-receipt.png", { exact: true })).toBeVisible();

  await page
    .getByRole("group", { name: /^Line 1:/ })
    .getByLabel("Approve £18.50")
    .check();
  await submitDecision(page);
  await expect(page.getByRole("status").filter({ hasText: `Payment ${claim.reference}-01 for £18.50 created` })).toBeVisible();
});
