// Payments at national scale: the direct-payments run is set-based and streaming, so the number of
// SQL statements it sends does not grow with the number of payments. Counted at the pg driver (every
// statement, whoever sends it: Prisma, the run's own pg transactions, COPY), for a run of 2,000
// payments and one of 20,000. Memory is not asserted here; the shape that keeps it flat is in
// docs/runs.md#selection.
import { beforeAll, describe, expect, it } from "vitest";
import { encryptBankDetails, type BankDetailsPlain } from "@/lib/crypto/bank-details-cipher";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { formatAccessPay } from "@/lib/direct-payments/accesspay/format-accesspay";
import { voidBatch } from "@/lib/batches/void-batch";
import { countStatements } from "../support/count-statements";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { key, NOW, run, useTempStore } from "./run-test-support";

const { db } = useTestDatabase();
const store = useTempStore();

/** Whatever the number of payments, a run that pays them takes at most this many statements. */
const MAX_STATEMENTS = 60;

/** A few distinct valid details, encrypted once and shared; one name needs cleaning. */
const DETAILS: BankDetailsPlain[] = [
  { sortCode: "200000", accountNumber: "55779911", nameOnAccount: "A Lovelace", rollNumber: null },
  { sortCode: "089999", accountNumber: "66374958", nameOnAccount: "Tom Swann", rollNumber: null },
  { sortCode: "202959", accountNumber: "63748472", nameOnAccount: "Mary Seacole", rollNumber: null },
  { sortCode: "820000", accountNumber: "73688637", nameOnAccount: "Zoë Brontë-Smith", rollNumber: null },
];
const CLEANED_EVERY = 100; // payment i uses the details that need cleaning when i % 100 = 0

/** Set-up of thousands of rows: more than Prisma's 5-second default on a busy machine. */
const SET_UP_TRANSACTION = { timeout: 120_000 } as const;

/**
 * `n` approved claims, each with a claimant, approved bank details and one NEW bank payment, made
 * set-based (INSERT … SELECT from generate_series), numbered from `from`. Payment i pays 100 + i % 9,000
 * pence and is created i milliseconds after `NOW` less a day, so the run takes them in number order.
 */
async function makeBankPayments(client: PrismaClient, from: number, n: number): Promise<void> {
  const ciphertexts = DETAILS.map((d) => encryptBankDetails(d, key));
  const clean = ciphertexts.length - 1;
  await client.$transaction(async (tx) => {
    await tx.$executeRaw`
      CREATE TEMP TABLE gen ON COMMIT DROP AS
      SELECT i, gen_random_uuid() AS claimant, gen_random_uuid() AS claim, gen_random_uuid() AS payment,
             'T' || upper(lpad(to_hex(i), 6, '0')) AS reference
      FROM generate_series(${from}::int, ${from + n - 1}::int) i`;
    await tx.$executeRaw`
      INSERT INTO "Claimant" (id, "firstName", "lastName", "dateOfBirth", "addressLine1", town, postcode, country,
                              "contactPreference", "updatedAt")
      SELECT claimant, 'Ada', 'Claimant ' || i, DATE '1985-12-10', '1 High Street', 'Leeds', 'LS1 1AA', 'England',
             'EMAIL', now()
      FROM gen`;
    await tx.$executeRaw`
      INSERT INTO "BankDetails" (id, "claimantId", ciphertext, "updatedAt")
      SELECT gen_random_uuid(), claimant,
             (${ciphertexts}::text[])[CASE WHEN i % ${CLEANED_EVERY} = 0 THEN ${clean + 1} ELSE 1 + i % ${clean} END], now()
      FROM gen`;
    await tx.$executeRaw`
      INSERT INTO "Claim" (id, reference, "claimantId", status, "eventDate", "paymentMethod", source, "updatedAt")
      SELECT claim, reference, claimant, 'APPROVED', DATE '2026-11-01', 'BANK', 'API', now() FROM gen`;
    await tx.$executeRaw`
      INSERT INTO "Payment" (id, reference, "personId", "claimId", method, "amountPence", status, "createdAt", "updatedAt")
      SELECT payment, reference || '-01', claimant, claim, 'BANK', 100 + i % 9000, 'NEW',
             (${NOW.toISOString()}::timestamptz AT TIME ZONE 'UTC') - interval '1 day' + i * interval '1 millisecond', now()
      FROM gen`;
  }, SET_UP_TRANSACTION);
}

