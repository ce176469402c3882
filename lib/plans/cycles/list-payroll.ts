import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { fetchLimit, keysetPage, keysetStart, readOrder, type KeysetPage } from "@/lib/pagination/keyset";
import { NO_POINT, type PayrollParams } from "./rules/payroll-params";

// A page of a cycle's payroll, in payment-reference order (keyset: the reference is unique), with
// the search and filters of the URL. A payment point's payroll page is this list filtered to the point.

export type PayrollRow = {
  id: string;
  reference: string;
  personReference: string | null;
  personName: string;
  method: "BANK" | "CASH";
  amountPence: number;
  status: string;
  holdReason: string | null;
  cancelReason: string | null;
  /** The payment point it was given when the payroll was built; null: none. */
  pointName: string | null;
};

function likePrefix(text: string): string {
  return `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listPayroll(
  db: SqlTx,
  options: { cycleId: string; params: PayrollParams; pageSize: number },
): Promise<KeysetPage<PayrollRow, string>> {
  const { cycleId, params, pageSize } = options;
  const start = keysetStart({ next: params.after, previous: params.before });
  const order = readOrder("asc", start.backwards);
  const where: Prisma.Sql[] = [Prisma.sql`p."cycleId" = ${cycleId}::uuid`];
  if (params.status) where.push(Prisma.sql`p.status = ${params.status}::"PaymentStatus"`);
  if (params.method) where.push(Prisma.sql`p.method = ${params.method}::"PaymentMethod"`);
  if (params.point === NO_POINT) where.push(Prisma.sql`p."paymentPointId" IS NULL`);
  else if (params.point) where.push(Prisma.sql`p."paymentPointId" = ${params.point}::uuid`);
  if (params.q) {
    const upper = params.q.toUpperCase();
    where.push(Prisma.sql`(pr.reference = ${upper} OR p.reference = ${upper}
      OR lower(pr."lastName") LIKE ${likePrefix(params.q)}
      OR lower(pr."firstName" || ' ' || pr."lastName") LIKE ${likePrefix(params.q)})`);
  }
  if (start.cursor) {
    where.push(
      order === "asc"
        ? Prisma.sql`p.reference COLLATE "C" > ${start.cursor}`
        : Prisma.sql`p.reference COLLATE "C" < ${start.cursor}`,
    );
  }
  const rows = await db.$queryRaw<PayrollRow[]>`
    SELECT p.id, p.reference, pr.reference AS "personReference", pr."firstName" || ' ' || pr."lastName" AS "personName",
           p.method::text AS method, p."amountPence", p.status::text AS status, p."holdReason"::text AS "holdReason",
           p."cancelReason", pt.name AS "pointName"
    FROM "Payment" p JOIN "Claimant" pr ON pr.id = p."personId" LEFT JOIN "PaymentPoint" pt ON pt.id = p."paymentPointId"
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY p.reference COLLATE "C" ${order === "asc" ? Prisma.raw("ASC") : Prisma.raw("DESC")}
    LIMIT ${fetchLimit(pageSize)}`;
  return keysetPage(rows, { pageSize, start, cursorOf: (r) => r.reference });
}
