import { Prisma } from "@/lib/generated/prisma/client";
import { beyondCursor, keysetStart, readOrder, type SortDir } from "@/lib/pagination/keyset";
import type { ClaimCursor } from "./claim-list-cursor";
import type { ClaimListParams } from "./claim-list-params";
import type { ClaimSort } from "./claim-list-sort";
import type { NameSearch } from "./claim-search";
import { OPEN_CLAIM_STATUSES } from "./open-claims";
import type { VoucherState } from "./voucher-filter";

// The claim list as one SQL statement. Keyset pagination only: a page starts from the previous
// page's last (or first) row's sort key with a row comparison, so page 2,000 costs what page 1
// costs. Never OFFSET: it reads and throws away every row before the page.
//
// Shape: an inner query picks the page's claim ids in index order (LIMIT inside, so the planner can
// stop early); the outer query adds totals, the assignee and the latest payment for those rows only.
//
// Everything the inner query filters and sorts on is a column of "Claim", the claimant's names
// included (copied there by a trigger, migration 20261128100000_claim_list_at_scale), so that each
// order is a btree on the sort key and the claim id alone, or with a status or an assignee in
// front, or partial for "unassigned" and "needs attention" (the indexes of that migration): the
// planner reads it from the cursor and stops after a page, whatever the filters. A name search is
// one read per way the text can match (surname, first name, first and last, last and first), each
// in the list's order with its own LIMIT, merged: a single OR over them could use no index in the
// list's order. Open claims (the default view) are read the same way, one read per open status on
// the index with that status in front, merged: "status IN (…)" could use no index in the list's order.

const { sql, join, raw, empty } = Prisma;
type Sql = Prisma.Sql;

/** Names compared lower-cased in the "C" collation: byte order, which is what the claim list's
 * expression indexes on "Claim" hold (migration 20261128100000_claim_list_at_scale). The expression
 * must match the index's exactly for the planner to use it, so it is written once, here. */
export const LAST_NAME_KEY = sql`(lower(c."claimantLastName") COLLATE "C")`;
export const FIRST_NAME_KEY = sql`(lower(c."claimantFirstName") COLLATE "C")`;

type SortSpec = { columns: Sql[]; casts: string[] };

const sortSpecs: Record<ClaimSort, SortSpec> = {
  received: { columns: [sql`c."createdAt"`, sql`c.id`], casts: ["timestamp(3)", "uuid"] },
  eventDate: { columns: [sql`c."eventDate"`, sql`c.id`], casts: ["date", "uuid"] },
  reference: { columns: [sql`c.reference`], casts: ["text"] },
  claimant: { columns: [LAST_NAME_KEY, FIRST_NAME_KEY, sql`c.id`], casts: ["text", "text", "uuid"] },
};

/** The filter after the search text has been resolved to one kind (see list-claims.ts). */
export type ResolvedSearch =
  | { kind: "claimReference" | "paymentReference"; reference: string }
  | { kind: "prisonerNumber"; prisonerNumber: string }
  | { kind: "name"; name: NameSearch };

export type ClaimListQuery = {
  params: ClaimListParams;
  search?: ResolvedSearch;
  userId: string;
  limit: number;
};

/**
 * The pattern goes through the database's lower() as the names do, so both are folded the same way
 * whatever the database's locale. lower() of a parameter is folded to a constant when the query is
 * planned, and a constant prefix is what lets the planner turn LIKE into an index range.
 */
function startsWith(key: Sql, pattern: string): Sql {
  return sql`${key} LIKE lower(${pattern})`;
}

/** One way a name search matches: a prefix of the surname, of the first name, or of both. */
type NameArm = { last?: string; first?: string };

/** The ways a name search matches; the list reads each arm on its own. */
function nameArms(name: NameSearch): NameArm[] {
  const arms: NameArm[] = [{ last: name.whole }, { first: name.whole }];
  if (name.head && name.tail) arms.push({ first: name.head, last: name.tail }, { last: name.head, first: name.tail });
  return arms;
}

function armConditions(arm: NameArm): Sql[] {
  return [
    ...(arm.last ? [startsWith(LAST_NAME_KEY, arm.last)] : []),
    ...(arm.first ? [startsWith(FIRST_NAME_KEY, arm.first)] : []),
  ];
}

/** A reference search as a condition; a name search is read arm by arm instead (see pageIds). */
function referenceCondition(search: ResolvedSearch): Sql | undefined {
  switch (search.kind) {
    case "claimReference":
      return sql`c.reference = ${search.reference}`;
    case "paymentReference":
      return sql`c.id IN (SELECT p."claimId" FROM "Payment" p WHERE p.reference = ${search.reference})`;
    case "prisonerNumber":
      return sql`c.id IN (SELECT v."claimId" FROM "ClaimVisit" v WHERE v."prisonerNumber" = ${search.prisonerNumber})`;
    case "name":
      return undefined;
  }
}

