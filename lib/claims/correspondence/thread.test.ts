import { describe, expect, it } from "vitest";
import { correspondenceThread, type ThreadNotification } from "./thread";

const t = (hhmmss: string) => new Date(`2026-11-20T${hhmmss}Z`);

function note(id: string, template: string, createdAt: Date, over: Partial<ThreadNotification> = {}): ThreadNotification {
  return {
    id,
    channel: "EMAIL",
    template,
    recipient: "ada@example.com",
    personalisation: { subject: `Subject ${id}`, body: `Body ${id}` },
    status: "QUEUED",
    createdAt,
    sentAt: null,
    paymentId: null,
    ...over,
  };
}

describe("correspondenceThread", () => {
  it("puts requests, responses and messages in time order, each request with the message that carried it", () => {
    const thread = correspondenceThread({
      events: [
        {
          id: "r2",
          kind: "claim.response-received",
          at: t("12:00:00"),
          actorName: null,
          detail: { message: "Receipt attached" },
        },
        {
          id: "q1",
          kind: "claim.information-requested",
          at: t("10:00:00"),
          actorName: "Fiona MacLeod",
          detail: { kind: "GENERAL", note: "Send the taxi receipt." },
        },
        { id: "x", kind: "claim.approved", at: t("13:00:00"), actorName: "Fiona MacLeod", detail: null },
      ],
      notifications: [
        note("n-approved", "CLAIM_APPROVED", t("13:00:00"), { channel: "SMS", recipient: "07700900123" }),
        note("n-request", "INFORMATION_REQUESTED", t("10:00:00.050"), { status: "SENT", sentAt: t("10:05:00") }),
      ],
      documents: [
        { id: "d1", fileName: "receipt.pdf", responseEventId: "r2" },
        { id: "d2", fileName: "other.png", responseEventId: "elsewhere" },
      ],
    });
    expect(thread).toEqual([
      {
        kind: "request",
        id: "q1",
        at: t("10:00:00"),
        by: "Fiona MacLeod",
        asked: "More information",
        note: "Send the taxi receipt.",
        message: {
          id: "n-request",
          channel: "EMAIL",
          status: "SENT",
          sentAt: t("10:05:00"),
          subject: "Subject n-request",
          view: {
            channel: "EMAIL",
            to: "ada@example.com",
            subject: "Subject n-request",
            body: "Body n-request",
            voucherCode: null,
          },
        },
      },
      {
        kind: "response",
        id: "r2",
        at: t("12:00:00"),
        by: null,
        text: "Receipt attached",
        documents: [{ id: "d1", fileName: "receipt.pdf" }],
      },
      {
        kind: "message",
        id: "n-approved",
        at: t("13:00:00"),
        message: {
          id: "n-approved",
          channel: "SMS",
          status: "QUEUED",
          sentAt: null,
          subject: "Subject n-approved",
          view: { channel: "SMS", to: "07700900123", body: "Body n-approved", voucherCode: null },
        },
      },
    ]);
  });

  it("pairs two requests with their own messages, and shows a request message with no request on its own", () => {
    const thread = correspondenceThread({
      events: [
        {
          id: "q1",
          kind: "claim.information-requested",
          at: t("09:00:00"),
          actorName: "A",
          detail: { kind: "GENERAL", note: "1" },
        },
        {
          id: "q2",
          kind: "claim.information-requested",
          at: t("11:00:00"),
          actorName: "B",
          detail: { kind: "BANK_DETAILS", note: "2" },
        },
      ],
      notifications: [
        note("m2", "BANK_DETAILS_REQUESTED", t("11:00:00")),
        note("m1", "INFORMATION_REQUESTED", t("09:00:00")),
        // Queued by a failed payment, an hour after the last request: not a request's message.
        note("m3", "BANK_DETAILS_REQUESTED", t("12:00:00")),
      ],
      documents: [],
    });
    expect(thread.map((i) => [i.kind, i.id, i.kind === "request" ? [i.asked, i.message?.id] : null])).toEqual([
      ["request", "q1", ["More information", "m1"]],
      ["request", "q2", ["New bank details", "m2"]],
      ["message", "m3", null],
    ]);
  });

  it("keeps a request whose message is missing, and reads odd details as empty", () => {
    const [item] = correspondenceThread({
      events: [{ id: "q", kind: "claim.information-requested", at: t("09:00:00"), actorName: "A", detail: "garbled" }],
      notifications: [note("late", "INFORMATION_REQUESTED", t("09:05:00"))],
      documents: [],
    });
    expect(item).toMatchObject({ kind: "request", asked: "Information", note: "", message: null });
  });

  it("is empty for a claim with no correspondence", () => {
    expect(correspondenceThread({ events: [], notifications: [], documents: [] })).toEqual([]);
  });
});
