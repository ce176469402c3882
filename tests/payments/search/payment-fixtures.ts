// Test set-up for the payment search and export (docs/payment-search.md): payments in the states a
// search meets, put straight into the tables with fixed ids and times, so results can be compared
// exactly. A run, a live bank batch with its AccessPay file and ADI journal, and a voided batch.
import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { PaymentMethod, PaymentStatus } from "@/lib/generated/prisma/enums";

export const IDS = {
  failed: "00000000-0000-4000-8000-000000000001",
  reissue: "00000000-0000-4000-8000-000000000002",
  coded: "00000000-0000-4000-8000-000000000003",
  inFile: "00000000-0000-4000-8000-000000000004",
  secondInFile: "00000000-0000-4000-8000-000000000005",
  voided: "00000000-0000-4000-8000-000000000006",
  run: "00000000-0000-4000-8000-0000000000a1",
  batch: "00000000-0000-4000-8000-0000000000b1",
  voidBatch: "00000000-0000-4000-8000-0000000000b2",
} as const;

export const FILE = "accesspay_20261120_080000.csv";
export const JOURNAL = "adi-journal_20261120_080000.xlsx";
export const VOID_FILE = "accesspay_20261119_080000.csv";
export const CODE = "Ab12Cd34Ef56G";

type Person = { firstName?: string; reference?: string | null };

export async function makePerson(db: PrismaClient, person: Person = {}) {
  return db.claimant.create({
    data: {
      firstName: person.firstName ?? "Ada",
      lastName: "Lovelace",
      reference: person.reference ?? null,
      dateOfBirth: new Date("1985-12-10"),
      addressLine1: "1 High Street",
      town: "Leeds",
      postcode: "LS1 1AA",
      country: "England",
      contactPreference: "EMAIL",
    },
  });
}

export async function makeClaimFor(db: PrismaClient, personId: string, reference: string, method: PaymentMethod = "BANK") {
  return db.claim.create({
    data: {
      reference,
      claimantId: personId,
      eventDate: new Date("2026-11-01"),
      paymentMethod: method,
      source: "API",
      status: "APPROVED",
    },
  });
}

export async function makePayment(
  db: PrismaClient,
  p: {
    id: string;
    reference: string;
    personId: string;
    claimId: string;
    status: PaymentStatus;
    method?: PaymentMethod;
    amountPence: number;
    createdAt: string;
    paymentCode?: string;
    replacesId?: string;
    failureReason?: string;
    sentAt?: string;
    failedAt?: string;
  },
) {
  return db.payment.create({
    data: {
      id: p.id,
      reference: p.reference,
      personId: p.personId,
      claimId: p.claimId,
      status: p.status,
      method: p.method ?? "BANK",
      amountPence: p.amountPence,
      createdAt: new Date(p.createdAt),
      paymentCode: p.paymentCode,
      replacesId: p.replacesId,
      failureReason: p.failureReason,
      sentAt: p.sentAt ? new Date(p.sentAt) : undefined,
      failedAt: p.failedAt ? new Date(p.failedAt) : undefined,
    },
  });
}

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

async function makeFile(db: PrismaClient, batchId: string, kind: string, fileName: string, isVoid = false) {
  await db.batchFile.create({
    data: {
      batchId,
      kind,
      fileName,
      storageKey: `test/${batchId}/${fileName}`,
      contentType: "text/csv",
      sha256: sha(fileName),
      byteSize: 100,
      lineCount: 2,
      totalPence: 1,
      isVoid,
    },
  });
}

/**
 * The search's world: claim 7KQ2M9X with a failed payment and its reissue; a cash claim with a
 * Payout code; two payments on lines 1 and 2 of a live AccessPay file (with its journal); one on
 * line 1 of a voided batch's file. Person reference 4HJ6T2W is the cash claim's person.
 */
