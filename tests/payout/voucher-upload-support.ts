// Set-up for the Payout upload tests: cash payments (vouchers) on the lines of delivered Payout
// batches, made straight into the database, and the files the Post Office sends back for them.
// Statuses are put in place past the movePayments guard (forcePaymentUpdate) where a test needs a
// voucher as if earlier reports had moved it; the bulk helper sends its payments with movePayments.
import { randomUUID } from "node:crypto";
import { londonDate } from "@/lib/dates/london-date";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { ContactPreference, PaymentStatus } from "@/lib/generated/prisma/enums";
import { movePayments } from "@/lib/payments/move-payments";
import { forcePaymentUpdate } from "../support/force-payment-update";

let sequence = 0;

/** A Payout batch of a SUCCEEDED run, DELIVERED at `deliveredAt`, with its stored file's record. */
export async function makePayoutBatch(
  db: PrismaClient,
  options: { deliveredAt: Date; fileName?: string },
): Promise<{ id: string; runId: string; fileName: string }> {
  const seq = (sequence += 1);
  const fileName =
    options.fileName ??
    `disburse_payout_${londonDate(options.deliveredAt).replaceAll("-", "")}_${String(seq).padStart(3, "0")}.csv`;
  const run = await db.run.create({
    data: {
      kind: "PAYOUT",
      status: "SUCCEEDED",
      startedAt: options.deliveredAt,
      finishedAt: options.deliveredAt,
      triggeredBy: "test",
    },
  });
  const batch = await db.batch.create({
    data: {
      runId: run.id,
      method: "CASH",
      status: "DELIVERED",
      paymentCount: 0,
      totalPence: 0,
      createdAt: options.deliveredAt,
      businessDate: new Date(`${londonDate(options.deliveredAt)}T00:00:00.000Z`),
      sequenceNo: seq,
      deliveryTarget: "file:///tmp/payout-outbox",
      deliveredAt: options.deliveredAt,
    },
  });
  await db.batchFile.create({
    data: {
      batchId: batch.id,
      kind: "PAYOUT_CSV",
      fileName,
      storageKey: `batches/test/${batch.id}/${fileName}`,
      contentType: "text/csv",
      sha256: "0".repeat(64),
      byteSize: 0,
      lineCount: 0,
      totalPence: 0,
    },
  });
  return { id: batch.id, runId: run.id, fileName };
}

export interface VoucherSpec {
  reference: string;
  pence: number;
  status: PaymentStatus;
  code?: string | null;
  /** The Payout batches the payment is on, in order; a void line is one an admin returned. */
  lines: { batchId: string; isVoid?: boolean }[];
  contactPreference?: ContactPreference;
  expiresOn?: string;
  postOfficeStatusDate?: string;
}

let lineNo = 0;

/** One cash payment of its own claim and claimant, on the lines and in the status given. */
export async function makeVoucher(db: PrismaClient, spec: VoucherSpec) {
  const claimant = await db.claimant.create({
    data: {
      firstName: "Ada",
      lastName: `Voucher ${spec.reference}`,
      dateOfBirth: new Date("1980-01-01"),
      email: "ada@example.com",
      phone: "07700900123",
      addressLine1: "1 High Street",
      town: "Leeds",
      county: "West Yorkshire",
      postcode: "LS1 1AA",
      country: "England",
      contactPreference: spec.contactPreference ?? "EMAIL",
    },
  });
  const claim = await db.claim.create({
    data: {
      reference: spec.reference.slice(0, 7),
      claimantId: claimant.id,
      status: "APPROVED",
      eventDate: new Date("2026-11-01"),
      paymentMethod: "CASH",
      source: "API",
    },
  });
  const payment = await db.payment.create({
    data: { reference: spec.reference, personId: claimant.id, claimId: claim.id, method: "CASH", amountPence: spec.pence },
  });
  for (const line of spec.lines) {
    await db.fileLine.create({
      data: {
        batchId: line.batchId,
        lineNo: (lineNo += 1),
        paymentId: payment.id,
        amountPence: spec.pence,
        fileReference: spec.reference,
        isVoid: line.isVoid ?? false,
      },
    });
  }
  const sent = spec.status !== "NEW";
  await forcePaymentUpdate(db, {
    where: { id: payment.id },
    data: {
      status: spec.status,
      sentAt: sent ? new Date("2026-11-02T10:00:00.000Z") : null,
      paymentCode: spec.code ?? null,
      codeIssuedAt: spec.code ? new Date("2026-11-03T10:00:00.000Z") : null,
      voucherExpiresOn: spec.expiresOn ? new Date(`${spec.expiresOn}T00:00:00.000Z`) : null,
      postOfficeStatusDate: spec.postOfficeStatusDate ? new Date(`${spec.postOfficeStatusDate}T00:00:00.000Z`) : null,
      cancelledAt: spec.status === "CANCELLED" ? new Date("2026-11-04T10:00:00.000Z") : null,
    },
  });
  return { payment, claim, claimant };
}

