import type pg from "pg";
import { recordAuditSql, type StaffMember } from "@/lib/audit/record-audit";
import { poolOf } from "@/lib/db/create-db";
import { londonDate } from "@/lib/dates/london-date";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { resolvePaymentSearch } from "@/lib/payments/search/list-payments";
import {
  fileLineLateral,
  paymentsMatching,
  preferredFileName,
  type ResolvedPaymentSearch,
} from "@/lib/payments/search/payment-filter-sql";
import { filtersForAudit, type PaymentListParams } from "@/lib/payments/search/payment-list-params";
import { paymentsCsvHeader, paymentsCsvLines, paymentsExportFileName, type PaymentsCsvRow } from "./format-payments-csv";

// The payments CSV (docs/payment-search.md#the-csv-export), streamed from the database: one
// read-only REPEATABLE READ transaction on a connection of its own holds a server-side cursor over
// the payments the filters find, oldest first, and each FETCH of EXPORT_FETCH rows is written out
// before the next is asked for, when the client has taken the last. Memory is one fetch's, whatever
// the number of rows. The count comes from the same snapshot, so the audit (written and committed
// before the first byte leaves, on another connection) names exactly the rows the file holds.

/** Rows asked of the cursor at a time. */
export const EXPORT_FETCH = 1_000;

/** How long the transaction may sit waiting for a client that stopped reading before PostgreSQL ends it. */
const IDLE_LIMIT_MS = 5 * 60_000;

const CURSOR = "payments_export";

const uk = (column: string) =>
  Prisma.raw(`to_char((${column} AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI:SS')`);

/** The export's query, oldest first. */
export function paymentsExportSql(params: PaymentListParams, search: ResolvedPaymentSearch | undefined): Prisma.Sql {
  const { from, where } = paymentsMatching(params, search);
  return Prisma.sql`
    SELECT p.reference, p.id::text AS id, cl.reference AS "claimReference", pr.reference AS "personReference",
           pr."firstName" || ' ' || pr."lastName" AS "personName", p.method::text AS method, p.status::text AS status,
           p."holdReason"::text AS "holdReason", p."amountPence",
           ${uk('p."createdAt"')} AS "createdAt", ${uk('p."sentAt"')} AS "sentAt", ${uk('p."paidAt"')} AS "paidAt",
           ${uk('p."failedAt"')} AS "failedAt", p."failureReason", fl."fileName", fl."lineNo", fl."isVoid" AS "lineVoid"
    FROM ${from}
    JOIN "Claimant" pr ON pr.id = p."personId"
    LEFT JOIN "Claim" cl ON cl.id = p."claimId"
    ${fileLineLateral(preferredFileName(params, search))}
    WHERE ${where}
    ORDER BY p."createdAt", p.id`;
}

async function query<R extends pg.QueryResultRow>(client: pg.PoolClient, statement: Prisma.Sql): Promise<R[]> {
  return (await client.query<R>(statement.text, statement.values as unknown[])).rows;
}

export type PaymentsExport = { fileName: string; rows: number; chunks: AsyncIterable<string> };

/**
 * Opens the export: counts, audits who exported what filter and how many rows, and returns the
 * text in chunks. The connection is held until the chunks are read to the end or their iterator is
 * returned (a cancelled download), and released either way, read or not.
 */
export async function openPaymentsExport(
  db: PrismaClient,
  options: { params: PaymentListParams; actor: StaffMember; now: Date },
): Promise<PaymentsExport> {
  const { params, actor, now } = options;
  const search = await resolvePaymentSearch(db, params.q);
  const client = await poolOf(db).connect();
  let done = false;
  const finish = async (commit: boolean) => {
    if (done) return;
    done = true;
    let broken = false;
    await client.query(commit ? "COMMIT" : "ROLLBACK").catch(() => {
      broken = true;
    });
    client.release(broken);
  };

  let rows: number;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query(`SET LOCAL idle_in_transaction_session_timeout = ${IDLE_LIMIT_MS}`);
    const { from, where } = paymentsMatching(params, search);
    const [counted] = await query<{ rows: number }>(client, Prisma.sql`SELECT count(*)::int AS rows FROM ${from} WHERE ${where}`);
    rows = counted.rows;
    await recordAuditSql(db, {
      actor,
      action: "payments.exported",
      entityType: "Payment",
      entityId: null,
      after: { filters: filtersForAudit(params), rows },
    });
    const declared = paymentsExportSql(params, search);
    await client.query(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${declared.text}`, declared.values as unknown[]);
  } catch (error) {
    await finish(false);
    throw error;
  }

  async function* generate(): AsyncGenerator<string> {
    try {
      yield paymentsCsvHeader();
      for (;;) {
        const batch = await query<PaymentsCsvRow>(client, Prisma.raw(`FETCH ${EXPORT_FETCH} FROM ${CURSOR}`));
        if (batch.length > 0) yield paymentsCsvLines(batch);
        if (batch.length < EXPORT_FETCH) break;
      }
      await client.query(`CLOSE ${CURSOR}`);
      await finish(true);
    } finally {
      await finish(false);
    }
  }

  const iterator = generate();
  let started = false;
  // An async generator's return() before its first next() never runs its finally: release here too.
  const chunks: AsyncIterableIterator<string> = {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      started = true;
      return iterator.next();
    },
    async return(value?: unknown) {
      if (!started) await finish(false);
      return iterator.return(value as undefined);
    },
  };
  return { fileName: paymentsExportFileName(londonDate(now)), rows, chunks };
}
