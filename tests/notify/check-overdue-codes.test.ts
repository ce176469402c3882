// "Payment codes not uploaded two working days after delivery": one alert per Payout batch, found
// set-based, by London working days, and raised once.
import { beforeAll, describe, expect, it } from "vitest";
import type { BatchStatus, PaymentStatus } from "@/lib/generated/prisma/enums";
import { checkOverdueCodes } from "@/lib/notify/check-overdue-codes";
import { makeClaimReference } from "@/lib/references/claim-reference";
import { useTestDatabase } from "../support/test-db";
import { makeClaimant } from "./notify-test-data";

const { db } = useTestDatabase();
const holidays = new Set(["2026-12-25", "2026-12-28"]);
const addresses = ["support@example.gov.uk"];
let runId: string;
let sequenceNo = 0;

type Line = { status: PaymentStatus; code?: string; isVoid?: boolean };

async function deliveredBatch(deliveredAt: string, lines: Line[], status: BatchStatus = "DELIVERED") {
  const claimant = await makeClaimant(db());
  sequenceNo += 1;
  const batch = await db().batch.create({
    data: {
      runId,
      method: "CASH",
      status,
      paymentCount: lines.length,
      totalPence: 1000n * BigInt(lines.length),
      businessDate: new Date(deliveredAt.slice(0, 10)),
      sequenceNo,
      deliveredAt: new Date(deliveredAt),
      deliveryTarget: ".data/payout-outbox",
    },
  });
  for (const [i, line] of lines.entries()) {
    const reference = makeClaimReference();
    const claim = await db().claim.create({
      data: {
        reference,
        claimantId: claimant.id,
        eventDate: new Date("2026-11-01"),
        paymentMethod: "CASH",
        source: "API",
        status: "APPROVED",
      },
    });
    const payment = await db().payment.create({
      data: {
        reference: `${reference}-01`,
        personId: claimant.id,
        claimId: claim.id,
        method: "CASH",
        amountPence: 1000,
        status: line.status,
        paymentCode: line.code,
      },
    });
    await db().fileLine.create({
      data: {
        batchId: batch.id,
        lineNo: i + 1,
        paymentId: payment.id,
        amountPence: 1000,
        fileReference: payment.reference,
        isVoid: line.isVoid ?? false,
      },
    });
  }
  return batch;
}

beforeAll(async () => {
  runId = (
    await db().run.create({
      data: { kind: "PAYOUT", status: "SUCCEEDED", startedAt: new Date("2026-11-30T01:00:00Z"), triggeredBy: "cron" },
    })
  ).id;
});

describe("checkOverdueCodes", () => {
  it("alerts once per delivered batch still missing codes two working days after delivery", async () => {
    // Monday 30 November: two of three payments still without a code (one more on a void line).
    const monday = await deliveredBatch("2026-11-30T10:00:00Z", [
      { status: "SENT" },
      { status: "SENT" },
      { status: "SENT", code: "AAAA1111BBBB2" },
      { status: "SENT", isVoid: true },
    ]);
    // Monday too, but every code is in, or the vouchers are settled.
    await deliveredBatch("2026-11-30T11:00:00Z", [
      { status: "SENT", code: "AAAA1111BBBB3" },
      { status: "CASHED", code: "AAAA1111BBBB4" },
    ]);
    // Monday, but the delivery is uncertain: an admin settles it first.
    await deliveredBatch("2026-11-30T12:00:00Z", [{ status: "SENT" }], "DELIVERY_UNCERTAIN");
    // Tuesday 1 December at 23:30 UTC: still Tuesday in London (GMT).
    const tuesday = await deliveredBatch("2026-12-01T23:30:00Z", [{ status: "SENT" }]);

    // Tuesday evening: nothing is two working days old yet.
    expect(await checkOverdueCodes(db(), { now: new Date("2026-12-01T18:00:00Z"), holidays, addresses })).toEqual({
      alerts: 0,
      messages: 0,
    });

    // Wednesday: Monday's batch is due.
    const wednesday = new Date("2026-12-02T09:00:00Z");
    expect(await checkOverdueCodes(db(), { now: wednesday, holidays, addresses })).toEqual({ alerts: 1, messages: 1 });
    expect(await checkOverdueCodes(db(), { now: wednesday, holidays, addresses })).toEqual({ alerts: 0, messages: 0 });
    const [alert] = await db().alert.findMany();
    expect(alert).toMatchObject({
      kind: "codes-overdue",
      eventKey: `codes-overdue:${monday.id}`,
      batchId: monday.id,
      runId,
      createdAt: wednesday,
    });
    expect(alert.message).toBe(
      `Payout batch 2026-11-30 no. ${monday.sequenceNo} was delivered on 30 November 2026 and 2 of its payments still have no payment code, 2 working days later. Upload the Post Office's payment-code file, or ask the Post Office for it.`,
    );
    expect(
      await db().notification.findFirst({ where: { dedupeKey: `codes-overdue:${monday.id}:support@example.gov.uk` } }),
    ).toMatchObject({
      template: "support-alert",
      recipient: "support@example.gov.uk",
    });

    // Thursday: Tuesday's batch too, and Monday's is not raised again.
    expect(await checkOverdueCodes(db(), { now: new Date("2026-12-03T09:00:00Z"), holidays, addresses })).toEqual({
      alerts: 1,
      messages: 1,
    });
    expect((await db().alert.findMany({ orderBy: { createdAt: "asc" } })).map((a) => a.batchId)).toEqual([monday.id, tuesday.id]);
  });
});
