// The Payout run is set-based and streaming: the number of SQL statements it sends does not grow
// with the number of payments (only with the number of files, one per PAYOUT_MAX_PER_FILE). Counted
// at the pg driver (every statement, whoever sends it), for a run of 2,000 payments and one of
// 8,000, each one file.
import { beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { countStatements } from "../support/count-statements";
import { useTestDatabase } from "../support/test-db";
import { NOW, outboxFiles, payout, usePayoutPlaces } from "./run-payout-test-support";

const { db } = useTestDatabase();
const places = usePayoutPlaces();

/**
 * Whatever the number of payments, a one-file Payout run that pays them takes at most this many
 * statements (docs/runs.md#payout-run: about 78, a third of them the delivery's own bookkeeping).
 */
const MAX_STATEMENTS = 80;
const CLEANED_EVERY = 100; // claimant i is O'Shea (a cleaned last name) when i % 100 = 0

/** Set-up of thousands of rows: more than Prisma's 5-second default on a busy machine. */
const SET_UP_TRANSACTION = { timeout: 120_000 } as const;

/**
 * `n` approved cash claims, each with its claimant and one NEW cash payment, made set-based
 * (INSERT … SELECT from generate_series), numbered from `from`, created in number order.
 */
async function makeCashPayments(client: PrismaClient, from: number, n: number): Promise<void> {
  await client.$transaction(async (tx) => {
    await tx.$executeRaw`
      CREATE TEMP TABLE gen ON COMMIT DROP AS
      SELECT i, gen_random_uuid() AS claimant, gen_random_uuid() AS claim, gen_random_uuid() AS payment,
             'C' || upper(lpad(to_hex(i), 6, '0')) AS reference
      FROM generate_series(${from}::int, ${from + n - 1}::int) i`;
    await tx.$executeRaw`
      INSERT INTO "Claimant" (id, "firstName", "lastName", "dateOfBirth", "addressLine1", town, postcode, country,
                              "contactPreference", "updatedAt")
      SELECT claimant, 'Ada', CASE WHEN i % ${CLEANED_EVERY} = 0 THEN 'O''Shea' ELSE 'Claimant' END,
             DATE '1985-12-10', i || ' High Street', 'Leeds', 'LS1 1AA', 'England', 'LETTER', now()
      FROM gen`;
    await tx.$executeRaw`
      INSERT INTO "Claim" (id, reference, "claimantId", status, "eventDate", "paymentMethod", source, "updatedAt")
      SELECT claim, reference, claimant, 'APPROVED', DATE '2026-11-01', 'CASH', 'API', now() FROM gen`;
    await tx.$executeRaw`
      INSERT INTO "Payment" (id, reference, "personId", "claimId", method, "amountPence", status, "createdAt", "updatedAt")
      SELECT payment, reference || '-01', claimant, claim, 'CASH', 100 + i % 9000, 'NEW',
             (${NOW.toISOString()}::timestamptz AT TIME ZONE 'UTC') - interval '1 day' + i * interval '1 millisecond', now()
      FROM gen`;
  }, SET_UP_TRANSACTION);
}

async function countedRun(n: number, now: Date) {
  const { result: summary, statements, texts } = await countStatements(() => payout(db(), places, { now }));
  expect(summary).toMatchObject({ status: "SUCCEEDED", payments: n, held: [] });
  const runId = summary.runId!;
  const [sent] = await db().$queryRaw<{ payments: number; pence: bigint }[]>`
    SELECT count(*)::int AS payments, sum(p."amountPence")::bigint AS pence
    FROM "Payment" p JOIN "FileLine" l ON l."paymentId" = p.id JOIN "Batch" b ON b.id = l."batchId"
    WHERE b."runId" = ${runId}::uuid AND p.status = 'SENT' AND NOT l."isVoid" AND p."voucherExpiresOn" IS NOT NULL`;
  expect(sent.payments).toBe(n);
  expect(summary.totalPence).toBe(Number(sent.pence));
  // The delivered file: n lines whose amounts add up to the payments sent.
  const [file] = summary.files;
  const csv = outboxFiles(places.outbox).get(file.fileName)!.toString("ascii");
  const rows = csv.trimEnd().split("\n");
  expect(rows).toHaveLength(n);
  expect(rows.reduce((sum, row) => sum + Math.round(Number(row.split(",")[0]) * 100), 0)).toBe(Number(sent.pence));
  expect(summary.warnings.filter((w) => w.kind === "VALUE_CLEANED")).toHaveLength(Math.floor(n / CLEANED_EVERY));
  return { statements, texts };
}

describe("the Payout run at scale", () => {
  beforeAll(() => makeCashPayments(db(), 1, 2_000));

  it(`takes the same statements, at most ${MAX_STATEMENTS}, for 2,000 payments as for 8,000`, { timeout: 300_000 }, async () => {
    const small = await countedRun(2_000, NOW);
    await makeCashPayments(db(), 2_001, 8_000);
    const large = await countedRun(8_000, new Date(NOW.getTime() + 3_600_000));

    expect(small.statements).toBeLessThanOrEqual(MAX_STATEMENTS);
    expect(large.statements).toBe(small.statements);
    const normalised = (texts: string[]) => texts.map((t) => t.replace(/'[0-9a-f-]{36}'/g, "<id>"));
    expect(normalised(large.texts)).toEqual(normalised(small.texts));
  });
});
