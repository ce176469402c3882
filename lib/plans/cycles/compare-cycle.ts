import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { fetchLimit, keysetPage, keysetStart, readOrder, type KeysetPage } from "@/lib/pagination/keyset";
import { comparisonFromGroups, type ChangeGroup, type ChangeKind, type PayrollComparison } from "./rules/compare-payrolls";
import { KINDS_SHOWN, type ComparisonParams } from "./rules/comparison-params";

// A cycle's payroll against the previous cycle of its plan (the latest period starting before its
// own), worked out in SQL as compare-payrolls.ts says: one FULL JOIN of the two payrolls on the
// person, grouped by kind of change, and a keyset page of the people who changed. Nothing that grows
// with the payroll comes back.

export type PreviousCycle = { id: string; periodStart: string; periodEnd: string; status: string };

export type ChangeRow = {
  personId: string;
  personReference: string;
  personName: string;
  kind: ChangeKind;
  previousPence: number;
  currentPence: number;
  changePence: number;
  currentCarriedPence: number;
  previousReference: string | null;
  currentReference: string | null;
};

export async function findPreviousCycle(db: SqlTx, cycleId: string): Promise<PreviousCycle | null> {
  const [previous] = await db.$queryRaw<PreviousCycle[]>`
    SELECT p.id, p."periodStart"::text AS "periodStart", p."periodEnd"::text AS "periodEnd", p.status::text AS status
    FROM "PaymentCycle" c JOIN "PaymentCycle" p ON p."paymentPlanId" = c."paymentPlanId" AND p."periodStart" < c."periodStart"
    WHERE c.id = ${cycleId}::uuid
    ORDER BY p."periodStart" DESC LIMIT 1`;
  return previous ?? null;
}

/** A cycle's payments that are part of its payroll (inPayroll), each with its period and carried-over money. */
function payrollSide(cycleId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT p."personId" AS person_id, p.reference, p."amountPence" - coalesce(k.pence, 0) AS period, coalesce(k.pence, 0) AS carried
    FROM "Payment" p
    LEFT JOIN (SELECT l."paymentId", sum(l."amountPence") AS pence
               FROM "PaymentLine" l JOIN "Payment" q ON q.id = l."paymentId"
               WHERE q."cycleId" = ${cycleId}::uuid AND l.kind = 'CARRIED_OVER' GROUP BY l."paymentId") k ON k."paymentId" = p.id
    WHERE p."cycleId" = ${cycleId}::uuid AND NOT (p.status = 'CANCELLED' AND p."sentAt" IS NULL)`;
}

/** Each person in either payroll with their period amounts (0 when none or not positive) and kind of change. */
function pairs(cycleId: string, previousId: string): Prisma.Sql {
  return Prisma.sql`
    WITH cur AS (${payrollSide(cycleId)}), prev AS (${payrollSide(previousId)}),
    amounts AS (
      SELECT coalesce(c.person_id, v.person_id) AS person_id, c.reference AS current_reference, v.reference AS previous_reference,
             greatest(coalesce(v.period, 0), 0) AS previous_pence, greatest(coalesce(c.period, 0), 0) AS current_pence,
             coalesce(v.carried, 0) AS previous_carried, coalesce(c.carried, 0) AS current_carried
      FROM cur c FULL JOIN prev v ON v.person_id = c.person_id
    )
    SELECT a.*, CASE WHEN a.previous_pence = 0 AND a.current_pence = 0 THEN 'CARRIED_ONLY'
                     WHEN a.previous_pence = 0 THEN 'JOINED' WHEN a.current_pence = 0 THEN 'LEFT'
                     WHEN a.current_pence > a.previous_pence THEN 'UP' WHEN a.current_pence < a.previous_pence THEN 'DOWN'
                     ELSE 'UNCHANGED' END AS kind
    FROM amounts a`;
}

export async function compareCycle(db: SqlTx, options: { cycleId: string; previousId: string }): Promise<PayrollComparison> {
  type GroupRow = { kind: ChangeKind; people: number } & Record<Exclude<keyof ChangeGroup, "kind" | "people">, bigint>;
  const groups = await db.$queryRaw<GroupRow[]>`
    SELECT kind, count(*)::int AS people, sum(previous_pence)::bigint AS "previousPence", sum(current_pence)::bigint AS "currentPence",
           sum(previous_carried)::bigint AS "previousCarriedPence", sum(current_carried)::bigint AS "currentCarriedPence"
    FROM (${pairs(options.cycleId, options.previousId)}) x GROUP BY kind`;
  return comparisonFromGroups(
    groups.map((g) => ({
      kind: g.kind,
      people: g.people,
      previousPence: Number(g.previousPence),
      currentPence: Number(g.currentPence),
      previousCarriedPence: Number(g.previousCarriedPence),
      currentCarriedPence: Number(g.currentCarriedPence),
    })),
  );
}

/** A page of the people whose period amount changed (or of one kind), by person reference. */
export async function listChanges(
  db: SqlTx,
  options: { cycleId: string; previousId: string; params: ComparisonParams; pageSize: number },
): Promise<KeysetPage<ChangeRow, string>> {
  const { params, pageSize } = options;
  const start = keysetStart({ next: params.after, previous: params.before });
  const order = readOrder("asc", start.backwards);
  const kinds = KINDS_SHOWN[params.changes ?? "all"];
  const where: Prisma.Sql[] = [Prisma.sql`x.kind = ANY(${kinds as string[]}::text[])`];
  if (start.cursor) {
    where.push(
      order === "asc"
        ? Prisma.sql`pr.reference COLLATE "C" > ${start.cursor}`
        : Prisma.sql`pr.reference COLLATE "C" < ${start.cursor}`,
    );
  }
  const rows = await db.$queryRaw<(ChangeRow & { previousPence: bigint; currentPence: bigint; currentCarriedPence: bigint })[]>`
    SELECT x.person_id AS "personId", pr.reference AS "personReference", pr."firstName" || ' ' || pr."lastName" AS "personName",
           x.kind, x.previous_pence::bigint AS "previousPence", x.current_pence::bigint AS "currentPence",
           x.current_carried::bigint AS "currentCarriedPence",
           x.previous_reference AS "previousReference", x.current_reference AS "currentReference"
    FROM (${pairs(options.cycleId, options.previousId)}) x JOIN "Claimant" pr ON pr.id = x.person_id
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY pr.reference COLLATE "C" ${order === "asc" ? Prisma.raw("ASC") : Prisma.raw("DESC")}
    LIMIT ${fetchLimit(pageSize)}`;
  const typed = rows.map((r) => {
    const previousPence = Number(r.previousPence);
    const currentPence = Number(r.currentPence);
    return {
      ...r,
      previousPence,
      currentPence,
      changePence: currentPence - previousPence,
      currentCarriedPence: Number(r.currentCarriedPence),
    };
  });
  return keysetPage(typed, { pageSize, start, cursorOf: (r) => r.personReference });
}
