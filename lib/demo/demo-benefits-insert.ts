import { encryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { withPgTransaction, type PgTx } from "@/lib/db/pg-transaction";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { DemoBenefits } from "./demo-benefits";

// The generated benefit plan, its people, enrolments, payment plan and points, in one transaction:
// what plan managers had set up before last month's cycle. Each table is one INSERT … SELECT from a
// JSON array (one bind parameter, whatever the number of rows). Bank details are encrypted here, as
// the claims' demo data are by the seed.

type Row = Record<string, unknown>;

/** The rows into `table`, their keys naming the columns; columns they leave out take their defaults. */
async function insertRows(tx: PgTx, table: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Prisma.raw(
    Object.keys(rows[0])
      .map((c) => `"${c}"`)
      .join(", "),
  );
  const type = Prisma.raw(`"${table}"`);
  await tx.$executeRaw`
    INSERT INTO ${type} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${type}, ${JSON.stringify(rows)}::json)`;
}

export async function insertDemoBenefits(db: PrismaClient, data: DemoBenefits, key: Buffer): Promise<void> {
  await withPgTransaction(db, async (tx) => {
    await insertRows(tx, "BenefitPlan", [data.benefitPlan]);
    await insertRows(tx, "Claimant", data.people);
    await insertRows(
      tx,
      "BankDetails",
      data.bankDetails.map(({ id, claimantId, createdAt, updatedAt, sortCode, accountNumber, nameOnAccount, rollNumber }) => ({
        id,
        claimantId,
        ciphertext: encryptBankDetails({ sortCode, accountNumber, nameOnAccount, rollNumber }, key),
        createdAt,
        updatedAt,
      })),
    );
    await insertRows(tx, "Enrolment", data.enrolments);
    await insertRows(tx, "EnrolmentAttributes", data.enrolmentAttributes);
    await insertRows(tx, "PaymentPlan", [data.paymentPlan]);
    await insertRows(tx, "PaymentPlanVersion", [data.paymentPlanVersion]);
    await insertRows(tx, "PaymentPoint", data.paymentPoints);
  });
}
