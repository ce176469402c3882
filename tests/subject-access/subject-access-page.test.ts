// The subject-access page rendered against a real database (a server component, without a browser):
// what the zip will hold, counted; the download button; "Erased on <date>" for an erased person; not
// found for nobody. Who may open it is the access table's (tests/access, e2e access matrix).
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "../support/test-db";
import { makeClaim } from "../support/make-claim";
import { randomBytes, randomUUID } from "node:crypto";

vi.mock("@/lib/auth/guards", () => ({ requirePage: async () => ({ role: "ADMIN" }) }));
vi.mock("next/navigation", async (original) => ({
  ...(await original<object>()),
  notFound: () => {
    throw new Error("not found");
  },
}));

const { db, url } = useTestDatabase();
type Page = (props: { params: Promise<{ id: string }> }) => Promise<React.ReactElement>;
let page: Page;

const render = async (id: string) => renderToStaticMarkup(await page({ params: Promise.resolve({ id }) }));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&apos;/g, "'")
    .replace(/\s+/g, " ");

beforeAll(async () => {
  vi.resetModules();
  delete (globalThis as { prisma?: unknown }).prisma;
  process.env.DATABASE_URL = url();
  page = (await import("@/app/(portal)/claimants/[id]/subject-access/page")).default as Page;
});

describe("the subject-access page", () => {
  it("counts what the zip will hold and offers the download", async () => {
    const { claimant } = await makeClaim(db(), randomBytes(32), { lines: [1240, 3000, 500] });
    await db().claimant.update({ where: { id: claimant.id }, data: { reference: "7KQ2M9X" } });
    const html = await render(claimant.id);
    const words = text(html);
    expect(words).toContain("Ada Lovelace (7KQ2M9X) Subject-access export");
    expect(words).toContain("claims.csv 1 claim ");
    expect(words).toContain("expense-lines.csv 3 expense lines and their decisions");
    expect(words).toContain("payments.csv 0 payments");
    expect(words).toContain("documents/ 0 documents sent with claims");
    expect(html).toContain(`href="/api/claimants/${claimant.id}/subject-access.zip"`);
    expect(words).toContain("Download the zip file");
    expect(words).not.toContain("Erased on");
  });

  it("says when an erased person was erased", async () => {
    const erased = await db().claimant.create({
      data: {
        reference: "9ZZ9ZZ9",
        firstName: "Erased",
        lastName: "Erased",
        dateOfBirth: new Date("1900-01-01"),
        addressLine1: "",
        town: "",
        postcode: "",
        country: "",
        contactPreference: "EMAIL",
        erasedAt: new Date("2026-11-01T02:00:00Z"),
      },
    });
    expect(text(await render(erased.id))).toContain(
      "Erased on 1 November 2026: this person's personal details were erased under the retention policy.",
    );
  });

  it("is not found for nobody", async () => {
    await expect(render(randomUUID())).rejects.toThrow("not found");
    await expect(render("not-an-id")).rejects.toThrow("not found");
  });
});
