// movePayments on payments of a cycle, which belong to a person and have no claim: their history
// and audit rows are written as for a claim's payment, but no claim timeline entry and no "needs
// attention" (there is no claim), in the same statements as the claim payments moved with them.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { movePayments } from "@/lib/payments/move-payments";
import { makeCyclePayment } from "../support/make-cycle-payment";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { newBankPayments } from "../runs/run-test-support";

const { db } = useTestDatabase();
const key = randomBytes(32);
const NOW = new Date("2026-11-20T10:00:00.000Z");

describe("movePayments on a cycle's payment", () => {
  it("writes its history and audit rows but no claim event, next to a claim payment moved in the same call", async () => {
    const { payment: cyclePayment, person } = await makeCyclePayment(db(), key, { status: "NEW" });
    const [claimPayment] = await newBankPayments(db(), 1);
    const caseworker = await makeUser(db(), { role: "CASEWORKER" });
    const eventsBefore = await db().claimEvent.count();

    const result = await db().$transaction((tx) =>
      movePayments(
        tx,
        {
          transition: "hold",
          mover: "CASEWORKER",
          ids: [cyclePayment.id, claimPayment.id],
          reason: "BANK_DETAILS_CHANGE_PENDING",
          detail: "new bank details are waiting for approval",
          actor: caseworker,
          now: NOW,
        },
        { returning: true },
      ),
    );
    expect(result.count).toBe(2);
    expect(result.moved.find((m) => m.id === cyclePayment.id)).toMatchObject({ claimId: null, fromStatus: "NEW" });

    const moved = await db().payment.findUniqueOrThrow({ where: { id: cyclePayment.id } });
    expect(moved).toMatchObject({ status: "NEW", holdReason: "BANK_DETAILS_CHANGE_PENDING", personId: person.id });
    const history = await db().paymentStatusHistory.findMany({ where: { paymentId: cyclePayment.id } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      action: "payment.held",
      fromStatus: "NEW",
      toStatus: "NEW",
      holdReason: "BANK_DETAILS_CHANGE_PENDING",
      actorId: caseworker.id,
      reason: "BANK_DETAILS_CHANGE_PENDING",
    });
    const audit = await db().auditLog.findMany({ where: { entityType: "Payment", entityId: cyclePayment.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "payment.held",
      before: { status: "NEW", holdReason: null },
      after: { status: "NEW", holdReason: "BANK_DETAILS_CHANGE_PENDING" },
    });

    // The claim payment's move wrote its one timeline entry and made its claim need attention;
    // the cycle payment wrote none.
    expect(await db().claimEvent.count()).toBe(eventsBefore + 1);
    const [event] = await db().claimEvent.findMany({ where: { kind: "payment.held" } });
    expect(event.claimId).toBe(claimPayment.claimId);
    expect(event.detail).toMatchObject({ paymentId: claimPayment.id });
    expect((await db().claim.findUniqueOrThrow({ where: { id: claimPayment.claimId! } })).needsAttention).toBe(true);
  });

  it("moves payments of a cycle alone: status, history and audit, no claim event", async () => {
    const { payment } = await makeCyclePayment(db(), key, { status: "NEW" });
    const caseworker = await makeUser(db(), { role: "CASEWORKER" });
    const eventsBefore = await db().claimEvent.count();
    const { count } = await db().$transaction((tx) =>
      movePayments(tx, {
        transition: "cancel",
        mover: "CASEWORKER",
        ids: [payment.id],
        reason: "Duplicate",
        actor: caseworker,
        now: NOW,
      }),
    );
    expect(count).toBe(1);
    expect(await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: "CANCELLED",
      cancelReason: "Duplicate",
      cancelledAt: NOW,
    });
    expect(await db().paymentStatusHistory.count({ where: { paymentId: payment.id, toStatus: "CANCELLED" } })).toBe(1);
    expect(await db().auditLog.count({ where: { entityId: payment.id, action: "payment.cancelled" } })).toBe(1);
    expect(await db().claimEvent.count()).toBe(eventsBefore);
  });
});
