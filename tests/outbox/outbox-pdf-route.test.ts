// GET /api/outbox/<id>/pdf: the letter, or the voucher an email links to, exactly as the sender
// hands it to Notify; admins only; nothing for a message without a PDF; a letter that cannot be
// printed says why.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { letterKit } from "@/app/(portal)/outbox/letter-kit";
import type { CurrentUser } from "@/lib/auth/current-user";
import { loadVoucherDetails } from "@/lib/notify/load-voucher-details";
import { messagePdf } from "@/lib/notify/render-message";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { makeClaimant, queueMessage, queueVoucherMessage } from "../notify/notify-test-data";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));

const { db, url } = useTestDatabase();

async function loadRoute() {
  vi.resetModules();
  delete (globalThis as { prisma?: unknown }).prisma;
  Object.assign(process.env, {
    DISBURSE_MODE: "production",
    DATABASE_URL: url(),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    BANK_DETAILS_KEY: randomBytes(32).toString("base64"),
    BANK_DETAILS_LOOKUP_KEY: randomBytes(32).toString("base64"),
  });
  return (await import("@/app/api/outbox/[notificationId]/pdf/route")).GET;
}

const get = async (notificationId: string) =>
  (await loadRoute())(new Request(`http://localhost/api/outbox/${notificationId}/pdf`), {
    params: Promise.resolve({ notificationId }),
  });

describe("the outbox's PDFs", () => {
  let admin: CurrentUser;
  beforeAll(async () => {
    const u = await makeUser(db(), { role: "ADMIN" });
    admin = { id: u.id, email: u.email, name: u.name, role: "ADMIN", mustChangePassword: false };
  });

  it("serves a letter's PDF, the bytes the sender sends, to an admin only", async () => {
    const claimant = await makeClaimant(db());
    const letter = await queueMessage(db(), { claimantId: claimant.id, channel: "LETTER" });
    signedIn = null;
    expect((await get(letter.id)).status).toBe(401);
    const caseworker = await makeUser(db(), { role: "CASEWORKER" });
    signedIn = {
      id: caseworker.id,
      email: caseworker.email,
      name: caseworker.name,
      role: "CASEWORKER",
      mustChangePassword: false,
    };
    expect((await get(letter.id)).status).toBe(403);

    signedIn = admin;
    const response = await get(letter.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(`inline; filename="letter-${letter.id}.pdf"`);
    const expected = await messagePdf(letter, letterKit);
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(expected!))).toBe(true);
  });

  it("serves the voucher a voucher email links to, with its barcode's code from the payment", async () => {
    signedIn = admin;
    const { message, payment } = await queueVoucherMessage(db(), { channel: "EMAIL", code: "K7QX2M9PLA4TZ" });
    const response = await get(message.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`inline; filename="voucher-${payment.reference}.pdf"`);
    const voucher = (await loadVoucherDetails(db(), [message.id])).get(message.id)!;
    expect(voucher).toMatchObject({
      code: "K7QX2M9PLA4TZ",
      amountPence: 4240,
      expiryDate: "2027-01-01",
      paymentReference: payment.reference,
    });
    const expected = await messagePdf({ ...message, voucher }, letterKit);
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(expected!))).toBe(true);
  });

  it("has nothing for an email without a voucher, an unknown id or a malformed one", async () => {
    signedIn = admin;
    const claimant = await makeClaimant(db());
    const email = await queueMessage(db(), { claimantId: claimant.id, channel: "EMAIL" });
    for (const id of [email.id, "3c2b8f0e-7d4a-4e21-9b6f-5a1d0c9e8f74", "not-a-uuid"]) expect((await get(id)).status).toBe(404);
  });

  it("says why a letter cannot be made instead of printing a wrong one", async () => {
    signedIn = admin;
    const claimant = await makeClaimant(db());
    const letter = await queueMessage(db(), { claimantId: claimant.id, channel: "LETTER" });
    await db().notification.update({
      where: { id: letter.id },
      data: { recipient: "Иван Петров\n1 High Street\nLeeds\nLS1 1AA" },
    });
    const response = await get(letter.id);
    expect(response.status).toBe(409);
    expect((await response.json()).error).toMatch(/^This letter cannot be made: letter: the address has characters/);
  });
});