export interface VoucherBatch {
  batchId: string;
  runId: string;
  n: number;
  tag: string;
}

/** Payment i's reference (1-based): the tag letter, six digits, "-01". */
export const voucherReference = (tag: string, i: number) => `${tag}${String(i).padStart(6, "0")}-01`;
/** Payment i's 13-character payment code. */
export const voucherCode = (tag: string, i: number) => `${tag}CODE${String(i).padStart(8, "0")}`;
/** Payment i's amount. */
export const voucherPence = (i: number) => 1000 + i;

/**
 * n approved cash claims (one claimant each, contact preference EMAIL, SMS, LETTER in turn) with a
 * payment SENT on line i of one delivered Payout batch, made set-based (generate_series) and sent
 * by movePayments; with `codes`, each already has voucherCode(tag, i).
 */
export async function makeVoucherBatch(
  db: PrismaClient,
  options: { n: number; tag: string; deliveredAt: Date; expiresOn: string; codes?: boolean },
): Promise<VoucherBatch> {
  const { n, tag, deliveredAt } = options;
  const id = (what: string) => Prisma.sql`md5(${tag} || ${what} || i)::uuid`;
  const at = Prisma.sql`(${deliveredAt.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const batch = await makePayoutBatch(db, { deliveredAt });
  await db.$executeRaw`
    INSERT INTO "Claimant" (id, "firstName", "lastName", "dateOfBirth", email, phone, "addressLine1", town, postcode, country,
                            "contactPreference", "updatedAt")
    SELECT ${id("claimant")}, 'Claimant', 'Number ' || i, DATE '1980-01-01', 'claimant' || i || '@example.com', '07700900123',
           '1 High Street', 'Leeds', 'LS1 1AA', 'England', (ARRAY['EMAIL', 'SMS', 'LETTER'])[i % 3 + 1]::"ContactPreference", ${at}
    FROM generate_series(1, ${n}::int) i`;
  await db.$executeRaw`
    INSERT INTO "Claim" (id, reference, "claimantId", status, "eventDate", "paymentMethod", source, "updatedAt")
    SELECT ${id("claim")}, ${tag} || lpad(i::text, 6, '0'), ${id("claimant")}, 'APPROVED', DATE '2026-11-01', 'CASH', 'API', ${at}
    FROM generate_series(1, ${n}::int) i`;
  await db.$executeRaw`
    INSERT INTO "Payment" (id, reference, "personId", "claimId", method, "amountPence", status, "updatedAt", "voucherExpiresOn")
    SELECT ${id("payment")}, ${tag} || lpad(i::text, 6, '0') || '-01', ${id("claimant")}, ${id("claim")}, 'CASH', 1000 + i, 'NEW', ${at},
           ${options.expiresOn}::date
    FROM generate_series(1, ${n}::int) i`;
  await db.$executeRaw`
    INSERT INTO "FileLine" (id, "batchId", "lineNo", "paymentId", "amountPence", "fileReference")
    SELECT ${id("line")}, ${batch.id}::uuid, i, ${id("payment")}, 1000 + i, ${tag} || lpad(i::text, 6, '0') || '-01'
    FROM generate_series(1, ${n}::int) i`;
  if (options.codes) {
    await db.$executeRaw`
      UPDATE "Payment" SET "paymentCode" = ${tag} || 'CODE' || lpad(substr(reference, 2, 6), 8, '0'), "codeIssuedAt" = ${at}
      WHERE reference LIKE ${`${tag}%`}`;
  }
  await withPgTransaction(db, (tx) =>
    movePayments(tx, {
      transition: "send",
      mover: "SYSTEM",
      query: Prisma.sql`SELECT "paymentId" AS id FROM "FileLine" WHERE "batchId" = ${batch.id}::uuid`,
      actor: { system: "test" },
      now: deliveredAt,
      source: { runId: batch.runId, batchId: batch.id },
      timelineActorId: null,
    }),
  );
  return { batchId: batch.id, runId: batch.runId, n, tag };
}

const pounds = (pence: number) => `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, "0")}`;

/** Line of the payment-code file for a payment: the 22 columns of the Payout file and the code. */
export function paymentCodeLine(reference: string, pence: number, code: string): string {
  return [
    pounds(pence),
    "",
    "Ada",
    "Lovelace",
    "1 High Street",
    "Leeds",
    "West Yorkshire",
    "England",
    "LS1 1AA",
    "2",
    "",
    "",
    reference,
    "",
    "",
    "",
    "",
    "",
    "NOMS1086-LET-003",
    "",
    "",
    "01 11 2026",
    code,
  ].join(",");
}

export const RECONCILIATION_HEADER = "Reference,Payment Code,Amount,Status,Status Date";

/** A reconciliation report row. */
export function reconciliationLine(reference: string, code: string, pence: number, status: string, date: string): string {
  return [reference, code, pounds(pence), status, date].join(",");
}

/** A fresh id, for files and names that must not collide. */
export const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}.csv`;