/** Runs the job once, counting statements, and checks what it paid against the database and the store. */
async function countedRun(n: number, now: Date) {
  const { result: summary, statements, texts } = await countStatements(() => run(db(), store(), { now }));
  expect(summary).toMatchObject({ status: "SUCCEEDED", payments: n, held: [] });

  const runId = summary.runId!;
  const [sent] = await db().$queryRaw<{ payments: number; pence: bigint }[]>`
    SELECT count(*)::int AS payments, sum(p."amountPence")::bigint AS pence
    FROM "Payment" p JOIN "FileLine" l ON l."paymentId" = p.id JOIN "Batch" b ON b.id = l."batchId"
    WHERE b."runId" = ${runId}::uuid AND p.status = 'SENT' AND NOT l."isVoid"`;
  expect(sent.payments).toBe(n);
  expect(summary.totalPence).toBe(Number(sent.pence));

  const files = await db().batchFile.findMany({ where: { batch: { runId } }, orderBy: { kind: "asc" } });
  expect(files.map((f) => [f.kind, f.lineCount, Number(f.totalPence)])).toEqual([
    ["ACCESSPAY_CSV", n, Number(sent.pence)],
    ["ADI_JOURNAL", 2, Number(sent.pence)],
  ]);
  // The stored file itself: n lines whose amounts add up to the payments sent.
  const csv = (await store().get(files[0].storageKey)).toString("ascii");
  const rows = csv.trimEnd().split("\n");
  expect(rows).toHaveLength(n);
  const pence = rows.reduce((sum, row) => sum + Math.round(Number(row.split(",")[3]) * 100), 0);
  expect(pence).toBe(Number(sent.pence));
  expect(files[0].byteSize).toBe(Buffer.byteLength(csv));
  // Every name that needed cleaning is a warning; nobody is held.
  expect(summary.warnings.filter((w) => w.kind === "VALUE_CLEANED")).toHaveLength(Math.floor(n / CLEANED_EVERY));
  return { summary, statements, texts, csv };
}

describe("the direct-payments run at scale", () => {
  beforeAll(() => makeBankPayments(db(), 1, 2_000));

  it("fails the selection whole when a payment breaks the formatter halfway through the stream", async () => {
    // A payment reference with nothing left after cleaning is a bug, not bad data: the formatter
    // throws in the middle of the COPY; the rest is read and dropped, and the step rolls back.
    const [broken] = await db().$queryRaw<{ id: string; reference: string }[]>`
      SELECT id, reference FROM "Payment" WHERE reference = 'T0003E8-01'`; // payment 1,000 of 2,000
    await db().$executeRaw`UPDATE "Payment" SET reference = '###' WHERE id = ${broken.id}::uuid`;
    const failed = await run(db(), store(), { now: new Date(NOW.getTime() - 3_600_000) });
    expect(failed).toMatchObject({ status: "FAILED", error: expect.stringContaining("'###' is empty after cleaning") });
    expect(await db().batch.count()).toBe(0);
    expect(await db().fileLine.count()).toBe(0);
    expect(await db().payment.count({ where: { OR: [{ status: { not: "NEW" } }, { holdReason: { not: null } }] } })).toBe(0);
    await db().$executeRaw`UPDATE "Payment" SET reference = ${broken.reference} WHERE id = ${broken.id}::uuid`;
  });

  it(`takes the same statements, at most ${MAX_STATEMENTS}, for 2,000 payments as for 20,000`, { timeout: 300_000 }, async () => {
    const small = await countedRun(2_000, NOW);

    // Voided, those 2,000 go back to NEW; with 18,000 more the next run pays 20,000 (no more rows
    // than that in the database).
    const admin = await makeUser(db(), { role: "ADMIN" });
    const [batch] = await db().batch.findMany({ where: { runId: small.summary.runId! } });
    await voidBatch({ db: db(), batchId: batch.id, reason: "AccessPay rejected the file", actor: admin, now: NOW });
    await makeBankPayments(db(), 2_001, 18_000);
    const large = await countedRun(20_000, new Date(NOW.getTime() + 3_600_000));

    expect(large.statements).toBeLessThanOrEqual(MAX_STATEMENTS);
    expect(large.statements).toBe(small.statements);
    // Statement for statement the same work (parameters aside).
    expect(large.texts.map((t) => t.replace(/'[0-9a-f-]{36}'/g, "<id>"))).toEqual(
      small.texts.map((t) => t.replace(/'[0-9a-f-]{36}'/g, "<id>")),
    );

    // The streamed file is the pure formatter's, byte for byte, for the first lines (spot check).
    const first = await db().fileLine.findMany({
      where: { batch: { runId: large.summary.runId! } },
      orderBy: { lineNo: "asc" },
      take: 3,
      include: { payment: true },
    });
    expect(first.map((l) => l.payment.reference)).toEqual(["T000001-01", "T000002-01", "T000003-01"]);
    expect(
      large.csv.startsWith(
        formatAccessPay(
          first.map((l, i) => ({
            paymentId: l.paymentId,
            paymentReference: l.payment.reference,
            amountPence: l.amountPence,
            bank: DETAILS[(1 + i) % (DETAILS.length - 1)],
          })),
        ).text,
      ),
    ).toBe(true);
  });
});
