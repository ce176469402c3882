import { recordAuditSql, type AuditActor } from "@/lib/audit/record-audit";
import { encryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { londonDate } from "@/lib/dates/london-date";
import { withPgTransaction, type PgTx } from "@/lib/db/pg-transaction";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { dueForErasureSql, utcTimestamp } from "./due-for-erasure-sql";
import { ERASED_DATE_OF_BIRTH, ERASED_NAME, retentionCutoff, retentionCutoffDate } from "./rules/retention-rule";

// The retention policy's run (docs/security.md#personal-data-over-time): erases the personal
// details of everyone due (rules/retention-rule.ts), a batch of people per transaction, each batch
// in a fixed number of set-based statements whatever its size. Kept: the person's reference and id,
// their claims, expense lines, payments and their history, file lines (what was paid, where) and
// the audit log. A batch locks its people first and then asks again, so a claim that arrives
// meanwhile keeps its person; an erased person is never due again.

export const RETENTION_ACTOR: AuditActor = { system: "retention policy" };
export const DEFAULT_RETENTION_BATCH = 1000;
const CLOSED_NOTE = "Closed: the person's details were erased under the retention policy";
const NOT_SENT = "Not sent: the person's details were erased under the retention policy";

export type RetentionSummary = {
  years: number;
  /** The first instant still counted as recent (ISO). */
  cutoff: string;
  erased: number;
  batches: number;
  bankDetailsDeleted: number;
  bankDetailChangesErased: number;
  personDetailsChangesErased: number;
  messagesErased: number;
};

type BatchCounts = Omit<RetentionSummary, "years" | "cutoff" | "batches" | "erased"> & { ids: string[] };

export async function eraseDuePeople(
  db: PrismaClient,
  options: { now: Date; years: number; key: Buffer; batchSize?: number },
): Promise<RetentionSummary> {
  const { now, years } = options;
  const batchSize = options.batchSize ?? DEFAULT_RETENTION_BATCH;
  const cutoff = retentionCutoff(now, years);
  const due = dueForErasureSql({ cutoff, cutoffDate: retentionCutoffDate(now, years), today: londonDate(now) });
  // Pending and decided changes keep a readable ciphertext (screens decrypt every change they list), of nothing.
  const erasedBank = encryptBankDetails(
    { sortCode: "", accountNumber: "", nameOnAccount: ERASED_NAME, rollNumber: null },
    options.key,
  );
  const summary: RetentionSummary = {
    years,
    cutoff: cutoff.toISOString(),
    erased: 0,
    batches: 0,
    bankDetailsDeleted: 0,
    bankDetailChangesErased: 0,
    personDetailsChangesErased: 0,
    messagesErased: 0,
  };
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const batch = await withPgTransaction(db, async (tx) => {
      const candidates = await tx.$queryRaw<{ id: string }[]>`
        SELECT c.id FROM "Claimant" c WHERE c.id > ${after}::uuid AND ${due} ORDER BY c.id LIMIT ${batchSize} FOR UPDATE OF c`;
      if (candidates.length === 0) return null;
      const counts = await eraseBatch(tx, { candidates: candidates.map((c) => c.id), due, now, erasedBank, cutoff });
      return { lastId: candidates[candidates.length - 1].id, full: candidates.length === batchSize, counts };
    });
    if (!batch) break;
    after = batch.lastId;
    if (batch.counts) {
      summary.batches += 1;
      summary.erased += batch.counts.ids.length;
      summary.bankDetailsDeleted += batch.counts.bankDetailsDeleted;
      summary.bankDetailChangesErased += batch.counts.bankDetailChangesErased;
      summary.personDetailsChangesErased += batch.counts.personDetailsChangesErased;
      summary.messagesErased += batch.counts.messagesErased;
    }
    if (!batch.full) break;
  }
  // One record of every run, even one that erased nobody: the policy was applied, with this cutoff.
  await recordAuditSql(db, {
    actor: RETENTION_ACTOR,
    action: "retention.run",
    entityType: "RetentionPolicy",
    after: { ...summary, at: now.toISOString() },
  });
  return summary;
}

