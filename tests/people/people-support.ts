// Set-up for the people tests: claims with payments in a chosen state, held as a run would hold them.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { HoldReason, PaymentMethod } from "@/lib/generated/prisma/enums";
import { movePayments } from "@/lib/payments/move-payments";
import { Prisma } from "@/lib/generated/prisma/client";
import { approveClaim } from "../support/approve-claim";
import { makeClaim } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { forcePaymentUpdate } from "../support/force-payment-update";

export const key = randomBytes(32);

export async function caseworker(db: PrismaClient, name = "Cara Caseworker") {
  const user = await makeUser(db, { role: "CASEWORKER", name });
  return { id: user.id, email: user.email, name: user.name };
}

/** A claim approved by a caseworker: its payment is NEW, unheld. */
export async function claimWithPayment(db: PrismaClient, method: PaymentMethod = "BANK") {
  const { claim, claimant } = await makeClaim(db, key, { method, lines: [1240] });
  const approver = await caseworker(db, "Approving caseworker");
  const payment = await approveClaim(db, key, claim, approver);
  return { claim, claimant, payment };
}

/** Holds a payment as a run does when it cannot put it in its file. */
export async function holdAsRun(db: PrismaClient, paymentId: string, reason: HoldReason) {
  await db.$transaction((tx) =>
    movePayments(tx, {
      transition: "hold",
      mover: "SYSTEM",
      ids: [paymentId],
      reason,
      detail: "held by the test's run",
      actor: { system: "test run" },
      now: new Date(),
    }),
  );
}

/** A payment already taken by a run (SENT), so a merge may move it. */
export async function markSent(db: PrismaClient, paymentId: string) {
  await forcePaymentUpdate(db, { where: { id: paymentId }, data: { status: "SENT", sentAt: new Date() } });
}

export const sqlOf = Prisma.sql;
