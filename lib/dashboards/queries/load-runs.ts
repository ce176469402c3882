import type { Db } from "@/lib/db";
import type { RunRow } from "../run-series";
import { utcInstant } from "./sql-time";

/** Runs of both kinds started since `from`, read on the (kind, startedAt) index. */
export async function loadRuns(db: Db, from: Date): Promise<RunRow[]> {
  const rows = await db.$queryRaw<(Omit<RunRow, "totalPence"> & { totalPence: bigint })[]>`
    SELECT id, kind, status, "startedAt" AS "startedAt", "paymentCount" AS "paymentCount", "totalPence" AS "totalPence"
    FROM "Run"
    WHERE kind IN ('DIRECT_PAYMENTS', 'PAYOUT') AND "startedAt" >= ${utcInstant(from)}
    ORDER BY "startedAt", id`;
  return rows.map((r) => ({ ...r, totalPence: Number(r.totalPence) }));
}
