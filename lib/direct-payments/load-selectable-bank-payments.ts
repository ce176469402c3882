import type { Tx } from "@/lib/db";

// The run's selection (docs/runs.md#selection): every NEW bank payment not on hold, in the order they
// were created, locked FOR UPDATE for the rest of the selecting transaction, so a caseworker's
// cancel either happens before (and the payment is not selected) or waits until the payment has
// its file line. A payment already on a live file line belongs to another run's unfinished batch
// and is left to that run: it must never be in two files.

export async function loadSelectableBankPayments(tx: Tx) {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT p.id FROM "Payment" p
    WHERE p.status = 'NEW' AND p.method = 'BANK' AND p."holdReason" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "FileLine" l WHERE l."paymentId" = p.id AND NOT l."isVoid")
    ORDER BY p."createdAt", p.id
    FOR UPDATE OF p`;
  if (locked.length === 0) return [];
  const payments = await tx.payment.findMany({
    where: { id: { in: locked.map((row) => row.id) } },
    select: {
      id: true,
      reference: true,
      amountPence: true,
      claimId: true,
      claim: { select: { claimantId: true, claimant: { select: { bankDetails: { select: { ciphertext: true } } } } } },
    },
  });
  const byId = new Map(payments.map((p) => [p.id, p]));
  return locked.map((row) => byId.get(row.id)!);
}

export type SelectableBankPayment = Awaited<ReturnType<typeof loadSelectableBankPayments>>[number];
