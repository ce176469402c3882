import { Prisma } from "@/lib/generated/prisma/client";
import { beyondCursor, keysetStart, readOrder, type SortDir } from "@/lib/pagination/keyset";
import type { ClaimCursor } from "./claim-list-cursor";
import type { ClaimListParams } from "./claim-list-params";
import type { ClaimSort } from "./claim-list-sort";
import type { NameSearch } from "./claim-search";

// The claim list as one SQL statement. Keyset pagination only: a page starts from the previous
// page's last (or first) row's sort key with a row comparison, so page 2,000 costs what page 1
// costs. Never OFFSET: it reads and throws away every row before the page.
//
// Shape: an inner query picks the page's claim ids in index order (LIMIT inside, so the planner can
// stop early); the outer query adds names, totals and the latest payment for those rows only.

const { sql, join, raw, empty } = Prisma;
type Sql = Prisma.Sql;

/** Names compared lower-cased in the "C" collation: byte order, which is what the expression
 * indexes on "Claimant" hold (migration 20261122200000_claim_list_indexes). The expression must
 * match the index's exactly for the planner to use it, so it is written once, here. */
export const LAST_NAME_KEY = sql`(lower(cl."lastName") COLLATE "C")`;
export const FIRST_NAME_KEY = sql`(lower(cl."firstName") COLLATE "C")`;

type SortSpec = { columns: Sql[]; casts: string[]; joinsClaimant: boolean };

const sortSpecs: Record<ClaimSort, SortSpec> = {
  received: { columns: [sql`c."createdAt"`, sql`c.id`], casts: ["timestamp(3)", "uuid"], joinsClaimant: false },
  eventDate: { columns: [sql`c."eventDate"`, sql`c.id`], casts: ["date", "uuid"], joinsClaimant: false },
  reference: { columns: [sql`c.reference`], casts: ["text"], joinsClaimant: false },
  claimant: { columns: [LAST_NAME_KEY, FIRST_NAME_KEY, sql`c.id`], casts: ["text", "text", "uuid"], joinsClaimant: true },
};

/** The filter after the search text has been resolved to one kind (see list-claims.ts). */
export type ResolvedSearch =
  { kind: "claimReference" | "paymentReference"; reference: string } | { kind: "name"; name: NameSearch };

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

function nameCondition(name: NameSearch): Sql {
  const arms = [startsWith(LAST_NAME_KEY, name.whole), startsWith(FIRST_NAME_KEY, name.whole)];
  if (name.head && name.tail) {
    arms.push(sql`(${startsWith(FIRST_NAME_KEY, name.head)} AND ${startsWith(LAST_NAME_KEY, name.tail)})`);
    arms.push(sql`(${startsWith(LAST_NAME_KEY, name.head)} AND ${startsWith(FIRST_NAME_KEY, name.tail)})`);
  }
  return sql`(${join(arms, " OR ")})`;
}

function searchCondition(search: ResolvedSearch): Sql {
  switch (search.kind) {
    case "claimReference":
      return sql`c.reference = ${search.reference}`;
    case "paymentReference":
      return sql`c.id IN (SELECT p."claimId" FROM "Payment" p WHERE p.reference = ${search.reference})`;
    case "name":
      return nameCondition(search.name);
  }
}

function filterConditions({ params, search, userId }: ClaimListQuery): Sql[] {
  const where: Sql[] = [];
  if (params.status) where.push(sql`c.status = ${params.status}::"ClaimStatus"`);
  if (params.method) where.push(sql`c."paymentMethod" = ${params.method}::"PaymentMethod"`);
  if (params.eventFrom) where.push(sql`c."eventDate" >= ${params.eventFrom}::date`);
  if (params.eventTo) where.push(sql`c."eventDate" <= ${params.eventTo}::date`);
  if (params.assigned === "me") where.push(sql`c."assignedToId" = ${userId}::uuid`);
  if (params.assigned === "unassigned") where.push(sql`c."assignedToId" IS NULL`);
  if (params.attention) where.push(sql`c."needsAttention"`);
  if (search) where.push(searchCondition(search));
  return where;
}

const strictly = { gt: ">", lt: "<" } as const;
const orEqual = { gt: ">=", lt: "<=" } as const;

/**
 * Rows strictly beyond the cursor in the direction of travel. A row comparison over the whole key
 * is what a btree on those columns can seek to; for the claimant sort the key spans two tables, so
 * a bound on the surname alone is added for the surname index to seek with.
 */
function keysetCondition(spec: SortSpec, cursor: ClaimCursor, order: SortDir): Sql[] {
  const beyond = beyondCursor(order);
  const values = cursor.key.map((value, i) => sql`${value}::${raw(spec.casts[i])}`);
  const conditions = [sql`(${join(spec.columns, ", ")}) ${raw(strictly[beyond])} (${join(values, ", ")})`];
  if (spec.columns.length > 2) conditions.unshift(sql`${spec.columns[0]} ${raw(orEqual[beyond])} ${values[0]}`);
  return conditions;
}

function orderBy(spec: SortSpec, order: SortDir): Sql {
  const dir = raw(order === "asc" ? "ASC" : "DESC");
  return join(
    spec.columns.map((column) => sql`${column} ${dir}`),
    ", ",
  );
}

/**
 * The page query. With `before`, the rows are fetched in reverse order (nearest the cursor first)
 * and the caller turns them round; `limit` is the page size plus one, to tell whether there is more.
 */
export function claimListSql(query: ClaimListQuery): Sql {
  const { params, search, limit } = query;
  const spec = sortSpecs[params.sort];
  const { cursor, backwards } = keysetStart({ next: params.after, previous: params.before });
  const order = readOrder(params.dir, backwards);
  const where = [...filterConditions(query), ...(cursor ? keysetCondition(spec, cursor, order) : [])];
  const needsClaimant = spec.joinsClaimant || search?.kind === "name";

  return sql`
    SELECT c.id, c.reference, cl."firstName", cl."lastName",
      to_char(c."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "receivedKey",
      to_char(c."eventDate", 'YYYY-MM-DD') AS "eventDate",
      ${LAST_NAME_KEY} AS "lastNameKey", ${FIRST_NAME_KEY} AS "firstNameKey",
      c."paymentMethod"::text AS method, c.status::text AS status, c."needsAttention",
      u.name AS "assignedToName",
      lines.claimed AS "claimedPence", lines.approved AS "approvedPence",
      pay.status AS "paymentStatus", pay."holdReason"
    FROM (
      SELECT c.id
      FROM "Claim" c
      ${needsClaimant ? sql`JOIN "Claimant" cl ON cl.id = c."claimantId"` : empty}
      ${where.length ? sql`WHERE ${join(where, " AND ")}` : empty}
      ORDER BY ${orderBy(spec, order)}
      LIMIT ${limit}
    ) page
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
    ORDER BY ${orderBy(spec, order)}`;
}
