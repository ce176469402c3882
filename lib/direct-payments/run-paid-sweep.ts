import type { Db } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { addClaimEvent } from "@/lib/timeline/claim-events";
import { isPaidNoFailureReported } from "@/lib/bank-holidays/working-days";
import { runTransaction } from "@/lib/runs/run-transaction";
import type { RunLease } from "@/lib/runs/run-lease";

// SENT -> PAID ("Paid (no failure reported)", docs/runs.md#the-paid-sweep): 5 working days after
// the AccessPay file that carries the payment was first downloaded. There is no event for "nothing
// happened", so each direct-payments run checks. Only live lines, batches and files count: a voided
// file's downloads say nothing about the file that replaced it.

interface SentPayment {
  id: string;
  reference: string;
  claimId: string;
  firstDownloadedAt: Date;
}

export async function sweepPaidBankPayments(options: {
  db: Db;
  lease: RunLease;
  now: Date;
  holidays: ReadonlySet<string>;
  actor: AuditActor;
}): Promise<{ paid: number }> {
  const { db, lease, now, holidays, actor } = options;
  return runTransaction(db, lease, async (tx) => {
    const sent = await tx.$queryRaw<SentPayment[]>`
      SELECT p.id, p.reference, p."claimId", MIN(d."downloadedAt") AS "firstDownloadedAt"
      FROM "Payment" p
      JOIN "FileLine" l ON l."paymentId" = p.id AND NOT l."isVoid"
      JOIN "Batch" b ON b.id = l."batchId" AND b.status <> 'VOID'
      JOIN "BatchFile" f ON f."batchId" = b.id AND f.kind = 'ACCESSPAY_CSV' AND NOT f."isVoid"
      JOIN "FileDownload" d ON d."batchFileId" = f.id
      WHERE p.status = 'SENT' AND p.method = 'BANK'
      GROUP BY p.id, p.reference, p."claimId"`;
    let paid = 0;
    for (const payment of sent) {
      if (!isPaidNoFailureReported({ firstDownloadedAt: new Date(payment.firstDownloadedAt), now, holidays })) continue;
      // Conditional: a failure reported since the query (SSCL's upload) wins over "no failure".
      const { count } = await tx.payment.updateMany({
        where: { id: payment.id, status: "SENT" },
        data: { status: "PAID", paidAt: now },
      });
      if (count === 0) continue;
      paid += 1;
      await addClaimEvent(tx, {
        claimId: payment.claimId,
        kind: "payment.paid",
        summary: `Payment ${payment.reference} paid (no failure reported)`,
        at: now,
      });
      await recordAudit(tx, {
        actor,
        action: "payment.paid",
        entityType: "Payment",
        entityId: payment.id,
        before: { status: "SENT" },
        after: { status: "PAID", firstDownloadedAt: new Date(payment.firstDownloadedAt).toISOString(), runId: lease.runId },
      });
    }
    return { paid };
  });
}
