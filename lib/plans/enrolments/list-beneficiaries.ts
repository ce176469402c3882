import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PaymentMethod } from "@/lib/generated/prisma/enums";
import { beyondCursor, fetchLimit, keysetPage, keysetStart, readOrder } from "@/lib/pagination/keyset";
import type { BeneficiaryCursor, BeneficiaryListParams } from "./beneficiary-list-params";

export const BENEFICIARY_PAGE_SIZE = 50;

export type BeneficiaryRow = {
  enrolmentId: string;
  personReference: string;
  name: string;
  paymentMethod: PaymentMethod;
  pendingPaymentMethod: PaymentMethod | null;
  bankDetailsPending: boolean;
  enrolledFrom: string;
  enrolledTo: string | null;
  endReason: string | null;
  /** Sort keys, for the cursor. */
  last: string;
  first: string;
};

// Case-insensitive name order; COLLATE "C" so the order and the cursor comparison agree on any
// database locale.
const LAST = Prisma.sql`lower(c."lastName") COLLATE "C"`;
const FIRST = Prisma.sql`lower(c."firstName") COLLATE "C"`;

/** One page of a plan's beneficiaries, by last then first name, keyset-paged; filters from the URL. */
export async function listBeneficiaries(
  db: Db,
  benefitPlanId: string,
  params: BeneficiaryListParams,
  pageSize = BENEFICIARY_PAGE_SIZE,
) {
  const start = keysetStart({ next: params.after, previous: params.before });
  const order = readOrder("asc", start.backwards);
  const op = Prisma.raw(beyondCursor(order) === "gt" ? ">" : "<");
  const dir = Prisma.raw(order === "asc" ? "ASC" : "DESC");
  const where: Prisma.Sql[] = [Prisma.sql`e."benefitPlanId" = ${benefitPlanId}::uuid`];
  if (params.name) {
    const pattern = `%${params.name.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(Prisma.sql`(c."firstName" || ' ' || c."lastName") ILIKE ${pattern}`);
  }
  if (params.reference) where.push(Prisma.sql`c.reference = ${params.reference}`);
  if (params.method) where.push(Prisma.sql`e."paymentMethod" = ${params.method}::"PaymentMethod"`);
  if (params.activeOn) {
    where.push(
      Prisma.sql`e."enrolledFrom" <= ${params.activeOn}::date AND (e."enrolledTo" IS NULL OR e."enrolledTo" >= ${params.activeOn}::date)`,
    );
  }
  const cursor: BeneficiaryCursor | undefined = start.cursor;
  if (cursor) where.push(Prisma.sql`(${LAST}, ${FIRST}, e.id) ${op} (${cursor.last}, ${cursor.first}, ${cursor.id}::uuid)`);
  const rows = await db.$queryRaw<BeneficiaryRow[]>`
    SELECT e.id AS "enrolmentId", c.reference AS "personReference", c."firstName" || ' ' || c."lastName" AS name,
           e."paymentMethod"::text AS "paymentMethod", e."pendingPaymentMethod"::text AS "pendingPaymentMethod",
           EXISTS (SELECT 1 FROM "BankDetailChange" b WHERE b."claimantId" = c.id AND b.status = 'PENDING') AS "bankDetailsPending",
           to_char(e."enrolledFrom", 'YYYY-MM-DD') AS "enrolledFrom", to_char(e."enrolledTo", 'YYYY-MM-DD') AS "enrolledTo",
           e."endReason", ${LAST} AS last, ${FIRST} AS first
    FROM "Enrolment" e JOIN "Claimant" c ON c.id = e."personId"
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${LAST} ${dir}, ${FIRST} ${dir}, e.id ${dir}
    LIMIT ${fetchLimit(pageSize)}`;
  return keysetPage(rows, {
    pageSize,
    start,
    cursorOf: (r): BeneficiaryCursor => ({ last: r.last, first: r.first, id: r.enrolmentId }),
  });
}
