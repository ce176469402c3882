import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { fetchLimit, keysetPage, keysetStart, readOrder, type KeysetPage } from "@/lib/pagination/keyset";
import { attributesInForce, enrolledInPeriod } from "@/lib/plans/cycles/beneficiaries-sql";
import { matchingPointIdsSql } from "./point-sql";
import type { PointBeneficiaryCursor, PointListPage } from "./rules/point-page-params";
import type { MatchablePoint } from "./rules/which-point";

// A point's beneficiaries as things stand today (docs/payment-points.md#the-points-page): everyone
// enrolled today, on the attribute values in force today, matched against the plan's points as
// they are now. "holds": those whose first matching point is this one (where the next payroll
// would put them); "overlaps": those matching this point and at least one other, wherever they go.
// Keyset-paged by person reference.

export type PointBeneficiaryRow = {
  enrolmentId: string;
  personReference: string;
  name: string;
  /** The ids of every point they match, in position order: the first is theirs. */
  matched: string[];
};

export async function listPointBeneficiaries(
  db: SqlTx,
  options: {
    benefitPlanId: string;
    pointId: string;
    points: readonly MatchablePoint[];
    /** YYYY-MM-DD, London. */
    today: string;
    list: "holds" | "overlaps";
    page: PointListPage;
    pageSize: number;
  },
): Promise<KeysetPage<PointBeneficiaryRow, PointBeneficiaryCursor> & { count: number }> {
  const { benefitPlanId, pointId, points, today, page, pageSize } = options;
  const start = keysetStart({ next: page.after, previous: page.before });
  const order = readOrder("asc", start.backwards);
  const dir = Prisma.raw(order === "asc" ? "ASC" : "DESC");
  const key = Prisma.sql`(l."personReference" COLLATE "C", l."enrolmentId")`;
  const beyond = start.cursor
    ? Prisma.sql`${key} ${Prisma.raw(order === "asc" ? ">" : "<")} (${start.cursor.reference} COLLATE "C", ${start.cursor.id}::uuid)`
    : Prisma.sql`true`;
  const listed =
    options.list === "holds"
      ? Prisma.sql`m.matched[1] = ${pointId}::uuid`
      : Prisma.sql`${pointId}::uuid = ANY (m.matched) AND cardinality(m.matched) >= 2`;
  // OFFSET 0: each beneficiary's attribute set is looked up once, not once per filter that reads it,
  // and their filters evaluated once, however often `matched` is read.
  const [result] = await db.$queryRaw<{ count: number; rows: PointBeneficiaryRow[] | null }[]>`
    WITH d AS (
      SELECT e.id AS "enrolmentId", coalesce(c.reference, '') AS "personReference", c."firstName" || ' ' || c."lastName" AS name,
             ${attributesInForce(today)} AS attributes
      FROM "Enrolment" e JOIN "Claimant" c ON c.id = e."personId"
      WHERE e."benefitPlanId" = ${benefitPlanId}::uuid AND ${enrolledInPeriod(today, today)}
      OFFSET 0
    ),
    m AS (
      SELECT d."enrolmentId", d."personReference", d.name, ${matchingPointIdsSql(points, Prisma.sql`d.attributes`)} AS matched
      FROM d OFFSET 0
    ),
    l AS (SELECT * FROM m WHERE ${listed})
    SELECT (SELECT count(*)::int FROM l) AS count,
           (SELECT json_agg(p ORDER BY p."personReference" COLLATE "C" ${dir}, p."enrolmentId" ${dir}) FROM (
              SELECT l.* FROM l WHERE ${beyond}
              ORDER BY l."personReference" COLLATE "C" ${dir}, l."enrolmentId" ${dir} LIMIT ${fetchLimit(pageSize)}) p) AS rows`;
  const paged = keysetPage(result.rows ?? [], {
    pageSize,
    start,
    cursorOf: (r): PointBeneficiaryCursor => ({ reference: r.personReference, id: r.enrolmentId }),
  });
  return { ...paged, count: result.count };
}
