import { randomUUID } from "node:crypto";
import type { AuditActor } from "@/lib/audit/record-audit";
import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  PAYMENT_TRANSITIONS,
  POST_OFFICE_CANCEL_REASON,
  type MoveColumn,
  type Mover,
  type PaymentTransition,
  type TransitionName,
} from "./rules/payment-transitions";

// The one owner of Payment.status (docs/domain.md#what-moves-a-payment). Any number of payments
// move in a constant number of statements: the ids (and a reason per payment where they differ)
// are staged as arrays, one bind parameter each, unnested and joined; the status history, the
// audit rows and the claims' timeline entries are written from the moved rows with INSERT …
// SELECT in the same statement; the claims' "needs attention" is recomputed in one more. A
// payment of a cycle has no claim: it gets its history and audit rows, no claim timeline entry and
// no "needs attention" (WHERE "claimId" IS NOT NULL, in the same statements). The
// database refuses a status change made any other way (trigger "Payment_status_owner"), so this
// function sets the transaction-local flag the trigger checks only around its own statement.

export interface PaymentMove {
  transition: TransitionName;
  /** Who is moving the payments, checked against the transition table. */
  mover: Mover;
  /** The payments, as ids (staged as one array parameter), or as a query when there are many. */
  ids?: readonly string[];
  /**
   * Instead of ids: SQL selecting the payments' ids (column id), e.g. the live lines of a batch;
   * any other column it selects goes into the payment's audit "after" and timeline detail.
   */
  query?: Prisma.Sql;
  /**
   * With `query`, where the reason and the timeline's {detail} differ per payment (a run's staged
   * exclusions, say): the query's columns that hold them. They are left out of the extras.
   */
  queryColumns?: { reason?: string; detail?: string; date?: string };
  /** One reason for every payment, or `reasons` with one per id where they differ. */
  reason?: string | null;
  reasons?: readonly (string | null)[];
  /** Words for the timeline entry's {detail}: one for every payment, or one per id. */
  detail?: string | null;
  details?: readonly (string | null)[];
  /**
   * A date (YYYY-MM-DD) for the columns fed by it (the Post Office's status date) and the
   * timeline's {date}: one for every payment, or one per id.
   */
  date?: string | null;
  dates?: readonly (string | null)[];
  /** Per payment: more fields for its audit record's "after" and its timeline entry's detail. */
  extras?: readonly (Record<string, unknown> | null)[];
  actor: AuditActor;
  now: Date;
  /** The run, batch or upload that makes the move, recorded on every row it writes. */
  source?: { runId?: string; batchId?: string; uploadId?: string };
  /** Fields added to every audit record's "before" (e.g. the batch a payment leaves). */
  auditBefore?: Record<string, unknown>;
  /** Who the timeline names; by default the actor when it is a person, nobody for the system. */
  timelineActorId?: string | null;
}

export interface MovedPayment {
  id: string;
  /** Null for a cycle's payment. */
  claimId: string | null;
  reference: string;
  fromStatus: string;
}

