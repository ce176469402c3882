// The row-by-row baseline, as older systems apply a failed-payments file: one ORM update per
// payment, each its own statement, timed on baselineRows rows and scaled to N.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../lib/generated/prisma/client.ts";
import { scaleToRows } from "./stats.mts";
import { timed, type Measured, type StepInput } from "./step-support.mts";

/** One ORM update per payment, each its own statement, as older systems apply such a file; scaled to N. */
export async function uploadBaseline(input: StepInput): Promise<Measured> {
  const rows = input.baselineRows ?? 10_000;
  // Each connection opens with the one-owner guard's flag on: the baseline has no movePayments.
  const pool = new pg.Pool({ connectionString: input.url, max: 1, options: "-c disburse.payment_owner=on" });
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  try {
    const ids = (
      await pool.query<{ id: string }>(`SELECT id FROM "Payment" WHERE status = 'SENT' ORDER BY reference LIMIT $1`, [rows])
    ).rows;
    const now = new Date(input.now);
    const { ms, startRssMB } = await timed(async () => {
      for (const { id } of ids) {
        await db.payment.update({ where: { id }, data: { status: "FAILED", failedAt: now, failureReason: "Account closed" } });
      }
    });
    return { ms, startRssMB, detail: { rows: ids.length, measuredMs: ms, scaledMs: scaleToRows(ms, ids.length, input.n) } };
  } finally {
    await db.$disconnect();
    await pool.end();
  }
}