const STATE_SQL: Record<VoucherState, Sql> = {
  waiting: sql`p.status = 'NEW'`,
  sent: sql`p.status = 'SENT' AND p."paymentCode" IS NULL`,
  coded: sql`p.status = 'SENT' AND p."paymentCode" IS NOT NULL`,
  cashed: sql`p.status = 'CASHED'`,
  expired: sql`p.status = 'EXPIRED'`,
  cancelled: sql`p.status = 'CANCELLED'`,
};

/**
 * The voucher filter's condition on "Claim" c: its latest cash payment is in the state. An EXISTS on
 * the claim's payments (index on "claimId"), and the "not replaced" test on the unique index on
 * "replacesId": a few index probes per claim the list reads, so the list's own index order and
 * LIMIT still decide how much it reads.
 */
function voucherCondition(state: VoucherState): Sql {
  return sql`EXISTS (
    SELECT 1 FROM "Payment" p
    WHERE p."claimId" = c.id AND p.method = 'CASH' AND ${STATE_SQL[state]}
      AND NOT EXISTS (SELECT 1 FROM "Payment" r WHERE r."replacesId" = p.id))`;
}

const statusEquals = (status: string) => sql`c.status = ${status}::"ClaimStatus"`;

/** Open claims with a search: the search is the narrow part, so the open statuses are a plain filter. */
const OPEN_CONDITION = sql`c.status IN (${join(
  OPEN_CLAIM_STATUSES.map((s) => sql`${s}::"ClaimStatus"`),
  ", ",
)})`;

/** Open claims without a search: one condition per status, each read on its own (see pageIds). */
function statusArms({ params, search }: ClaimListQuery): Sql[] | undefined {
  return params.status === "OPEN" && !search ? OPEN_CLAIM_STATUSES.map(statusEquals) : undefined;
}

function filterConditions({ params, search, userId }: ClaimListQuery): Sql[] {
  const where: Sql[] = [];
  if (params.status === "OPEN") {
    if (search) where.push(OPEN_CONDITION);
  } else if (params.status) where.push(statusEquals(params.status));
  if (params.method) where.push(sql`c."paymentMethod" = ${params.method}::"PaymentMethod"`);
  if (params.eventFrom) where.push(sql`c."eventDate" >= ${params.eventFrom}::date`);
  if (params.eventTo) where.push(sql`c."eventDate" <= ${params.eventTo}::date`);
  if (params.assigned === "me") where.push(sql`c."assignedToId" = ${userId}::uuid`);
  if (params.assigned === "unassigned") where.push(sql`c."assignedToId" IS NULL`);
  if (params.attention) where.push(sql`c."needsAttention"`);
  if (params.voucher) where.push(voucherCondition(params.voucher));
  const reference = search && referenceCondition(search);
  if (reference) where.push(reference);
  return where;
}

const strictly = { gt: ">", lt: "<" } as const;

function cursorValues(spec: SortSpec, cursor: ClaimCursor): Sql[] {
  return cursor.key.map((value, i) => sql`${value}::${raw(spec.casts[i])}`);
}

/**
 * Rows strictly beyond the cursor in the direction of travel: one row comparison over the whole
 * key, which a btree on those columns (after any equality columns in front) seeks to.
 */
function keysetCondition(spec: SortSpec, cursor: ClaimCursor, order: SortDir): Sql {
  const op = raw(strictly[beyondCursor(order)]);
  return sql`(${join(spec.columns, ", ")}) ${op} (${join(cursorValues(spec, cursor), ", ")})`;
}

/**
 * One arm of a name search in claimant order past the first page, as index ranges that together
 * hold exactly the arm's rows beyond the cursor (surname, first name, id): the rest of the cursor's
 * own first name, the first names beyond it within its surname, and the surnames beyond it. Each is
 * equalities and one plain bound, which a btree combines with the arm's name prefix on the same
 * column and starts from the tighter of the two. (Given a row comparison, it starts from that,
 * however far from the prefix.) Where a range fixes a name, the arm's prefix on it is a test of the
 * cursor's value alone, which the planner checks once, skipping the read when it fails.
 */
