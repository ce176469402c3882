import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { HoldReason, PaymentMethod, PaymentStatus } from "@/lib/generated/prisma/enums";
import { fetchLimit, keysetPage, keysetStart, readOrder, type InstantCursor } from "@/lib/pagination/keyset";
import { parsePaymentSearch } from "./parse-payment-search";
import {
  cursorCondition,
  fileLineLateral,
  paymentsMatching,
  preferredFileName,
  type ResolvedPaymentSearch,
} from "./payment-filter-sql";
import type { PaymentListParams } from "./payment-list-params";

// The payments list (/payments, docs/payment-search.md#the-payments-list): one page of the payments
// the search and filters find, newest first, by keyset on ("createdAt", id). The page's ids are
// picked in index order with the LIMIT inside; the claim and the file line are joined to those rows only.

const { sql, raw } = Prisma;

export type PaymentListRow = {
  id: string;
  reference: string;
  method: PaymentMethod;
  status: PaymentStatus;
  holdReason: HoldReason | null;
  amountPence: number;
  /** ISO 8601 in UTC. */
  createdAt: string;
  claimReference: string | null;
  /** The payment's line in a payment file (the searched file's first), if it was ever put in one. */
  fileLine: { fileName: string; lineNo: number; isVoid: boolean } | null;
};

export type PaymentListPage = { rows: PaymentListRow[]; nextCursor?: InstantCursor; previousCursor?: InstantCursor };

/**
 * The search text as one kind, asking the database only whose a seven-character reference is: a
 * claim's (one probe of its unique index) or else a person's. Undefined without a search.
 */
export async function resolvePaymentSearch(db: SqlTx, q: string | undefined): Promise<ResolvedPaymentSearch | undefined> {
  if (!q) return undefined;
  const search = parsePaymentSearch(q);
  if (search.kind !== "claimReference") return search;
  const [claim] = await db.$queryRaw<{ found: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "Claim" WHERE reference = ${search.reference}) AS found`;
  return { ...search, of: claim?.found ? "claim" : "person" };
}

type RawRow = Omit<PaymentListRow, "fileLine"> & { fileName: string | null; lineNo: number | null; isVoid: boolean | null };

/** The page query for these options, e.g. to EXPLAIN it. */
export function listPaymentsSql(options: {
  params: PaymentListParams;
  search: ResolvedPaymentSearch | undefined;
  limit: number;
}): Prisma.Sql {
  const { params, search, limit } = options;
  const start = keysetStart({ next: params.after, previous: params.before });
  const order = readOrder("desc", start.backwards);
  const dir = raw(order === "desc" ? "DESC" : "ASC");
  const { from, where } = paymentsMatching(params, search);
  return sql`
    SELECT p.id::text AS id, p.reference, p.method::text AS method, p.status::text AS status,
           p."holdReason"::text AS "holdReason", p."amountPence",
           to_char(p."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
           cl.reference AS "claimReference", fl."fileName", fl."lineNo", fl."isVoid"
    FROM (
      SELECT p.* FROM ${from}
      WHERE ${where} AND ${cursorCondition(start.cursor, order)}
      ORDER BY p."createdAt" ${dir}, p.id ${dir}
      LIMIT ${limit}
    ) p
    LEFT JOIN "Claim" cl ON cl.id = p."claimId"
    ${fileLineLateral(preferredFileName(params, search))}
    ORDER BY p."createdAt" ${dir}, p.id ${dir}`;
}

function toRow(row: RawRow): PaymentListRow {
  const { fileName, lineNo, isVoid, ...rest } = row;
  return {
    ...rest,
    amountPence: Number(rest.amountPence),
    fileLine: fileName === null || lineNo === null ? null : { fileName, lineNo: Number(lineNo), isVoid: Boolean(isVoid) },
  };
}

/** One page of the payments list, with cursors for the pages either side (absent at either end). */
export async function listPayments(options: {
  db: SqlTx;
  params: PaymentListParams;
  search: ResolvedPaymentSearch | undefined;
  pageSize?: number;
}): Promise<PaymentListPage> {
  const { db, params, search, pageSize = 50 } = options;
  const fetched = await db.$queryRaw<RawRow[]>(listPaymentsSql({ params, search, limit: fetchLimit(pageSize) }));
  const start = keysetStart({ next: params.after, previous: params.before });
  const page = keysetPage(fetched, {
    pageSize,
    start,
    cursorOf: (row): InstantCursor => ({ at: new Date(row.createdAt), id: row.id }),
  });
  return { rows: page.rows.map(toRow), nextCursor: page.next, previousCursor: page.previous };
}

/**
 * Where a search goes: the payment's journey when the search (with any filters) finds exactly one,
 * else null (the list shows what it found, or that nothing matched). Reads at most two rows.
 */
export async function singleMatch(
  db: SqlTx,
  params: PaymentListParams,
  search: ResolvedPaymentSearch | undefined,
): Promise<string | null> {
  if (!search || search.kind === "unknown") return null;
  const { from, where } = paymentsMatching(params, search);
  const rows = await db.$queryRaw<{ reference: string }[]>`SELECT p.reference FROM ${from} WHERE ${where} LIMIT 2`;
  return rows.length === 1 ? rows[0].reference : null;
}