/** Moves the payments that are in one of the transition's "from" statuses; others are left alone. */
export async function movePayments(tx: SqlTx, move: PaymentMove): Promise<{ count: number }>;
export async function movePayments(
  tx: SqlTx,
  move: PaymentMove,
  options: { returning: true },
): Promise<{ count: number; moved: MovedPayment[] }>;
export async function movePayments(
  tx: SqlTx,
  move: PaymentMove,
  options?: { returning: true },
): Promise<{ count: number; moved?: MovedPayment[] }> {
  const transition: PaymentTransition = PAYMENT_TRANSITIONS[move.transition];
  checkShape(move, transition);
  const input = stagedInput(move);
  if (!input) return options?.returning ? { count: 0, moved: [] } : { count: 0 };
  const moveId = randomUUID();
  const now = Prisma.sql`(${move.now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const actorId = "id" in move.actor ? move.actor.id : null;
  const actorLabel = "id" in move.actor ? move.actor.email : move.actor.system;
  const timelineActorId = move.timelineActorId === undefined ? actorId : move.timelineActorId;
  const source = {
    runId: move.source?.runId ?? null,
    batchId: move.source?.batchId ?? null,
    uploadId: move.source?.uploadId ?? null,
  };
  const sourceJson = JSON.stringify(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== null)));
  const auditBefore = JSON.stringify(move.auditBefore ?? {});
  const summaryFrom = Object.entries(transition.summaryFrom ?? {});
  const summaryTemplate = summaryFrom.length
    ? Prisma.sql`CASE m.old_status::text ${Prisma.join(
        summaryFrom.map(([from, text]) => Prisma.sql`WHEN ${from} THEN ${text}`),
        " ",
      )} ELSE ${transition.summary} END`
    : Prisma.sql`${transition.summary}`;

  const refresh = affectsNeedsAttention(transition);
  // The claims whose "needs attention" may change are collected while moving (a re-run of the
  // selection after the move would no longer find the moved payments).
  if (refresh) await tx.$executeRaw`CREATE TEMP TABLE IF NOT EXISTS moved_claims (id uuid PRIMARY KEY) ON COMMIT DELETE ROWS`;
  await tx.$executeRaw`SELECT set_config('disburse.payment_owner', 'on', true)`;
  const rows = await tx.$queryRaw<(MovedPayment & { count?: number })[]>`
    WITH input AS (${input}),
    locked AS (
      SELECT p.id, p.status AS old_status, p."holdReason" AS old_hold, p."failureReason" AS old_failure,
             p.reference, p."claimId", i.reason::text AS reason, i.detail::text AS detail, i.date::date AS date,
             i.extra::jsonb AS extra
      FROM "Payment" p JOIN input i ON i.id = p.id
      WHERE p.status::text = ANY(${transition.from as string[]}::text[])
      ORDER BY p.id
      FOR UPDATE OF p
    ),
    moved AS (
      UPDATE "Payment" p
      SET status = ${transition.to}::"PaymentStatus", "updatedAt" = ${now}${setColumns(transition.sets, now)}
      FROM locked l WHERE p.id = l.id
      RETURNING p.id, p."claimId", p.reference, p."holdReason" AS new_hold, l.old_status, l.old_hold,
                l.old_failure, l.reason, l.detail, l.date, l.extra, ${afterColumns(transition.sets)} AS set_after
    ),
    history AS (
      INSERT INTO "PaymentStatusHistory"
        ("paymentId", "moveId", action, "fromStatus", "toStatus", "holdReason", at, "actorId", "actorLabel",
         reason, "runId", "batchId", "uploadId")
      SELECT m.id, ${moveId}::uuid, ${transition.action}, m.old_status, ${transition.to}::"PaymentStatus", m.new_hold,
             ${now}, ${actorId}::uuid, ${actorLabel}, m.reason, ${source.runId}::uuid, ${source.batchId}::uuid,
             ${source.uploadId}::uuid
      FROM moved m
    ),
    audit AS (
      INSERT INTO "AuditLog" (at, "actorId", "actorLabel", action, "entityType", "entityId", before, after)
      SELECT ${now}, ${actorId}::uuid, ${actorLabel}, ${transition.action}, 'Payment', m.id::text,
             jsonb_build_object('status', m.old_status, 'holdReason', m.old_hold, 'failureReason', m.old_failure)
               || ${auditBefore}::jsonb,
             jsonb_build_object('status', ${transition.to}::text) || m.set_after
               || jsonb_strip_nulls(jsonb_build_object('reason', m.reason, 'detail', m.detail))
               || ${sourceJson}::jsonb || coalesce(m.extra, '{}'::jsonb)
      FROM moved m
    ),
    ${
      refresh
        ? Prisma.sql`claims AS (
            INSERT INTO moved_claims SELECT DISTINCT m."claimId" FROM moved m WHERE m."claimId" IS NOT NULL
            ON CONFLICT DO NOTHING),`
        : Prisma.empty
    }
    events AS (
      INSERT INTO "ClaimEvent" (id, "claimId", at, "actorId", kind, summary, detail)
      SELECT gen_random_uuid(), m."claimId", ${now}, ${timelineActorId}::uuid, ${transition.action},
             replace(replace(replace(replace(${summaryTemplate}, '{reference}', m.reference),
                     '{reason}', coalesce(m.reason, '')), '{detail}', coalesce(m.detail, '')),
                     '{date}', coalesce(to_char(m.date, 'FMDD FMMonth YYYY'), '')),
             jsonb_build_object('paymentId', m.id, 'previousStatus', m.old_status) || ${sourceJson}::jsonb
               || coalesce(m.extra, '{}'::jsonb)
      FROM moved m WHERE m."claimId" IS NOT NULL
    )
    ${
      options?.returning
        ? Prisma.sql`SELECT m.id, m."claimId", m.reference, m.old_status::text AS "fromStatus" FROM moved m`
        : Prisma.sql`SELECT count(*)::int AS count FROM moved`
    }`;
  await tx.$executeRaw`SELECT set_config('disburse.payment_owner', 'off', true)`;

  const count = options?.returning ? rows.length : Number(rows[0]?.count ?? 0);
  if (refresh && count > 0) {
    await tx.$executeRaw`${refreshNeedsAttentionSql(Prisma.sql`SELECT id FROM moved_claims`)}`;
    await tx.$executeRaw`TRUNCATE moved_claims`;
  }
  return options?.returning ? { count, moved: rows.map(({ count: _count, ...row }) => row) } : { count };
}

/**
 * Records the creation of payments (status history only: the caller writes its own audit and
 * timeline entries for the decision that created them), in one statement for any number.
 */
export async function recordPaymentsCreated(
  tx: SqlTx,
  options: { ids: readonly string[]; action: string; actor: AuditActor; now: Date; reason?: string | null },
): Promise<void> {
  if (options.ids.length === 0) return;
  const actorId = "id" in options.actor ? options.actor.id : null;
  const actorLabel = "id" in options.actor ? options.actor.email : options.actor.system;
  await tx.$executeRaw`
    INSERT INTO "PaymentStatusHistory"
      ("paymentId", "moveId", action, "fromStatus", "toStatus", "holdReason", at, "actorId", "actorLabel", reason)
    SELECT p.id, ${randomUUID()}::uuid, ${options.action}, NULL, p.status, p."holdReason",
           (${options.now.toISOString()}::timestamptz AT TIME ZONE 'UTC'), ${actorId}::uuid, ${actorLabel},
           ${options.reason ?? null}
    FROM "Payment" p WHERE p.id = ANY(${options.ids as string[]}::uuid[])`;
}

/** The one definition of "needs attention", for the claims the subquery names. */
export function refreshNeedsAttentionSql(claimIds: Prisma.Sql): Prisma.Sql {
  // Only the claims whose value changes are written: a claim row carries many indexes and the
  // claim counts' trigger, and most moves (a run's send) change nobody's.
  return Prisma.sql`
    UPDATE "Claim" c SET "needsAttention" = a.needs
    FROM (
      SELECT k.id, EXISTS (
        SELECT 1 FROM "Payment" p
        WHERE p."claimId" = k.id
          AND ((p.status = 'NEW' AND p."holdReason" IS NOT NULL)
            OR ((p.status = 'FAILED'
                 -- a voucher that expired or that the Post Office cancelled: the expired-voucher queue
                 OR (p.method = 'CASH' AND p.status IN ('EXPIRED', 'CANCELLED') AND p."postOfficeStatusDate" IS NOT NULL))
                AND NOT EXISTS (SELECT 1 FROM "Payment" r WHERE r."replacesId" = p.id)))
      ) AS needs
      FROM "Claim" k WHERE k.id IN (${claimIds})
    ) a
    WHERE c.id = a.id AND c."needsAttention" IS DISTINCT FROM a.needs`;
}

/** The move's payments as SQL with columns id, reason, detail, date, extra; null when there are none. */
function stagedInput(move: PaymentMove): Prisma.Sql | null {
  if (move.query) {
    const columns = move.queryColumns ?? {};
    const reason = columns.reason ? Prisma.sql`q.${queryColumn(columns.reason)}` : Prisma.sql`${move.reason ?? null}`;
    const detail = columns.detail ? Prisma.sql`q.${queryColumn(columns.detail)}` : Prisma.sql`${move.detail ?? null}`;
    const date = columns.date ? Prisma.sql`q.${queryColumn(columns.date)}` : Prisma.sql`${move.date ?? null}`;
    const own = ["id", columns.reason, columns.detail, columns.date].filter((c): c is string => Boolean(c));
    return Prisma.sql`SELECT q.id, ${reason}::text AS reason, ${detail}::text AS detail, ${date}::date AS date,
                             nullif(to_jsonb(q) - ${own}::text[], '{}'::jsonb) AS extra
                      FROM (${move.query}) q`;
  }
  const ids = move.ids ?? [];
  if (ids.length === 0) return null;
  const n = ids.length;
  const reasons = move.reasons ?? Array<string | null>(n).fill(move.reason ?? null);
  const details = move.details ?? Array<string | null>(n).fill(move.detail ?? null);
  const dates = move.dates ?? Array<string | null>(n).fill(move.date ?? null);
  const extras = (move.extras ?? Array<null>(n).fill(null)).map((e) => (e ? JSON.stringify(e) : null));
  return Prisma.sql`
    SELECT t.id, t.reason, t.detail, t.date, t.extra::jsonb AS extra
    FROM unnest(${ids as string[]}::uuid[], ${reasons as (string | null)[]}::text[],
                ${details as (string | null)[]}::text[], ${dates as (string | null)[]}::date[], ${extras}::text[])
      AS t(id, reason, detail, date, extra)`;
}

/** A column of the caller's query, by name: checked, then quoted. */
function queryColumn(name: string): Prisma.Sql {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`movePayments: bad query column name ${JSON.stringify(name)}`);
  return Prisma.raw(`"${name}"`);
}

function checkShape(move: PaymentMove, transition: PaymentTransition) {
  if (!transition.movers.includes(move.mover)) {
    throw new Error(`${move.mover} may not ${move.transition} payments`);
  }
  if (!move.ids === !move.query) throw new Error("movePayments: give ids or a query, not both");
  if (move.queryColumns && !move.query) throw new Error("movePayments: queryColumns need a query");
  const n = move.ids?.length ?? 0;
  for (const [name, list] of [
    ["reasons", move.reasons],
    ["details", move.details],
    ["dates", move.dates],
    ["extras", move.extras],
  ] as const) {
    if (list && list.length !== n) throw new Error(`movePayments: ${name} has ${list.length} entries for ${n} payments`);
  }
  if (transition.needs.includes("reason") && !move.queryColumns?.reason) {
    const reasons = move.reasons ?? [move.reason];
    if (reasons.some((r) => !r)) throw new Error(`movePayments: ${move.transition} needs a reason for every payment`);
  }
  if (transition.needs.includes("date") && !move.queryColumns?.date) {
    const dates = move.dates ?? [move.date];
    if (dates.some((d) => !d)) throw new Error(`movePayments: ${move.transition} needs a date for every payment`);
  }
  for (const need of ["batch", "upload", "run"] as const) {
    if (transition.needs.includes(need) && !move.source?.[`${need}Id`]) {
      throw new Error(`movePayments: ${move.transition} needs the ${need} that makes it`);
    }
  }
}

const COLUMN_SQL: Record<MoveColumn, (now: Prisma.Sql) => Prisma.Sql> = {
  "sentAt=now": (now) => Prisma.sql`"sentAt" = ${now}`,
  "sentAt=null": () => Prisma.sql`"sentAt" = NULL`,
  "paidAt=now": (now) => Prisma.sql`"paidAt" = ${now}`,
  "failedAt=now": (now) => Prisma.sql`"failedAt" = ${now}`,
  "failureReason=reason": () => Prisma.sql`"failureReason" = l.reason`,
  "cancelledAt=now": (now) => Prisma.sql`"cancelledAt" = ${now}`,
  "cancelReason=reason": () => Prisma.sql`"cancelReason" = l.reason`,
  "holdReason=null": () => Prisma.sql`"holdReason" = NULL`,
  "holdReason=reason": () => Prisma.sql`"holdReason" = l.reason::"HoldReason"`,
  "cancelledAt=null": () => Prisma.sql`"cancelledAt" = NULL`,
  "cancelReason=null": () => Prisma.sql`"cancelReason" = NULL`,
  "cancelReason=post-office": () => Prisma.sql`"cancelReason" = ${POST_OFFICE_CANCEL_REASON}`,
  "postOfficeStatusDate=date": () => Prisma.sql`"postOfficeStatusDate" = l.date`,
};

function setColumns(sets: readonly MoveColumn[], now: Prisma.Sql): Prisma.Sql {
  return sets.length
    ? Prisma.sql`, ${Prisma.join(
        sets.map((c) => COLUMN_SQL[c](now)),
        ", ",
      )}`
    : Prisma.empty;
}

/** The columns a move set, as they read after it, for the audit record's "after". */
function afterColumns(sets: readonly MoveColumn[]): Prisma.Sql {
  const columns = [...new Set(sets.map((c) => c.split("=")[0]))];
  if (columns.length === 0) return Prisma.sql`'{}'::jsonb`;
  return Prisma.sql`jsonb_build_object(${Prisma.join(
    columns.map((c) =>
      c.endsWith("At")
        ? Prisma.sql`${c}::text, ${Prisma.raw(`to_char(p."${c}", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`)}`
        : Prisma.sql`${c}::text, ${Prisma.raw(`p."${c}"`)}`,
    ),
    ", ",
  )})`;
}

/** Whether the move can change a claim's "needs attention" (refreshNeedsAttentionSql's statuses). */
function affectsNeedsAttention(transition: PaymentTransition): boolean {
  const watched = ["NEW", "FAILED", "EXPIRED", "CANCELLED"] as const;
  return (
    watched.some((status) => transition.to === status || transition.from.includes(status)) ||
    transition.sets.some((c) => c.startsWith("holdReason"))
  );
}
