// The idle warning's clock (components/idle-warning.tsx) restarts whenever the server hears from
// the page: a client-side navigation (the layout, and the warning with it, stays mounted) and a form
// sent to a server action. The page's clock is Playwright's fake one; the server's is real, so the
// session itself stays alive while minutes pass in the browser.
import { expect, test, type Page } from "@playwright/test";
import { demoUser, errorSummary, signInOverHttp } from "../support/sign-in";

// As the e2e server has it (the same environment); the page warns 5 minutes before it would sign
// out, which it reckons a minute short of the idle timeout (lib/auth/sessions/session-rules.ts).
const IDLE_MINUTES = Number(process.env.SESSION_IDLE_MINUTES || 30);
const WARN_AFTER_MS = (IDLE_MINUTES - 1 - 5) * 60_000;
const MINUTE = 60_000;

const warning = (page: Page) => page.getByRole("dialog", { name: "You will be signed out soon" });

/** Lets a couple of the warning's one-second ticks run, so a dialog that is due has opened. */
async function settle(page: Page) {
  await page.clock.runFor(2_000);
}

/** Proves the next step does not reload the page: a full load would restart the clock anyway. */
async function markPage(page: Page) {
  await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));
}
const samePage = (page: Page) => page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage === true);

test.beforeEach(async ({ page }) => {
  await page.clock.install();
  await signInOverHttp(page.request, demoUser.CASEWORKER);
});

test("the warning comes when it is due, and a navigation within the portal starts its clock again", async ({ page }) => {
  await page.goto("/claims");
  await page.clock.fastForward(WARN_AFTER_MS - 2 * MINUTE);
  await settle(page);
  await expect(warning(page)).toBeHidden();

  await markPage(page);
  await page.getByRole("link", { name: "Key in a claim" }).click();
  await expect(page).toHaveURL(/\/claims\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "Key in a claim" })).toBeVisible();
  expect(await samePage(page)).toBe(true);

  // Past the first page's warning time, but only 4 minutes after the navigation.
  await page.clock.fastForward(4 * MINUTE);
  await settle(page);
  await expect(warning(page)).toBeHidden();

  // Due counted from the navigation.
  await page.clock.fastForward(WARN_AFTER_MS - 4 * MINUTE);
  await settle(page);
  await expect(warning(page)).toBeVisible();
  await expect(warning(page)).toContainText("we will sign you out in 5 minutes");
});

test("a form sent to a server action starts the clock again", async ({ page }) => {
  await page.goto("/claims/new");
  await page.clock.fastForward(WARN_AFTER_MS - 2 * MINUTE);
  await settle(page);
  await expect(warning(page)).toBeHidden();

  await markPage(page);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(errorSummary(page)).toBeVisible();
  expect(await samePage(page)).toBe(true);

  await page.clock.fastForward(4 * MINUTE);
  await settle(page);
  await expect(warning(page)).toBeHidden();

  await page.clock.fastForward(WARN_AFTER_MS - 4 * MINUTE);
  await settle(page);
  await expect(warning(page)).toBeVisible();
});
