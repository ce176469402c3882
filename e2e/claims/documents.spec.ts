// Evidence documents in the browser (docs/documents.md): the online service sends one through the
// API, the caseworker sees it on the claim page (an image shown inline, marked not scanned: the e2e
// portal runs in demo mode without a scanner) and attaches a PDF with the page's form; admins see
// the documents but get no form. The virus scanning itself is tested against a real clamd in
// tests/documents.
import { expect, test } from "@playwright/test";
import { e2eApiToken, postClaim } from "../support/claims";
import { demoUser, errorSummary, freshPage, signInOverHttp } from "../support/sign-in";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n", "latin1");

test("a document sent through the API shows on the claim page, and a caseworker attaches another", async ({ page, browser }) => {
  const claim = await postClaim(page.request);
  const auth = { Authorization: `Bearer ${await e2eApiToken()}` };
  const refused = await page.request.post(`/api/claims/${claim.reference}/documents`, {
    headers: auth,
    multipart: { file: { name: "holiday.png", mimeType: "image/png", buffer: Buffer.from("MZ\x90\x00 a program", "latin1") } },
  });
  expect([refused.status(), await refused.json()]).toEqual([400, { error: "The file must be a PNG or JPEG image or a PDF" }]);
  const sent = await page.request.post(`/api/claims/${claim.reference}/documents`, {
    headers: auth,
    multipart: { file: { name: "receipt.png", mimeType: "image/png", buffer: PNG } },
  });
  expect(sent.status(), await sent.text()).toBe(201);

  await signInOverHttp(page.request, demoUser.CASEWORKER);
  await page.goto(`/claims/${claim.reference}`);
  const section = page.getByRole("region", { name: "Documents" });
  await expect(section.getByText("receipt.png", { exact: true })).toBeVisible();
  await expect(section).toContainText("Sent by the online service");
  await expect(section.getByText("Not scanned: no virus scanner configured (demo)")).toBeVisible();
  const preview = section.getByRole("img", { name: "Preview of receipt.png" });
  await expect(preview).toBeVisible();
  // The preview loads lazily: once on screen it must load (a 1 px PNG, so its natural width is 1).
  await preview.scrollIntoViewIfNeeded();
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

  await section.getByLabel("Document").setInputFiles({ name: "ticket.pdf", mimeType: "application/pdf", buffer: PDF });
  await section.getByRole("button", { name: "Attach document" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The document was attached." })).toBeVisible();
  await expect(section.getByText("ticket.pdf", { exact: true })).toBeVisible();
  const link = section.getByRole("link", { name: "Open ticket.pdf (PDF, opens in a new tab)" });
  const pdf = await page.request.get((await link.getAttribute("href"))!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-security-policy"]).toContain("sandbox");
  expect(pdf.headers()["x-content-type-options"]).toBe("nosniff");

  // A refused file is said at the top of the form, tied to the field.
  await section.getByLabel("Document").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await section.getByRole("button", { name: "Attach document" }).click();
  await expect(errorSummary(page)).toContainText("The file must be a PNG or JPEG image or a PDF");

  const admin = await freshPage(browser);
  await signInOverHttp(admin.request, demoUser.ADMIN);
  await admin.goto(`/claims/${claim.reference}`);
  const adminSection = admin.getByRole("region", { name: "Documents" });
  await expect(adminSection.getByText("ticket.pdf", { exact: true })).toBeVisible();
  await expect(adminSection.getByRole("button", { name: "Attach document" })).toHaveCount(0);
});
