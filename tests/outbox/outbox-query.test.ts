import { beforeAll, describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, listOutbox, outboxHref, parseOutboxSearch } from "@/app/(portal)/outbox/outbox-query";
import type { NotificationChannel, NotificationStatus } from "@/lib/generated/prisma/enums";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const base = Date.parse("2026-11-01T09:00:00.000Z");

// 7 messages, two sharing a timestamp so the id breaks the tie.
const seed: { minute: number; status: NotificationStatus; channel: NotificationChannel }[] = [
  { minute: 0, status: "QUEUED", channel: "EMAIL" },
  { minute: 1, status: "SENT", channel: "SMS" },
  { minute: 2, status: "QUEUED", channel: "LETTER" },
  { minute: 2, status: "FAILED", channel: "EMAIL" },
  { minute: 3, status: "QUEUED", channel: "EMAIL" },
  { minute: 4, status: "QUEUED", channel: "SMS" },
  { minute: 5, status: "QUEUED", channel: "EMAIL" },
];

beforeAll(async () => {
  const claimant = await db().claimant.create({
    data: {
      firstName: "Ada",
      lastName: "Lovelace",
      dateOfBirth: new Date("1985-12-10"),
      addressLine1: "1 High Street",
      town: "Leeds",
      postcode: "LS1 1AA",
      country: "England",
      contactPreference: "LETTER",
    },
  });
  for (const [i, s] of seed.entries()) {
    await db().notification.create({
      data: {
        claimantId: claimant.id,
        channel: s.channel,
        template: "INFORMATION_REQUESTED",
        recipient: s.channel === "LETTER" ? "Ada Lovelace\n1 High Street\nLeeds\nLS1 1AA" : `recipient-${i}`,
        personalisation: { subject: `Message ${i}`, body: "…" },
        status: s.status,
        createdAt: new Date(base + s.minute * 60_000),
      },
    });
  }
});

describe("outbox list", () => {
  it("pages newest first by (createdAt, id) and back again, without gaps or repeats", async () => {
    const all = (await listOutbox(db(), {}, 100)).rows;
    expect(all.map((r) => r.subject)).toHaveLength(7);
    expect(all.map((r) => r.createdAt.getTime())).toEqual(all.map((r) => r.createdAt.getTime()).sort((a, b) => b - a));

    const first = await listOutbox(db(), {}, 3);
    expect(first.previous).toBeUndefined();
    const second = await listOutbox(db(), { after: decodeCursor(first.next) }, 3);
    const third = await listOutbox(db(), { after: decodeCursor(second.next) }, 3);
    expect(third.next).toBeUndefined();
    expect([...first.rows, ...second.rows, ...third.rows].map((r) => r.id)).toEqual(all.map((r) => r.id));

    const backToSecond = await listOutbox(db(), { before: decodeCursor(third.previous) }, 3);
    expect(backToSecond.rows.map((r) => r.id)).toEqual(second.rows.map((r) => r.id));
    const backToFirst = await listOutbox(db(), { before: decodeCursor(backToSecond.previous) }, 3);
    expect(backToFirst.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(backToFirst.previous).toBeUndefined();
    expect(backToFirst.next).toBeDefined();
  });

  it("filters by status and channel, shows the first line of a letter's address and the subject", async () => {
    const queuedEmail = await listOutbox(db(), { status: "QUEUED", channel: "EMAIL" });
    expect(queuedEmail.rows.map((r) => r.subject)).toEqual(["Message 6", "Message 4", "Message 0"]);
    const letters = await listOutbox(db(), { channel: "LETTER" });
    expect(letters.rows.map((r) => [r.recipient, r.claimReference])).toEqual([["Ada Lovelace", null]]);
  });

  it("shows each message as its recipient sees it, and a staff message by its staff address", async () => {
    const alert = await db().notification.create({
      data: {
        claimantId: null,
        channel: "EMAIL",
        template: "support-alert",
        recipient: "support@example.gov.uk",
        personalisation: { subject: "Disburse alert: a run failed", body: "The Payout run failed." },
        status: "FAILED",
        attempts: 1,
        error: "Notify refused the message (400): BadRequestError: Can't send to this recipient using a team-only API key",
        createdAt: new Date(base + 10 * 60_000),
      },
    });
    const [row] = (await listOutbox(db(), {}, 1)).rows;
    expect(row).toMatchObject({
      id: alert.id,
      toStaff: true,
      claimReference: null,
      recipient: "support@example.gov.uk",
      subject: "Disburse alert: a run failed",
      attempts: 1,
      hasPdf: false,
      error: "Notify refused the message (400): BadRequestError: Can't send to this recipient using a team-only API key",
      view: {
        channel: "EMAIL",
        to: "support@example.gov.uk",
        subject: "Disburse alert: a run failed",
        body: "The Payout run failed.",
        voucherCode: null,
      },
    });
    const [letter] = (await listOutbox(db(), { channel: "LETTER" })).rows;
    expect(letter).toMatchObject({
      toStaff: false,
      hasPdf: true,
      view: { channel: "LETTER", address: ["Ada Lovelace", "1 High Street", "Leeds", "LS1 1AA"], voucherCode: null },
    });
    await db().notification.delete({ where: { id: alert.id } });
  });

  it("reads filters and cursors from the URL, ignoring anything unknown", () => {
    const cursor = encodeCursor({ createdAt: new Date(base), id: "0b5f2a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b" });
    expect(parseOutboxSearch({ status: "SENT", channel: "SMS", after: cursor })).toEqual({
      status: "SENT",
      channel: "SMS",
      after: { createdAt: new Date(base), id: "0b5f2a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b" },
      before: undefined,
    });
    expect(parseOutboxSearch({ status: "toString", channel: "FAX", after: "nonsense" })).toEqual({});
    expect(outboxHref({ status: "FAILED" }, { after: cursor })).toBe(`/outbox?status=FAILED&after=${encodeURIComponent(cursor)}`);
    expect(outboxHref({})).toBe("/outbox");
  });
});
