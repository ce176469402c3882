import type { Db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit";
import { latestPaidDownloadDate } from "@/lib/bank-holidays/working-days";
import { Prisma } from "@/lib/generated/prisma/client";
import { movePayments } from "@/lib/payments/move-payments";
import { runPgTransaction } from "@/lib/runs/run-transaction";
import type { RunLease } from "@/lib/runs/run-lease";

// SENT -> PAID ("Paid (no failure reported)", docs/runs.md#the-paid-sweep): 5 working days after
// the AccessPay file that carries the payment was first downloaded. There is no event for "nothing
// happened", so each direct-payments run checks. Only live lines, batches and files count: a voided
// file's downloads say nothing about the file that replaced it.

export async function sweepPaidBankPayments(options: {
  db: Db;
  lease: RunLease;
  now: Date;
  holidays: ReadonlySet<string>;
  actor: AuditActor;
}): Promise<{ paid: number }> {
  const { db, lease, now, holidays, actor } = options;
  // Paid once the London date of the first download is on or before this one (the PAID rule,
  // decided once in TypeScript, compared per payment in SQL).
  const cutoff = latestPaidDownloadDate(now, holidays);
  return runPgTransaction(db, lease, async (tx) => {
    // movePayments only moves payments still SENT when it locks them: a failure reported since
    // (SSCL's upload) wins over "no failure".
    const { count } = await movePayments(tx, {
      transition: "pay",
      mover: "SYSTEM",
      query: Prisma.sql`
        SELECT p.id, to_char(MIN(d."downloadedAt"), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "firstDownloadedAt"
        FROM "Payment" p
        JOIN "FileLine" l ON l."paymentId" = p.id AND NOT l."isVoid"
        JOIN "Batch" b ON b.id = l."batchId" AND b.status <> 'VOID'
        JOIN "BatchFile" f ON f."batchId" = b.id AND f.kind = 'ACCESSPAY_CSV' AND NOT f."isVoid"
        JOIN "FileDownload" d ON d."batchFileId" = f.id
        WHERE p.status = 'SENT' AND p.method = 'BANK'
        GROUP BY p.id
        HAVING (MIN(d."downloadedAt") AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/London')::date <= ${cutoff}::date`,
      actor,
      now,
      source: { runId: lease.runId },
      timelineActorId: null,
    });
    return { paid: count };
  });
}