export async function makeSearchWorld(db: PrismaClient) {
  const ada = await makePerson(db, { firstName: "Ada" });
  const grace = await makePerson(db, { firstName: '=HYPERLINK("http://evil.test")', reference: "4HJ6T2W" });
  const two = await makeClaimFor(db, ada.id, "7KQ2M9X");
  const cash = await makeClaimFor(db, grace.id, "8MR3N4Y", "CASH");
  const c3 = await makeClaimFor(db, ada.id, "9MS4P5Z");
  const c4 = await makeClaimFor(db, ada.id, "5NT6Q7R");
  const c5 = await makeClaimFor(db, ada.id, "6PV7R8S");

  await makePayment(db, {
    id: IDS.failed,
    reference: "7KQ2M9X-01",
    personId: ada.id,
    claimId: two.id,
    status: "FAILED",
    amountPence: 4240,
    createdAt: "2026-11-18T09:00:00.000Z",
    failureReason: "@SUM(1), account closed",
    sentAt: "2026-11-19T08:00:00.000Z",
    failedAt: "2026-11-20T10:30:00.000Z",
  });
  await makePayment(db, {
    id: IDS.reissue,
    reference: "7KQ2M9X-02",
    personId: ada.id,
    claimId: two.id,
    status: "NEW",
    amountPence: 4240,
    createdAt: "2026-11-21T09:00:00.000Z",
    replacesId: IDS.failed,
  });
  await makePayment(db, {
    id: IDS.coded,
    reference: "8MR3N4Y-01",
    personId: grace.id,
    claimId: cash.id,
    status: "SENT",
    method: "CASH",
    amountPence: 1500,
    createdAt: "2026-11-19T12:00:00.000Z",
    paymentCode: CODE,
  });
  await makePayment(db, {
    id: IDS.inFile,
    reference: "9MS4P5Z-01",
    personId: ada.id,
    claimId: c3.id,
    status: "SENT",
    amountPence: 999,
    createdAt: "2026-11-19T07:00:00.000Z",
    sentAt: "2026-11-20T08:00:00.000Z",
  });
  await makePayment(db, {
    id: IDS.secondInFile,
    reference: "5NT6Q7R-01",
    personId: ada.id,
    claimId: c4.id,
    status: "SENT",
    amountPence: 100,
    createdAt: "2026-11-19T07:30:00.000Z",
    sentAt: "2026-11-20T08:00:00.000Z",
  });
  await makePayment(db, {
    id: IDS.voided,
    reference: "6PV7R8S-01",
    personId: ada.id,
    claimId: c5.id,
    status: "NEW",
    amountPence: 2500,
    createdAt: "2026-11-17T07:00:00.000Z",
  });

  await db.run.create({
    data: {
      id: IDS.run,
      kind: "DIRECT_PAYMENTS",
      status: "SUCCEEDED",
      startedAt: new Date("2026-11-20T08:00:00Z"),
      triggeredBy: "test",
    },
  });
  await db.batch.create({
    data: { id: IDS.batch, runId: IDS.run, method: "BANK", status: "STORED", paymentCount: 2, totalPence: 1099 },
  });
  await db.batch.create({
    data: { id: IDS.voidBatch, runId: IDS.run, method: "BANK", status: "VOID", paymentCount: 1, totalPence: 2500 },
  });
  await makeFile(db, IDS.batch, "ACCESSPAY_CSV", FILE);
  await makeFile(db, IDS.batch, "ADI_JOURNAL", JOURNAL);
  await makeFile(db, IDS.voidBatch, "ACCESSPAY_CSV", VOID_FILE, true);
  await db.fileLine.createMany({
    data: [
      { batchId: IDS.batch, lineNo: 1, paymentId: IDS.inFile, amountPence: 999, fileReference: "9MS4P5Z-01" },
      { batchId: IDS.batch, lineNo: 2, paymentId: IDS.secondInFile, amountPence: 100, fileReference: "5NT6Q7R-01" },
      { batchId: IDS.voidBatch, lineNo: 1, paymentId: IDS.voided, amountPence: 2500, fileReference: "6PV7R8S-01", isVoid: true },
    ],
  });
  return { ada, grace };
}
