// The sender against a stand-in for Notify (./fake-notify.ts) through the real client: what each
// channel sends, retries with backoff, refusals, crashes at each step, and never twice.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { letterKit } from "@/app/(portal)/outbox/letter-kit";
import { messagePdf } from "@/lib/notify/render-message";
import { sendDueMessages, type SendFaults } from "@/lib/notify/send-messages";
import { useTestDatabase } from "../support/test-db";
import { FakeNotify } from "./fake-notify";
import { makeClaimant, minutes, queueMessage, queueVoucherMessage, T0, TEMPLATE_IDS } from "./notify-test-data";

const { db } = useTestDatabase();
const notify = new FakeNotify();

beforeAll(() => notify.start());
afterAll(() => notify.stop());
beforeEach(async () => {
  notify.reset();
  await db().notification.deleteMany();
});

const send = (now: Date, options: { faults?: SendFaults; apiKey?: string | null; batchSize?: number; baseUrl?: string } = {}) =>
  sendDueMessages({
    db: db(),
    now,
    notify: {
      apiKey: options.apiKey === null ? undefined : (options.apiKey ?? notify.apiKey),
      baseUrl: options.baseUrl ?? notify.baseUrl,
      templateIds: TEMPLATE_IDS,
    },
    kit: letterKit,
    batchSize: options.batchSize,
    faults: options.faults,
  });

const row = (id: string) => db().notification.findUniqueOrThrow({ where: { id } });

