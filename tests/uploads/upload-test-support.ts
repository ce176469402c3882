// Set-up for the upload tests: many SENT bank payments on the lines of one stored batch, made in a
// few set-based statements (not by running the direct-payments run once per payment), and the
// failed-payments file SSCL would send back for them.
import { randomBytes } from "node:crypto";
import { encryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { movePayments } from "@/lib/payments/move-payments";

export const key = randomBytes(32);

/** 100 different accounts, used in turn: line i pays account i % 100. */
const ACCOUNTS = Array.from({ length: 100 }, (_, k) => ({
  sortCode: `2000${String(k).padStart(2, "0")}`,
  accountNumber: `5577${String(k).padStart(4, "0")}`,
}));

export interface SentBatch {
  runId: string;
  batchId: string;
  n: number;
  /** The claim reference prefix: one letter (claim references are the letter and six digits). */
  tag: string;
}

const pounds = (pence: number) => `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, "0")}`;

/** Line i (1-based) of the AccessPay file the batch stands for, as SSCL would send it back. */
export function failedLine(batch: Pick<SentBatch, "tag">, i: number, reason = "Account closed"): string {
  const account = ACCOUNTS[i % 100];
  return `${account.sortCode},${account.accountNumber},Claimant ${i},${pounds(1000 + i)},${paymentReference(batch, i)},${reason}`;
}

export function paymentReference(batch: Pick<SentBatch, "tag">, i: number): string {
  return `${batch.tag}${String(i).padStart(6, "0")}-01`;
}

/** The whole failed-payments file for lines 1..n. */
export function failedFile(batch: SentBatch, reason?: string): Buffer {
  let text = "";
  for (let i = 1; i <= batch.n; i++) text += `${failedLine(batch, i, reason)}\n`;
  return Buffer.from(text, "utf8");
}

/**
 * n approved claims (one claimant each) with a bank payment SENT on line i of one stored batch of
 * a SUCCEEDED run: claimants, claims, payments, run, batch and file lines by INSERT … SELECT over
 * generate_series, then the payments marked SENT by movePayments over a query.
 */
export async function makeSentBatch(db: PrismaClient, n: number, tag: string, now: Date): Promise<SentBatch> {
  const ciphertexts = ACCOUNTS.map((a) => encryptBankDetails({ ...a, nameOnAccount: "Claimant", rollNumber: null }, key));
  const id = (what: string) => Prisma.sql`md5(${tag} || ${what} || i)::uuid`;
  const at = Prisma.sql`(${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const runId = (await db.$queryRaw<{ id: string }[]>`SELECT md5(${tag} || 'run')::uuid::text AS id`)[0].id;
  const batchId = (await db.$queryRaw<{ id: string }[]>`SELECT md5(${tag} || 'batch')::uuid::text AS id`)[0].id;

  await db.$executeRaw`
    INSERT INTO "Claimant" (id, "firstName", "lastName", "dateOfBirth", email, "addressLine1", town, postcode, country,
                            "contactPreference", "updatedAt")
    SELECT ${id("claimant")}, 'Claimant', 'Number ' || i, DATE '1980-01-01', 'claimant' || i || '@example.com',
           '1 High Street', 'Leeds', 'LS1 1AA', 'England', 'EMAIL', ${at}
    FROM generate_series(1, ${n}::int) i`;
  await db.$executeRaw`
    INSERT INTO "Claim" (id, reference, "claimantId", status, "eventDate", "paymentMethod", source, "updatedAt")
    SELECT ${id("claim")}, ${tag} || lpad(i::text, 6, '0'), ${id("claimant")}, 'APPROVED', DATE '2026-11-01', 'BANK', 'API', ${at}
    FROM generate_series(1, ${n}::int) i`;
  await db.$executeRaw`
    INSERT INTO "Payment" (id, reference, "personId", "claimId", method, "amountPence", status, "updatedAt")
    SELECT ${id("payment")}, ${tag} || lpad(i::text, 6, '0') || '-01', ${id("claimant")}, ${id("claim")}, 'BANK', 1000 + i, 'NEW', ${at}
    FROM generate_series(1, ${n}::int) i`;
  await db.$executeRaw`
    INSERT INTO "Run" (id, kind, status, "startedAt", "finishedAt", "triggeredBy", "paymentCount")
    VALUES (${runId}::uuid, 'DIRECT_PAYMENTS', 'SUCCEEDED', ${at}, ${at}, 'test', ${n})`;
  await db.$executeRaw`
    INSERT INTO "Batch" (id, "runId", method, status, "paymentCount", "totalPence")
    VALUES (${batchId}::uuid, ${runId}::uuid, 'BANK', 'STORED', ${n}, 0)`;
  await db.$executeRaw`
    INSERT INTO "FileLine" (id, "batchId", "lineNo", "paymentId", "amountPence", "fileReference", "bankDetailsCiphertext")
    SELECT ${id("line")}, ${batchId}::uuid, i, ${id("payment")}, 1000 + i, ${tag} || lpad(i::text, 6, '0') || '-01',
           (${ciphertexts}::text[])[i % 100 + 1]
    FROM generate_series(1, ${n}::int) i`;
  await withPgTransaction(db, (tx) =>
    movePayments(tx, {
      transition: "send",
      mover: "SYSTEM",
      query: Prisma.sql`SELECT "paymentId" AS id FROM "FileLine" WHERE "batchId" = ${batchId}::uuid`,
      actor: { system: "test" },
      now,
      source: { runId, batchId },
      timelineActorId: null,
    }),
  );
  return { runId, batchId, n, tag };
}
