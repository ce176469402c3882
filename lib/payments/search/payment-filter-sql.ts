import { Prisma } from "@/lib/generated/prisma/client";
import { addCalendarDays, londonDayStart } from "@/lib/dates/london-date";
import type { InstantCursor, SortDir } from "@/lib/pagination/keyset";
import type { PaymentSearch } from "./parse-payment-search";
import type { PaymentListParams } from "./payment-list-params";

// The payments a search and the filters find, as SQL conditions on "Payment" p: one builder for the
// list (/payments) and the CSV export, so the file holds what the list shows
// (docs/payment-search.md#how-it-stays-fast). Pure: Prisma.sql only builds the statement.
//
// Every condition is an equality the indexes of migration 20261129130000_payment_search_indexes (or
// the unique ones) answer: reference, id and claim are index probes; a payment code goes through
// upper("paymentCode"), a file name through lower("fileName"), and a file's or batch's or run's
// payments through FileLine's (batchId, lineNo) index, read first and joined by primary key (see
// paymentsMatching). Otherwise the list's order, newest first, is the ("createdAt", id) index, with
// status or method in front when those are filtered.

const { sql, join, empty } = Prisma;
type Sql = Prisma.Sql;

/** The search after the database said whose a seven-character reference is (resolve-payment-search.ts). */
export type ResolvedPaymentSearch =
  Exclude<PaymentSearch, { kind: "claimReference" }> | { kind: "claimReference"; reference: string; of: "claim" | "person" };

/** Payment files only: the ADI journal's lines are journal lines, not payments. */
const PAYMENT_FILE = sql`f.kind <> 'ADI_JOURNAL'`;

