import type { Db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit";
import { movePayments } from "@/lib/payments/move-payments";
import { AppError } from "@/lib/errors";

/** Stops a payment that has not been sent. A run that already took it makes this fail, not both. */
export async function cancelPayment(options: {
  db: Db;
  paymentId: string;
  reason: string;
  actor: AuditActor & { id: string };
  now: Date;
}): Promise<void> {
  const { db, paymentId, reason, actor, now } = options;
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Payment" WHERE id = ${paymentId}::uuid FOR UPDATE`;
    if (!row) throw new AppError("NOT_FOUND", "Payment not found");
    const payment = await tx.payment.findUniqueOrThrow({ where: { id: paymentId }, include: { claim: true } });
    if (payment.status !== "NEW") {
      throw new AppError(
        "INVALID_STATE",
        `Payment ${payment.reference} is ${payment.status.toLowerCase()}: only a payment that has not been sent can be cancelled`,
      );
    }
    // A run that selected the payment has written it into its batch's lines, and its files are
    // (re)built from them: cancelling now would leave a file that pays it, which the run then
    // refuses to send, stuck until someone intervenes. The row lock above orders this after the
    // run's selecting transaction, so the line is visible here once that has committed. A Payout
    // batch's payments stay NEW until its file is delivered (STORED, DELIVERY_UNCERTAIN): the same.
    const [openLine] = await tx.$queryRaw<{ batchId: string }[]>`
      SELECT l."batchId" FROM "FileLine" l JOIN "Batch" b ON b.id = l."batchId"
      WHERE l."paymentId" = ${paymentId}::uuid AND NOT l."isVoid" AND b.status IN ('OPEN', 'STORED', 'DELIVERY_UNCERTAIN')`;
    if (openLine) {
      throw new AppError(
        "INVALID_STATE",
        `Payment ${payment.reference} is being written into a payment file by a run in progress; try again when the run has finished`,
      );
    }
    await movePayments(tx, { transition: "cancel", mover: "CASEWORKER", ids: [paymentId], reason, actor, now });
    if (payment.claimId) await tx.claim.update({ where: { id: payment.claimId }, data: { version: { increment: 1 } } });
  });
}