async function eraseBatch(
  tx: PgTx,
  options: {
    candidates: string[];
    due: ReturnType<typeof dueForErasureSql>;
    now: Date;
    erasedBank: string;
    cutoff: Date;
  },
): Promise<BatchCounts | null> {
  const { due, erasedBank } = options;
  const now = utcTimestamp(options.now);
  // Asked again now that the rows are locked: this statement sees whatever committed while we waited.
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT c.id FROM "Claimant" c WHERE c.id = ANY(${options.candidates}::uuid[]) AND ${due} ORDER BY c.id`;
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return null;

  await tx.$executeRaw`
    UPDATE "Claimant" c
    SET "firstName" = ${ERASED_NAME}, "lastName" = ${ERASED_NAME}, "dateOfBirth" = ${ERASED_DATE_OF_BIRTH}::date,
        email = NULL, phone = NULL, "addressLine1" = '', "addressLine2" = NULL, town = '', county = NULL,
        postcode = '', country = '', "bankDetailsNeededSince" = NULL, "erasedAt" = ${now}, "updatedAt" = ${now}
    FROM unnest(${ids}::uuid[]) AS s(id)
    WHERE c.id = s.id`;
  const bankDetailsDeleted = await tx.$executeRaw`DELETE FROM "BankDetails" WHERE "claimantId" = ANY(${ids}::uuid[])`;
  const bankDetailChangesErased = await tx.$executeRaw`
    UPDATE "BankDetailChange" b
    SET ciphertext = ${erasedBank}, "lookupHash" = NULL, note = NULL,
        "decisionNote" = CASE WHEN b.status = 'PENDING' THEN ${CLOSED_NOTE} ELSE NULL END,
        "decidedAt" = CASE WHEN b.status = 'PENDING' THEN ${now} ELSE b."decidedAt" END,
        status = CASE WHEN b.status = 'PENDING' THEN 'REJECTED'::"BankDetailChangeStatus" ELSE b.status END
    FROM unnest(${ids}::uuid[]) AS s(id)
    WHERE b."claimantId" = s.id`;
  const personDetailsChangesErased = await tx.$executeRaw`
    UPDATE "PersonDetailsChange" d
    SET "firstName" = ${ERASED_NAME}, "lastName" = ${ERASED_NAME}, "addressLine1" = '', "addressLine2" = NULL, town = '',
        county = NULL, postcode = '', country = '', note = NULL,
        "decisionNote" = CASE WHEN d.status = 'PENDING' THEN ${CLOSED_NOTE} ELSE NULL END,
        "decidedAt" = CASE WHEN d.status = 'PENDING' THEN ${now} ELSE d."decidedAt" END,
        status = CASE WHEN d.status = 'PENDING' THEN 'REJECTED'::"BankDetailChangeStatus" ELSE d.status END
    FROM unnest(${ids}::uuid[]) AS s(id)
    WHERE d."claimantId" = s.id`;
  // Every message keeps its channel, template, status and dates; where it went and what it said go.
  const messagesErased = await tx.$executeRaw`
    UPDATE "Notification" n
    SET recipient = '', personalisation = '{}'::jsonb,
        error = CASE WHEN n.status = 'QUEUED' THEN ${NOT_SENT} ELSE n.error END,
        status = CASE WHEN n.status = 'QUEUED' THEN 'FAILED'::"NotificationStatus" ELSE n.status END
    FROM unnest(${ids}::uuid[]) AS s(id)
    WHERE n."claimantId" = s.id`;
  await tx.$executeRaw`
    INSERT INTO "ClaimEvent" (id, "claimId", at, "actorId", kind, summary)
    SELECT gen_random_uuid(), k.id, ${now}, NULL, 'person.erased', 'Personal details erased under the retention policy'
    FROM "Claim" k JOIN unnest(${ids}::uuid[]) AS s(id) ON k."claimantId" = s.id`;
  const counts = { ids, bankDetailsDeleted, bankDetailChangesErased, personDetailsChangesErased, messagesErased };
  await recordAuditSql(tx, {
    actor: RETENTION_ACTOR,
    action: "retention.erase",
    entityType: "Claimant",
    after: { cutoff: options.cutoff.toISOString(), people: ids.length, ...counts },
  });
  return counts;
}