describe("sending through Notify", () => {
  it("sends nothing without an API key: messages stay queued", async () => {
    const claimant = await makeClaimant(db());
    const message = await queueMessage(db(), { claimantId: claimant.id, channel: "EMAIL" });
    const summary = await send(T0, { apiKey: null });
    expect(summary).toMatchObject({ configured: false, sent: 0 });
    expect(notify.requests).toEqual([]);
    expect(await row(message.id)).toMatchObject({ status: "QUEUED", attempts: 0, providerId: null });
  });

  it("sends an email, a text message, a precompiled letter, a voucher email and an alert with the right bodies", async () => {
    const claimant = await makeClaimant(db());
    const email = await queueMessage(db(), { claimantId: claimant.id, channel: "EMAIL" });
    const sms = await queueMessage(db(), { claimantId: claimant.id, channel: "SMS" });
    const letter = await queueMessage(db(), { claimantId: claimant.id, channel: "LETTER" });
    const alert = await queueMessage(db(), {
      claimantId: null,
      channel: "EMAIL",
      template: "support-alert",
      subject: "Disburse alert",
    });
    const voucher = await queueVoucherMessage(db(), { channel: "EMAIL", code: "K7QX2M9PLA4TZ" });
    await db().notification.update({ where: { id: alert.id }, data: { recipient: "support@example.gov.uk" } });

    const summary = await send(T0);
    expect(notify.problems).toEqual([]);
    expect(summary).toMatchObject({ configured: true, sent: 5, retrying: 0, failed: 0 });

    const byReference = new Map(notify.posts().map((r) => [r.body!.reference as string, r]));
    expect(byReference.get(email.id)).toMatchObject({
      path: "/v2/notifications/email",
      body: {
        template_id: TEMPLATE_IDS.email,
        email_address: "ada@example.com",
        reference: email.id,
        personalisation: {
          subject: "Your claim has been approved",
          body: "Dear Ada,\n\nYour claim has been approved.\n\nClaim reference: 7KQ2M9X",
        },
      },
    });
    expect(Object.keys(byReference.get(email.id)!.body!.personalisation as object).sort()).toEqual(["body", "subject"]);
    expect(byReference.get(sms.id)!.body).toEqual({
      template_id: TEMPLATE_IDS.sms,
      phone_number: "07700900123",
      reference: sms.id,
      personalisation: { body: "Dear Ada,\n\nYour claim has been approved.\n\nClaim reference: 7KQ2M9X" },
    });
    expect(byReference.get(alert.id)!.body).toMatchObject({
      template_id: TEMPLATE_IDS["support-alert"],
      email_address: "support@example.gov.uk",
    });

    // The letter is the PDF the outbox shows, byte for byte.
    const letterRequest = byReference.get(letter.id)!;
    expect(letterRequest.path).toBe("/v2/notifications/letter");
    expect(Object.keys(letterRequest.body!).sort()).toEqual(["content", "reference"]);
    const expectedLetter = await messagePdf({ ...letter, paymentId: null }, letterKit);
    expect(Buffer.from(letterRequest.body!.content as string, "base64").equals(Buffer.from(expectedLetter!))).toBe(true);

    // The voucher email links to the voucher PDF, uploaded with the email.
    const voucherRequest = byReference.get(voucher.message.id)!;
    expect(voucherRequest.body).toMatchObject({ template_id: TEMPLATE_IDS["payout-voucher:email"] });
    const file = (voucherRequest.body!.personalisation as { link_to_file: Record<string, unknown> }).link_to_file;
    expect(file).toMatchObject({ filename: `voucher-${voucher.payment.reference}.pdf`, confirm_email_before_download: true });
    const voucherPdf = Buffer.from(file.file as string, "base64");
    const expectedVoucher = await letterKit.voucherPdf({
      paymentReference: voucher.payment.reference,
      firstName: "Ada",
      lastName: "Lovelace",
      addressLine1: "1 High Street",
      town: "Leeds",
      county: "West Yorkshire",
      postcode: "LS1 1AA",
      amountPence: 4240,
      code: "K7QX2M9PLA4TZ",
      expiryDate: "2027-01-01",
      letterDate: "2026-11-30",
    });
    expect(voucherPdf.equals(Buffer.from(expectedVoucher))).toBe(true);

    for (const message of [email, sms, letter, alert, voucher.message]) {
      const stored = notify.notifications.find((n) => n.reference === message.id)!;
      expect(await row(message.id)).toMatchObject({
        status: "SENT",
        providerId: stored.id,
        sentAt: T0,
        attempts: 1,
        error: null,
        claimToken: null,
        claimedAt: null,
      });
    }
    // Nothing is due: a second pass sends nothing.
    expect((await send(minutes(5))).sent).toBe(0);
    expect(notify.posts()).toHaveLength(5);
  });

  it("tries again after a 500, after the backoff, and sends the message once", async () => {
    const claimant = await makeClaimant(db());
    const message = await queueMessage(db(), { claimantId: claimant.id, channel: "EMAIL" });
    notify.answerNextSend(500, { status_code: 500, errors: [{ error: "Exception", message: "Internal server error" }] });

    expect(await send(T0)).toMatchObject({ sent: 0, retrying: 1 });
    expect(await row(message.id)).toMatchObject({
      status: "QUEUED",
      attempts: 1,
      nextAttemptAt: minutes(1),
      error: "Notify answered 500: Exception: Internal server error",
    });

    expect(await send(new Date(T0.getTime() + 30_000))).toMatchObject({ sent: 0, retrying: 0 });
    expect(notify.posts()).toHaveLength(1);

    expect(await send(minutes(1))).toMatchObject({ sent: 1 });
    expect(notify.problems).toEqual([]);
    expect(notify.posts().map((r) => r.status)).toEqual([500, 201]);
    // The second attempt asked Notify first, by reference.
    expect(notify.requests.filter((r) => r.method === "GET").map((r) => r.query)).toEqual([
      { template_type: "email", reference: message.id },
    ]);
    expect(notify.notifications.filter((n) => n.reference === message.id)).toHaveLength(1);
    expect(await row(message.id)).toMatchObject({
      status: "SENT",
      attempts: 2,
      error: null,
      nextAttemptAt: null,
      sentAt: minutes(1),
    });
  });

  it("does not send again when Notify saved the message but answered 500", async () => {
    const claimant = await makeClaimant(db());
    const message = await queueMessage(db(), { claimantId: claimant.id, channel: "SMS" });
    notify.answerNextSend(502, "Bad gateway", { keep: true });
    expect(await send(T0)).toMatchObject({ retrying: 1 });
    expect(await send(minutes(1))).toMatchObject({ sent: 1 });
    expect(notify.posts()).toHaveLength(1);
    const stored = notify.notifications.find((n) => n.reference === message.id)!;
    expect(await row(message.id)).toMatchObject({ status: "SENT", providerId: stored.id, providerStatus: "created" });
  });

  it("gives up after five attempts, waiting 1, 5, 25 and 125 minutes between them", async () => {
    const claimant = await makeClaimant(db());
    const message = await queueMessage(db(), { claimantId: claimant.id, channel: "EMAIL" });
    const failure = { status_code: 503, errors: [{ error: "Exception", message: "Service unavailable" }] };
    let at = T0;
    for (const wait of [1, 5, 25, 125]) {
      notify.answerNextSend(503, failure);
      await send(at);
      at = new Date(at.getTime() + wait * 60_000);
      expect((await row(message.id)).nextAttemptAt).toEqual(at);
    }
    notify.answerNextSend(503, failure);
    expect(await send(at)).toMatchObject({ failed: 1 });
    expect(await row(message.id)).toMatchObject({
      status: "FAILED",
      attempts: 5,
      nextAttemptAt: null,
      error: "Gave up after 5 attempts. Notify answered 503: Exception: Service unavailable",
    });
    await send(minutes(24 * 60));
    expect(notify.posts()).toHaveLength(5);
  });

  it("stops at once on a 400, keeps Notify's message and never tries again", async () => {
    const claimant = await makeClaimant(db());
    const message = await queueMessage(db(), { claimantId: claimant.id, channel: "EMAIL" });
    notify.answerNextSend(400, {
      status_code: 400,
      errors: [{ error: "BadRequestError", message: "Can't send to this recipient using a team-only API key" }],
    });
    expect(await send(T0)).toMatchObject({ failed: 1 });
    expect(await row(message.id)).toMatchObject({
      status: "FAILED",
      attempts: 1,
      nextAttemptAt: null,
      error: "Notify refused the message (400): BadRequestError: Can't send to this recipient using a team-only API key",
    });
    await send(minutes(60 * 24));
    expect(notify.posts()).toHaveLength(1);
  });

  it("is refused by a Notify that checks the JWT when the key's secret is wrong", async () => {
    const claimant = await makeClaimant(db());
    const message = await queueMessage(db(), { claimantId: claimant.id, channel: "EMAIL" });
    const wrongSecret = `${notify.apiKey.slice(0, -36)}${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}`;
    expect(await send(T0, { apiKey: wrongSecret })).toMatchObject({ failed: 1 });
    expect(notify.problems).toEqual(["POST /v2/notifications/email: signature does not match the key's secret"]);
    expect((await row(message.id)).error).toBe(
      "Notify refused the message (403): AuthError: Invalid token: signature does not match the key's secret",
    );
  });

  it("tries again when Notify cannot be reached", async () => {
    const claimant = await makeClaimant(db());
    const message = await queueMessage(db(), { claimantId: claimant.id, channel: "EMAIL" });
    // A port nothing listens on: the fake server's, once it has been closed.
    const closed = new FakeNotify();
    await closed.start();
    const unreachable = closed.baseUrl;
    await closed.stop();
    expect(await send(T0, { baseUrl: unreachable })).toMatchObject({ retrying: 1 });
    expect(await row(message.id)).toMatchObject({ status: "QUEUED", nextAttemptAt: minutes(1) });
    expect((await row(message.id)).error).toMatch(/^Could not reach Notify \(ECONNREFUSED\)/);
  });

  it("leaves an email or text message whose template has no id queued and untouched", async () => {
    const claimant = await makeClaimant(db());
    const message = await queueMessage(db(), { claimantId: claimant.id, channel: "SMS" });
    const summary = await sendDueMessages({
      db: db(),
      now: T0,
      notify: { apiKey: notify.apiKey, baseUrl: notify.baseUrl, templateIds: { email: TEMPLATE_IDS.email } },
      kit: letterKit,
    });
    expect(summary).toMatchObject({ sent: 0, waitingForTemplateId: 1 });
    expect(await row(message.id)).toMatchObject({ status: "QUEUED", attempts: 0 });
    expect(notify.requests).toEqual([]);
  });

  it("fails a letter it cannot print, saying why, without sending it", async () => {
    const claimant = await makeClaimant(db());
    const message = await queueMessage(db(), { claimantId: claimant.id, channel: "LETTER" });
    await db().notification.update({
      where: { id: message.id },
      data: { recipient: "Иван Петров\n1 High Street\nLeeds\nLS1 1AA" },
    });
    expect(await send(T0)).toMatchObject({ failed: 1 });
    expect((await row(message.id)).error).toMatch(/^letter: the address has characters the letter's fonts cannot print/);
    expect(notify.requests).toEqual([]);
  });
});

describe("never sent twice", () => {
  it("a crash between claiming and sending: the next sender asks Notify, then sends it once", async () => {
    const claimant = await makeClaimant(db());
    const message = await queueMessage(db(), { claimantId: claimant.id, channel: "EMAIL" });
    const crash: SendFaults = {
      after: (step) => {
        if (step === "claimed") throw new Error("crash after claiming");
      },
    };
    await expect(send(T0, { faults: crash })).rejects.toThrow("crash after claiming");
    expect(await row(message.id)).toMatchObject({ status: "SENDING", attempts: 1, claimedAt: T0 });
    expect(notify.requests).toEqual([]);

    // A sender a minute later leaves it alone: the claim may still be live.
    expect(await send(minutes(1))).toMatchObject({ sent: 0, recovered: { foundAtNotify: 0, queuedAgain: 0, notAsked: 0 } });
    expect(notify.requests).toEqual([]);

    // After 10 minutes it is stale: Notify has nothing with its reference, so it goes out once.
    expect(await send(minutes(11))).toMatchObject({ sent: 1, recovered: { queuedAgain: 1 } });
    expect(notify.problems).toEqual([]);
    expect(notify.posts()).toHaveLength(1);
    expect(notify.posts()[0].body!.reference).toBe(message.id);
    expect(await row(message.id)).toMatchObject({ status: "SENT", attempts: 2, claimToken: null });
  });

  it("a crash between sending and recording: the next sender finds it at Notify and does not send it again", async () => {
    const claimant = await makeClaimant(db());
    const message = await queueMessage(db(), { claimantId: claimant.id, channel: "LETTER" });
    const crash: SendFaults = {
      after: (step) => {
        if (step === "sent") throw new Error("crash after sending");
      },
    };
    await expect(send(T0, { faults: crash })).rejects.toThrow("crash after sending");
    expect(notify.posts()).toHaveLength(1);
    expect(await row(message.id)).toMatchObject({ status: "SENDING", providerId: null });

    expect(await send(minutes(11))).toMatchObject({ sent: 0, recovered: { foundAtNotify: 1 } });
    expect(notify.posts()).toHaveLength(1);
    const stored = notify.notifications.find((n) => n.reference === message.id)!;
    expect(await row(message.id)).toMatchObject({
      status: "SENT",
      providerId: stored.id,
      providerStatus: "created",
      sentAt: new Date(stored.created_at),
    });
    expect(notify.requests.filter((r) => r.method === "GET").map((r) => r.query)).toEqual([
      { template_type: "letter", reference: message.id },
    ]);
  });

  it("two senders at once share the queue: each message is sent exactly once", async () => {
    const claimant = await makeClaimant(db());
    const messages = await Promise.all(
      Array.from({ length: 12 }, (_, i) => queueMessage(db(), { claimantId: claimant.id, channel: i % 2 ? "SMS" : "EMAIL" })),
    );
    const [a, b] = await Promise.all([send(T0, { batchSize: 3 }), send(T0, { batchSize: 3 })]);
    expect(a.sent + b.sent).toBe(12);
    const references = notify.posts().map((r) => r.body!.reference as string);
    expect(references).toHaveLength(12);
    expect(new Set(references)).toEqual(new Set(messages.map((m) => m.id)));
    expect(await db().notification.count({ where: { status: "SENT" } })).toBe(12);
  });
});
