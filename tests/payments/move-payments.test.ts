// The one owner of Payment.status: movePayments moves any number of payments set-based, writing
// their history, audit rows and timeline entries; the database refuses any other status change.
import { describe, expect, it } from "vitest";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { movePayments } from "@/lib/payments/move-payments";
import { useTestDatabase } from "../support/test-db";
import { makeUser } from "../support/make-user";
import { newBankPayments } from "../runs/run-test-support";
import { countStatements } from "../support/count-statements";

const { db } = useTestDatabase();
const NOW = new Date("2026-11-20T10:00:00.000Z");
const OWNER_REFUSAL = /Payment\.status changes only through movePayments/;

describe("the database guard", () => {
  it("refuses a direct UPDATE of Payment.status, by raw SQL and through Prisma, and changes nothing", async () => {
    const [payment] = await newBankPayments(db(), 1);
    await expect(db().$executeRaw`UPDATE "Payment" SET status = 'SENT' WHERE id = ${payment.id}::uuid`).rejects.toThrow(
      OWNER_REFUSAL,
    );
    await expect(db().payment.update({ where: { id: payment.id }, data: { status: "CANCELLED" } })).rejects.toThrow(
      OWNER_REFUSAL,
    );
    await expect(db().payment.updateMany({ where: { id: payment.id }, data: { status: "PAID" } })).rejects.toThrow(OWNER_REFUSAL);
    expect((await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("NEW");
  });

  it("lets through updates that leave the status alone", async () => {
    const [payment] = await newBankPayments(db(), 1);
    await db().payment.update({ where: { id: payment.id }, data: { holdReason: "BAD_BANK_DETAILS" } });
    await db().$executeRaw`UPDATE "Payment" SET status = status WHERE id = ${payment.id}::uuid`;
    expect((await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).holdReason).toBe("BAD_BANK_DETAILS");
  });

  it("is closed again after movePayments returns, inside the same transaction", async () => {
    const [a, b] = await newBankPayments(db(), 2);
    const admin = await makeUser(db(), { role: "ADMIN" });
    await expect(
      db().$transaction(async (tx) => {
        await movePayments(tx, {
          transition: "cancel",
          mover: "CASEWORKER",
          ids: [a.id],
          reason: "Duplicate",
          actor: admin,
          now: NOW,
        });
        await tx.$executeRaw`UPDATE "Payment" SET status = 'CANCELLED' WHERE id = ${b.id}::uuid`;
      }),
    ).rejects.toThrow(OWNER_REFUSAL);
    const statuses = await db().payment.findMany({ where: { id: { in: [a.id, b.id] } }, select: { status: true } });
    expect(statuses.map((p) => p.status)).toEqual(["NEW", "NEW"]);
  });
});

describe("movePayments", () => {
  it("moves every payment in a from-status, with a reason per payment, and writes one history, audit and timeline row each", async () => {
    const payments = await newBankPayments(db(), 5);
    const caseworker = await makeUser(db(), { role: "CASEWORKER" });
    const ids = payments.map((p) => p.id);
    const reasons = ids.map((_, i) => `Reason ${i + 1}`);
    // One of them is no longer NEW: it is left alone, and only the others move.
    await db().$transaction((tx) =>
      movePayments(tx, {
        transition: "hold",
        mover: "SYSTEM",
        ids: [ids[4]],
        reason: "BAD_BANK_DETAILS",
        detail: "x",
        actor: { system: "test" },
        now: NOW,
      }),
    );
    await db().$transaction((tx) =>
      movePayments(tx, {
        transition: "cancel",
        mover: "CASEWORKER",
        ids: [ids[3]],
        reason: "Earlier",
        actor: caseworker,
        now: NOW,
      }),
    );

    const result = await db().$transaction((tx) =>
      movePayments(tx, {
        transition: "cancel",
        mover: "CASEWORKER",
        ids,
        reasons,
        actor: caseworker,
        now: NOW,
      }),
    );
    expect(result.count).toBe(4);

    const after = await db().payment.findMany({ where: { id: { in: ids } }, include: { claim: true } });
    const byId = new Map(after.map((p) => [p.id, p]));
    for (const [i, id] of ids.entries()) {
      if (i === 3) continue;
      expect(byId.get(id)).toMatchObject({ status: "CANCELLED", cancelReason: reasons[i], cancelledAt: NOW, holdReason: null });
    }
    expect(byId.get(ids[3])).toMatchObject({ status: "CANCELLED", cancelReason: "Earlier" });
    // The held one was released by the cancellation, so its claim no longer needs attention.
    expect(byId.get(ids[4])!.claim!.needsAttention).toBe(false);

    const history = await db().paymentStatusHistory.findMany({ where: { paymentId: { in: ids }, action: "payment.cancelled" } });
    expect(history).toHaveLength(5);
    const moveIds = new Set(history.filter((h) => h.reason !== "Earlier").map((h) => h.moveId));
    expect(moveIds.size).toBe(1);
    expect(history.find((h) => h.paymentId === ids[0])).toMatchObject({
      fromStatus: "NEW",
      toStatus: "CANCELLED",
      actorId: caseworker.id,
      actorLabel: caseworker.email,
      reason: "Reason 1",
      at: NOW,
    });

    const audit = await db().auditLog.findMany({ where: { entityId: { in: ids }, action: "payment.cancelled" } });
    expect(audit).toHaveLength(5);
    expect(audit.find((a) => a.entityId === ids[4])).toMatchObject({
      actorId: caseworker.id,
      before: { status: "NEW", holdReason: "BAD_BANK_DETAILS" },
      after: { status: "CANCELLED", cancelReason: "Reason 5", holdReason: null, cancelledAt: NOW.toISOString() },
    });

    const events = await db().claimEvent.findMany({ where: { kind: "payment.cancelled" }, orderBy: { summary: "asc" } });
    const mine = events.filter((e) => payments.some((p) => p.claimId === e.claimId));
    expect(mine.map((e) => e.summary)).toEqual(
      [...payments.entries()].map(([i, p]) => `Payment ${p.reference} cancelled: ${i === 3 ? "Earlier" : reasons[i]}`).sort(),
    );
  });

  it("refuses a mover the transition table does not allow, and a move without the reason it needs", async () => {
    const [payment] = await newBankPayments(db(), 1);
    await expect(
      db().$transaction((tx) =>
        movePayments(tx, {
          transition: "pay",
          mover: "CASEWORKER",
          ids: [payment.id],
          actor: { system: "t" },
          now: NOW,
          source: { runId: payment.id },
        }),
      ),
    ).rejects.toThrow("CASEWORKER may not pay payments");
    await expect(
      db().$transaction((tx) =>
        movePayments(tx, { transition: "cancel", mover: "CASEWORKER", ids: [payment.id], actor: { system: "t" }, now: NOW }),
      ),
    ).rejects.toThrow("cancel needs a reason");
    expect(await db().paymentStatusHistory.count({ where: { paymentId: payment.id } })).toBe(1); // its creation
  });
});

describe("statements per move", () => {
  it("is the same for 3 payments as for 60: a fixed 8 (begin, temp table, flag on, the move, flag off, needs attention, truncate, commit)", async () => {
    const few = await newBankPayments(db(), 3);
    const many = await newBankPayments(db(), 60);
    const hold = (ids: string[]) =>
      countStatements(() =>
        db().$transaction((tx) =>
          movePayments(tx, {
            transition: "hold",
            mover: "SYSTEM",
            ids,
            reason: "BAD_BANK_DETAILS",
            detail: "test",
            actor: { system: "test" },
            now: NOW,
          }),
        ),
      );
    const a = await hold(few.map((p) => p.id));
    const b = await hold(many.map((p) => p.id));
    expect(a.result.count).toBe(3);
    expect(b.result.count).toBe(60);
    expect(b.statements).toBe(a.statements);
    expect(a.statements).toBeGreaterThanOrEqual(5);
    expect(a.statements).toBeLessThanOrEqual(8);
  });
});

describe("on a pg client (the COPY-capable transaction)", () => {
  it("moves the same way, and a throw rolls the move back", async () => {
    const [a, b] = await newBankPayments(db(), 2);
    const caseworker = await makeUser(db(), { role: "CASEWORKER" });
    const moved = await withPgTransaction(db(), (tx) =>
      movePayments(tx, {
        transition: "cancel",
        mover: "CASEWORKER",
        ids: [a.id],
        reason: "Duplicate",
        actor: caseworker,
        now: NOW,
      }),
    );
    expect(moved.count).toBe(1);
    await expect(
      withPgTransaction(db(), async (tx) => {
        await movePayments(tx, {
          transition: "cancel",
          mover: "CASEWORKER",
          ids: [b.id],
          reason: "Duplicate",
          actor: caseworker,
          now: NOW,
        });
        throw new Error("crash after the move");
      }),
    ).rejects.toThrow("crash after the move");
    const after = await db().payment.findMany({ where: { id: { in: [a.id, b.id] } }, orderBy: { reference: "asc" } });
    expect(Object.fromEntries(after.map((p) => [p.id, p.status]))).toEqual({ [a.id]: "CANCELLED", [b.id]: "NEW" });
    expect(await db().paymentStatusHistory.count({ where: { paymentId: b.id, action: "payment.cancelled" } })).toBe(0);
    await expect(
      withPgTransaction(db(), (tx) => tx.$executeRaw`UPDATE "Payment" SET status = 'SENT' WHERE id = ${b.id}::uuid`),
    ).rejects.toThrow(OWNER_REFUSAL);
  });
});