/** The payment ids on a payment file's lines (one line, or all of them). */
function fileLines(fileName: string, lineNo?: number): Sql {
  return sql`SELECT l."paymentId" FROM "BatchFile" f JOIN "FileLine" l ON l."batchId" = f."batchId"
    WHERE lower(f."fileName") = lower(${fileName}) AND ${PAYMENT_FILE}
      ${lineNo === undefined ? empty : sql`AND l."lineNo" = ${lineNo}`}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A condition on "Payment" p, or a set of payment ids (a file's, a batch's, a run's lines). */
type Part = { condition: Sql } | { ids: Sql };

function searchPart(search: ResolvedPaymentSearch): Part {
  switch (search.kind) {
    case "paymentReference":
      return { condition: sql`p.reference = ${search.reference}` };
    case "paymentId":
      return { condition: sql`p.id = ${search.id}::uuid` };
    case "claimReference":
      return {
        condition:
          search.of === "claim"
            ? sql`p."claimId" = (SELECT c.id FROM "Claim" c WHERE c.reference = ${search.reference})`
            : sql`p."personId" = (SELECT c.id FROM "Claimant" c WHERE c.reference = ${search.reference})`,
      };
    case "paymentCode":
      return { condition: sql`upper(p."paymentCode") = upper(${search.code})` };
    case "fileLine":
      return { ids: fileLines(search.fileName, search.lineNo) };
    case "file":
      return { ids: fileLines(search.fileName) };
    case "unknown":
      return { condition: sql`FALSE` };
  }
}

/**
 * An instant as the UTC timestamp(3) the columns hold, sent as text: a Date parameter would reach
 * a pg client (the export's) in the process's time zone, and a timestamp without time zone
 * ignores the offset.
 */
function utcTimestamp(instant: Date): Sql {
  return sql`${instant.toISOString()}::timestamp(3)`;
}

function parts(params: PaymentListParams, search: ResolvedPaymentSearch | undefined): Part[] {
  const out: Part[] = [];
  if (search) out.push(searchPart(search));
  if (params.status) out.push({ condition: sql`p.status = ${params.status}::"PaymentStatus"` });
  if (params.method) out.push({ condition: sql`p.method = ${params.method}::"PaymentMethod"` });
  // UK days: from the start of the first to the start of the day after the last.
  if (params.createdFrom) out.push({ condition: sql`p."createdAt" >= ${utcTimestamp(londonDayStart(params.createdFrom))}` });
  if (params.createdTo)
    out.push({ condition: sql`p."createdAt" < ${utcTimestamp(londonDayStart(addCalendarDays(params.createdTo, 1)))}` });
  if (params.batch) {
    out.push({
      ids: UUID.test(params.batch)
        ? sql`SELECT l."paymentId" FROM "FileLine" l WHERE l."batchId" = ${params.batch}::uuid`
        : fileLines(params.batch),
    });
  }
  if (params.run) {
    out.push({
      ids: sql`SELECT l."paymentId" FROM "Batch" b JOIN "FileLine" l ON l."batchId" = b.id WHERE b."runId" = ${params.run}::uuid`,
    });
  }
  return out;
}

/**
 * The payments the search and filters find, as the FROM and WHERE of a query on "Payment" p
 * (without the page's cursor). A file's, batch's or run's lines are a few thousand payments at
 * most: the first such set drives the query (its distinct ids, each looked up by primary key, then
 * sorted), since a filter on ids leaves the planner walking the ("createdAt", id) index over every
 * payment newer than the batch's, and a plain join makes it hash a scan of every payment. Any
 * further set is an IN condition.
 */
export function paymentsMatching(
  params: PaymentListParams,
  search: ResolvedPaymentSearch | undefined,
): { from: Sql; where: Sql } {
  const all = parts(params, search);
  const driver = all.find((part): part is { ids: Sql } => "ids" in part);
  const conditions = all
    .filter((part) => part !== driver)
    .map((part) => ("condition" in part ? part.condition : sql`p.id IN (${part.ids})`));
  return {
    from: driver
      ? // LIMIT 1 keeps the planner from flattening the lateral into a hash join over a scan of every payment.
        sql`(SELECT DISTINCT m."paymentId" FROM (${driver.ids}) m) d
          CROSS JOIN LATERAL (SELECT * FROM "Payment" x WHERE x.id = d."paymentId" LIMIT 1) p`
      : sql`"Payment" p`,
    where: conditions.length ? join(conditions, " AND ") : sql`TRUE`,
  };
}

/** Rows strictly beyond the cursor in the order they are read, ("createdAt", id) newest first. */
export function cursorCondition(cursor: InstantCursor | undefined, order: SortDir): Sql {
  if (!cursor) return sql`TRUE`;
  const at = utcTimestamp(cursor.at);
  return order === "desc"
    ? sql`(p."createdAt", p.id) < (${at}, ${cursor.id}::uuid)`
    : sql`(p."createdAt", p.id) > (${at}, ${cursor.id}::uuid)`;
}

/** The file name a search or the batch filter names, so a payment's row shows its line in that file first. */
export function preferredFileName(params: PaymentListParams, search: ResolvedPaymentSearch | undefined): string | null {
  if (search?.kind === "file" || search?.kind === "fileLine") return search.fileName;
  if (params.batch && !UUID.test(params.batch)) return params.batch;
  return null;
}

/**
 * The payment's line in a payment file for the list and the export (LATERAL, one per payment of
 * the page): the file the search named first, then a live line before a void one, the newest file first.
 */
export function fileLineLateral(preferred: string | null): Sql {
  const first = preferred === null ? empty : sql`(lower(f."fileName") = lower(${preferred})) DESC,`;
  return sql`LEFT JOIN LATERAL (
    SELECT f."fileName", l."lineNo", l."isVoid"
    FROM "FileLine" l JOIN "BatchFile" f ON f."batchId" = l."batchId" AND ${PAYMENT_FILE}
    WHERE l."paymentId" = p.id
    ORDER BY ${first} l."isVoid", f."createdAt" DESC LIMIT 1) fl ON TRUE`;
}
