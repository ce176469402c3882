// Messages go out after an import, not at the next send-messages cron: a caseworker's payment-code
// file applied through POST /api/uploads/payout-payment-codes queues a voucher message per payment,
// and the upload handler starts a sending pass (sendDueMessagesAfterResponse) that hands them to
// Notify (the real client against the fake server). A rejected file starts nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { makeVoucherBatch, paymentCodeLine, voucherCode, voucherPence, voucherReference } from "../payout/voucher-upload-support";
import { FakeNotify } from "./fake-notify";
import { TEMPLATE_IDS } from "./notify-test-data";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));

const { db, url } = useTestDatabase();
const notify = new FakeNotify();
const files = mkdtempSync(path.join(tmpdir(), "disburse-after-import-"));
const BOUNDARY = "----disburse-after-import-boundary";

let postCodes: (request: Request) => Promise<Response>;
let routePoolOf: (db: PrismaClient) => { end(): Promise<void> };

beforeAll(async () => {
  await notify.start();
  Object.assign(process.env, {
    DATABASE_URL: url(),
    DISBURSE_MODE: "production",
    AUTH_SECRET: "a".repeat(40),
    BANK_DETAILS_KEY: Buffer.alloc(32, 3).toString("base64"),
    BANK_DETAILS_LOOKUP_KEY: Buffer.alloc(32, 6).toString("base64"),
    FILE_STORE_DIR: files,
    NOTIFY_API_KEY: notify.apiKey,
    NOTIFY_BASE_URL: notify.baseUrl,
    NOTIFY_TEMPLATE_IDS: JSON.stringify(TEMPLATE_IDS),
  });
  vi.resetModules();
  delete (globalThis as { prisma?: unknown }).prisma;
  ({ POST: postCodes } = await import("@/app/api/uploads/payout-payment-codes/route"));
  ({ poolOf: routePoolOf } = await import("@/lib/db/create-db"));
  const user = await makeUser(db(), { role: "CASEWORKER" });
  signedIn = { id: user.id, email: user.email, name: user.name, role: "CASEWORKER", mustChangePassword: false };
});

afterAll(async () => {
  const client = (globalThis as { prisma?: PrismaClient }).prisma;
  if (client) {
    await client.$disconnect();
    await routePoolOf(client).end();
  }
  await notify.stop();
  for (const name of ["NOTIFY_API_KEY", "NOTIFY_BASE_URL", "NOTIFY_TEMPLATE_IDS"]) delete process.env[name];
  rmSync(files, { recursive: true, force: true });
});

function upload(batchId: string, file: string): Request {
  const body = Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="codes.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(file),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  return new Request(`http://localhost/api/uploads/payout-payment-codes?batch=${batchId}`, {
    method: "POST",
    body,
    headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, Accept: "application/json" },
  });
}

const vouchers = () => db().notification.findMany({ where: { template: "payout-voucher" }, orderBy: { recipient: "asc" } });

/** Polls the voucher messages until none is waiting (bounded: the pass runs in the background). */
async function vouchersOnceSettled() {
  for (let i = 0; i < 400; i++) {
    const rows = await vouchers();
    if (rows.length > 0 && rows.every((m) => m.status === "SENT" || m.status === "FAILED")) return rows;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the voucher messages were not sent: ${JSON.stringify((await vouchers()).map((m) => m.status))}`);
}

describe("an applied payment-code upload", () => {
  it("sends the voucher messages it queued through Notify at once, one per payment, in each claimant's channel", async () => {
    // One claimant of each contact preference: text message, letter, email.
    const batch = await makeVoucherBatch(db(), { n: 3, tag: "N", deliveredAt: new Date(), expiresOn: "2099-12-31" });
    const codes = [1, 2, 3].map((i) => paymentCodeLine(voucherReference("N", i), voucherPence(i), voucherCode("N", i)));

    const response = await postCodes(upload(batch.batchId, codes.join("\n")));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ result: { ok: true } });

    const sent = await vouchersOnceSettled();
    expect(sent.map((m) => [m.channel, m.status, m.attempts, m.error])).toEqual(
      expect.arrayContaining([
        ["SMS", "SENT", 1, null],
        ["LETTER", "SENT", 1, null],
        ["EMAIL", "SENT", 1, null],
      ]),
    );
    expect(sent).toHaveLength(3);
    expect(notify.problems).toEqual([]);
    // Each handed to Notify once, under its own id as the reference.
    const posted = notify.posts().map((r) => [r.path, r.body!.reference]);
    expect(posted.sort()).toEqual(
      sent.map((m) => [`/v2/notifications/${{ SMS: "sms", LETTER: "letter", EMAIL: "email" }[m.channel]}`, m.id]).sort(),
    );
    for (const m of sent) expect(m.providerId).toBe(notify.notifications.find((n) => n.reference === m.id)!.id);
    // The text message carries the code.
    const sms = notify.posts().find((r) => r.path === "/v2/notifications/sms")!;
    expect((sms.body!.personalisation as { body: string }).body).toContain(voucherCode("N", 1));
  });

  it("that is rejected queues and sends nothing", async () => {
    const before = notify.posts().length;
    const batch = await makeVoucherBatch(db(), { n: 1, tag: "R", deliveredAt: new Date(), expiresOn: "2099-12-31" });
    const wrongAmount = paymentCodeLine(voucherReference("R", 1), voucherPence(1) + 1, voucherCode("R", 1));
    const response = await postCodes(upload(batch.batchId, wrongAmount));
    expect(response.status).toBe(422);
    expect(await db().notification.count({ where: { template: "payout-voucher", paymentId: { not: null } } })).toBe(3);
    expect(notify.posts()).toHaveLength(before);
  });
});