function claimantArmRanges(spec: SortSpec, cursor: ClaimCursor, order: SortDir, arm: NameArm): Sql[][] {
  const op = raw(strictly[beyondCursor(order)]);
  const values = cursorValues(spec, cursor);
  const [lastValue, firstValue] = values;
  return spec.columns.map((column, fixed) => [
    ...spec.columns.slice(0, fixed).map((fixedColumn, i) => sql`${fixedColumn} = ${values[i]}`),
    sql`${column} ${op} ${values[fixed]}`,
    ...(arm.last ? [startsWith(fixed > 0 ? lastValue : LAST_NAME_KEY, arm.last)] : []),
    ...(arm.first ? [startsWith(fixed > 1 ? firstValue : FIRST_NAME_KEY, arm.first)] : []),
  ]);
}

/**
 * The ids of the page's rows: one read in index order, or for a name search one per arm (see
 * claimantArmRanges for claimant order), each with the page's LIMIT, merged (UNION drops a claim
 * two arms both found) and cut to the page again.
 */
function pageIds(query: ClaimListQuery, spec: SortSpec, order: SortDir, cursor: ClaimCursor | undefined): Sql {
  const { params, search, limit } = query;
  const filters = filterConditions(query);
  const read = (conditions: Sql[], columns: Sql) => sql`
      SELECT ${columns}
      FROM "Claim" c
      ${conditions.length ? sql`WHERE ${join(conditions, " AND ")}` : empty}
      ORDER BY ${orderBy(spec.columns, order)}
      LIMIT ${limit}`;
  const keyset = cursor ? [keysetCondition(spec, cursor, order)] : [];
  const byStatus = statusArms(query);
  if (search?.kind !== "name" && !byStatus) return read([...filters, ...keyset], sql`c.id`);

  const keys = spec.columns.map((_, i) => raw(`arms.k${i}`));
  const columns = join([sql`c.id`, ...spec.columns.map((column, i) => sql`${column} AS ${raw(`k${i}`)}`)], ", ");
  const reads =
    search?.kind === "name"
      ? nameArms(search.name).flatMap((arm) =>
          cursor && params.sort === "claimant"
            ? claimantArmRanges(spec, cursor, order, arm).map((range) => read([...filters, ...range], columns))
            : [read([...filters, ...armConditions(arm), ...keyset], columns)],
        )
      : (byStatus ?? []).map((status) => read([status, ...filters, ...keyset], columns));
  return sql`
      SELECT arms.id
      FROM (${join(
        reads.map((r) => sql`(${r})`),
        " UNION ",
      )}) arms
      ORDER BY ${orderBy(keys, order)}
      LIMIT ${limit}`;
}

function orderBy(columns: Sql[], order: SortDir): Sql {
  const dir = raw(order === "asc" ? "ASC" : "DESC");
  return join(
    columns.map((column) => sql`${column} ${dir}`),
    ", ",
  );
}

/**
 * The page query. With `before`, the rows are fetched in reverse order (nearest the cursor first)
 * and the caller turns them round; `limit` is the page size plus one, to tell whether there is more.
 */
export function claimListSql(query: ClaimListQuery): Sql {
  const spec = sortSpecs[query.params.sort];
  const { cursor, backwards } = keysetStart({ next: query.params.after, previous: query.params.before });
  const order = readOrder(query.params.dir, backwards);

  return sql`
    SELECT c.id, c.reference, c."claimantFirstName" AS "firstName", c."claimantLastName" AS "lastName",
      to_char(c."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "receivedKey",
      to_char(c."eventDate", 'YYYY-MM-DD') AS "eventDate",
      ${LAST_NAME_KEY} AS "lastNameKey", ${FIRST_NAME_KEY} AS "firstNameKey",
      c."paymentMethod"::text AS method, c.status::text AS status, c."needsAttention",
      u.name AS "assignedToName",
      to_char(cl."dateOfBirth", 'YYYY-MM-DD') AS "dateOfBirth", cl.postcode, c."claimantId",
      lines.claimed AS "claimedPence", lines.approved AS "approvedPence",
      pay.status AS "paymentStatus", pay."holdReason"
    FROM (${pageIds(query, spec, order, cursor)}) page
    JOIN "Claim" c ON c.id = page.id
    JOIN "Claimant" cl ON cl.id = c."claimantId"
    LEFT JOIN "User" u ON u.id = c."assignedToId"
    LEFT JOIN LATERAL (
      SELECT COALESCE(SUM(e."claimedPence"), 0)::bigint AS claimed, SUM(e."approvedPence")::bigint AS approved
      FROM "ExpenseLine" e WHERE e."claimId" = c.id
    ) lines ON true
    LEFT JOIN LATERAL (
      SELECT p.status::text AS status, p."holdReason"::text AS "holdReason"
      FROM "Payment" p WHERE p."claimId" = c.id
      ORDER BY p."createdAt" DESC, p.id DESC
      LIMIT 1
    ) pay ON true
    ORDER BY ${orderBy(spec.columns, order)}`;
}
