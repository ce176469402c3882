// The security issue's diversion, 200000/73406722 -> 200000/41676722: masked, both read "20-**-**,
// *****722", so the second caseworker approved blind. The claim page now shows that caseworker both
// in full, side by side, the changed field tagged, the masked-identical warning, who proposed it and
// how the claimant sent it, and who else holds the account; each such view is audited. The proposer
// and everyone else still see them masked, and their views are not recorded.
import { renderToReadableStream } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/auth/roles";
import { bankLookupHash } from "@/lib/bank-details/lookup-hash";
import { proposeBankDetailsChange } from "@/lib/bank-details/propose-bank-details-change";
import { RESPONSE_NOTE } from "@/lib/bank-details/change-source";
import { encryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { TEST_LOOKUP_KEY } from "../support/lookup-key";
import { makeClaim } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const key = Buffer.alloc(32, 12);
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
  useRouter: () => ({ refresh: () => {} }),
}));

const { db, url } = useTestDatabase();
const users = {} as Record<"maker" | "checker" | "admin", CurrentUser>;
const CURRENT = { sortCode: "200000", accountNumber: "73406722", nameOnAccount: "A Lovelace", rollNumber: null };
const DIVERTED = { ...CURRENT, accountNumber: "41676722" };
let reference: string;
let changeId: string;
let mule: { reference: string; name: string };

async function staff(role: Role, name: string): Promise<CurrentUser> {
  const u = await makeUser(db(), { role, name });
  return { id: u.id, email: u.email, name: u.name, role, mustChangePassword: false };
}

type Page = (props: { params: Promise<object> }) => Promise<React.ReactElement>;
async function render(as: CurrentUser): Promise<string> {
  signedIn = as;
  const page = (await import("@/app/(portal)/claims/[reference]/page")).default as Page;
  // Streamed, because the bank-details section is an async server component of its own.
  const stream = await renderToReadableStream(await page({ params: Promise.resolve({ reference }) }));
  await stream.allReady;
  // Without React's separators between adjacent texts ("Max<!-- --> <!-- -->Mule").
  return (await new Response(stream).text()).replaceAll("<!-- -->", "");
}

const views = () => db().auditLog.count({ where: { action: "bank-details.viewed", entityId: changeId } });

beforeAll(async () => {
  vi.resetModules();
  delete (globalThis as { prisma?: unknown }).prisma;
  process.env.DATABASE_URL = url();
  process.env.DISBURSE_MODE = "production";
  process.env.AUTH_SECRET = "a".repeat(40);
  process.env.BANK_DETAILS_KEY = key.toString("base64");
  process.env.BANK_DETAILS_LOOKUP_KEY = TEST_LOOKUP_KEY.toString("base64");
  users.maker = await staff("CASEWORKER", "Mo Maker");
  users.checker = await staff("CASEWORKER", "Chris Checker");
  users.admin = await staff("ADMIN", "Ada Admin");

  const { claim, claimant } = await makeClaim(db(), key, { bank: CURRENT });
  reference = claim.reference;
  await db().bankDetails.update({
    where: { claimantId: claimant.id },
    data: { lookupHash: bankLookupHash(CURRENT, TEST_LOOKUP_KEY) },
  });
  // The account it is diverted to already pays someone else.
  const other = await makeClaim(db(), key, { bank: null });
  await db().claimant.update({
    where: { id: other.claimant.id },
    data: { firstName: "Max", lastName: "Mule", reference: other.claim.reference },
  });
  await db().bankDetails.create({
    data: {
      claimantId: other.claimant.id,
      ciphertext: encryptBankDetails({ ...DIVERTED, nameOnAccount: "M Mule" }, key),
      lookupHash: bankLookupHash(DIVERTED, TEST_LOOKUP_KEY),
    },
  });
  mule = { reference: other.claim.reference, name: "Max Mule" };

  ({ changeId } = await db().$transaction((tx) =>
    proposeBankDetailsChange(tx, {
      claimantId: claimant.id,
      details: DIVERTED,
      key,
      lookupKey: TEST_LOOKUP_KEY,
      actor: users.maker,
      proposedById: users.maker.id,
      note: RESPONSE_NOTE,
    }),
  ));
});

describe("the checker of a bank-details change", () => {
  it("sees current and proposed in full, side by side, with the change and the masked-identical warning", async () => {
    const html = await render(users.checker);
    expect(html).toContain("Current and proposed bank details");
    expect(html).toContain("73406722");
    expect(html).toContain("41676722");
    expect(html).toContain("The masked details look the same but the account number is different");
    // The one changed field is tagged in words, which screen readers read too.
    expect(html.match(/>Changed</g)).toHaveLength(1);
    expect(html).toMatch(/Account number<\/th>.*73406722.*41676722[^<]*<strong[^>]*>Changed<\/strong>/s);
    expect(html).toContain("by Mo Maker");
    expect(html).toContain("How the claimant sent them:</strong> The claimant&#x27;s response to a request for information");
    expect(html).toContain("Approve new bank details");
  });

  it("is told who else holds the proposed account, with a link to their claim", async () => {
    const html = await render(users.checker);
    expect(html).toContain("The same account is used by another person.");
    expect(html).toContain(mule.name);
    expect(html).toContain(`href="/claims/${mule.reference}"`);
    expect(html).toContain("the proposed account, in their approved bank details");
  });

  it("has each view that showed the details in full audited, the details themselves never", async () => {
    const before = await views();
    await render(users.checker);
    expect(await views()).toBe(before + 1);
    const entry = await db().auditLog.findFirstOrThrow({
      where: { action: "bank-details.viewed", entityId: changeId },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({ actorId: users.checker.id, entityType: "BankDetailChange" });
    expect(entry.after).toMatchObject({ claimReference: reference, shown: ["current", "proposed"] });
    expect(JSON.stringify([entry.before, entry.after])).not.toMatch(/73406722|41676722/);
  });
});

describe("everyone else", () => {
  it("sees the details masked, the proposer included, and nothing is recorded", async () => {
    const before = await views();
    for (const viewer of [users.maker, users.admin]) {
      const html = await render(viewer);
      expect(html).toContain("*****722");
      expect(html).not.toContain("73406722");
      expect(html).not.toContain("41676722");
      expect(html).not.toContain("Current and proposed bank details");
      expect(html).not.toContain("Approve new bank details");
      // The maker is warned about the account too.
      expect(html).toContain(mule.name);
    }
    expect(await render(users.maker)).toContain("You proposed this change, so another caseworker must approve or reject it.");
    expect(await views()).toBe(before);
  });
});

describe("after the bank refused the details on file", () => {
  it("shows the checker the current details as rejected by the bank, never as passing the modulus check", async () => {
    const claim = await db().claim.findUniqueOrThrow({ where: { reference } });
    await db().payment.create({
      data: {
        reference: `${reference}-01`,
        personId: claim.claimantId,
        claimId: claim.id,
        method: "BANK",
        amountPence: 1240,
        status: "FAILED",
        failureReason: "Account closed",
        failedAt: new Date(),
      },
    });
    const html = await render(users.checker);
    const table = html.slice(html.indexOf("Current and proposed bank details"));
    expect(table).toMatch(/<td[^>]*>(?:(?!<\/td>).)*Rejected by the bank: Account closed/s);
    // Only the proposed details, which the bank has not refused, may pass the modulus check.
    expect(table.match(/Passes the modulus check/g)).toHaveLength(1);
  });
});
