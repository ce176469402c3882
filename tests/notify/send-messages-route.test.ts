// GET /api/cron/send-messages end to end: the cron secret, "not configured" without a Notify key,
// and with one, the overdue-codes check and a sending pass through the real client.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "../support/test-db";
import { FakeNotify } from "./fake-notify";
import { makeClaimant, queueMessage, TEMPLATE_IDS } from "./notify-test-data";

const { db, url } = useTestDatabase();
const secret = randomBytes(32).toString("base64url");
const notify = new FakeNotify();

async function loadRoute(env: Record<string, string | undefined>) {
  vi.resetModules();
  delete (globalThis as { prisma?: unknown }).prisma;
  Object.assign(process.env, env);
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete process.env[name];
  return import("@/app/api/cron/send-messages/route");
}

const call = (GET: (r: Request) => Promise<Response>, authorization?: string) =>
  GET(new Request("http://localhost/api/cron/send-messages", { headers: authorization ? { authorization } : {} }));

describe("GET /api/cron/send-messages", () => {
  let env: Record<string, string | undefined>;
  beforeAll(async () => {
    await notify.start();
    env = {
      DISBURSE_MODE: "production",
      DATABASE_URL: url(),
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      BANK_DETAILS_KEY: randomBytes(32).toString("base64"),
      BANK_DETAILS_LOOKUP_KEY: randomBytes(32).toString("base64"),
      CRON_SECRET: secret,
      NOTIFY_API_KEY: undefined,
      NOTIFY_BASE_URL: notify.baseUrl,
      NOTIFY_TEMPLATE_IDS: JSON.stringify(TEMPLATE_IDS),
      SUPPORT_ALERT_EMAILS: "support@example.gov.uk",
    };
  });
  afterAll(() => notify.stop());

  it("answers 401 without the cron secret", async () => {
    const { GET } = await loadRoute(env);
    for (const authorization of [undefined, "Bearer wrong"]) expect((await call(GET, authorization)).status).toBe(401);
  });

  it("without a Notify key answers 200, sends nothing and leaves messages in the outbox", async () => {
    const claimant = await makeClaimant(db());
    const message = await queueMessage(db(), { claimantId: claimant.id, channel: "EMAIL", at: new Date() });
    const { GET } = await loadRoute(env);
    const response = await call(GET, `Bearer ${secret}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "not configured: messages stay in the outbox", alertsRaised: 0 });
    expect(notify.requests).toEqual([]);
    expect(await db().notification.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      status: "QUEUED",
      attempts: 0,
    });
  });

  it("with a key raises overdue-codes alerts, then sends what is queued, the alerts' emails too", async () => {
    const claimant = await makeClaimant(db());
    const run = await db().run.create({
      data: { kind: "PAYOUT", status: "SUCCEEDED", startedAt: new Date("2026-01-05T01:00:00Z"), triggeredBy: "cron" },
    });
    const batch = await db().batch.create({
      data: {
        runId: run.id,
        method: "CASH",
        status: "DELIVERED",
        paymentCount: 1,
        totalPence: 1000n,
        businessDate: new Date("2026-01-05"),
        sequenceNo: 1,
        deliveredAt: new Date("2026-01-05T02:00:00Z"),
      },
    });
    const claim = await db().claim.create({
      data: {
        reference: "7KQ2M9X",
        claimantId: claimant.id,
        eventDate: new Date("2025-12-01"),
        paymentMethod: "CASH",
        source: "API",
        status: "APPROVED",
      },
    });
    const payment = await db().payment.create({
      data: {
        reference: "7KQ2M9X-01",
        personId: claimant.id,
        claimId: claim.id,
        method: "CASH",
        amountPence: 1000,
        status: "SENT",
      },
    });
    await db().fileLine.create({
      data: { batchId: batch.id, lineNo: 1, paymentId: payment.id, amountPence: 1000, fileReference: payment.reference },
    });

    const { GET } = await loadRoute({ ...env, NOTIFY_API_KEY: notify.apiKey });
    const response = await call(GET, `Bearer ${secret}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "sent", alertsRaised: 1, sent: 2, retrying: 0, failed: 0 });
    expect(notify.problems).toEqual([]);
    expect(notify.posts().map((r) => [r.path, r.body!.email_address])).toEqual(
      expect.arrayContaining([
        ["/v2/notifications/email", "ada@example.com"],
        ["/v2/notifications/email", "support@example.gov.uk"],
      ]),
    );
    expect(await db().notification.count({ where: { status: "SENT" } })).toBe(2);
  });
});
