import { recordAuditSql, type StaffMember } from "@/lib/audit/record-audit";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { AppError } from "@/lib/errors";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { formatPence } from "@/lib/money";
import { movePayments } from "@/lib/payments/move-payments";
import { SUSPENDED_REJECTED_CANCEL_PREFIX } from "@/lib/payments/rules/payment-transitions";
import { recordCycleEvent } from "./cycle-events";
import { loadCycleState } from "./lock-cycle";
import { whySuspendedCannotBeDecided } from "./rules/cycle-decisions";

// An accountant decides suspended payments of a cycle, one or many at once, with a note
// (docs/plans.md#suspended-payments): approve at the full amount, approve cut to the plan's
// per-payment limit, or reject. Whoever approves one may no longer approve the cycle.

export type SuspendedDecision = "APPROVE_FULL" | "APPROVE_AT_LIMIT" | "REJECT";

export const LIMIT_LINE_KIND = "LIMIT";

export function limitLineLabel(limitPence: number): string {
  return `Cut to the plan's per-payment limit of ${formatPence(limitPence)}`;
}

export async function decideSuspendedPayments(options: {
  db: PrismaClient;
  cycleId: string;
  paymentIds: readonly string[];
  decision: SuspendedDecision;
  note: string;
  actor: StaffMember;
  now: Date;
}): Promise<{ decided: number; alreadyDecided: number }> {
  const { db, cycleId, decision, note, actor, now } = options;
  const ids = [...new Set(options.paymentIds)];
  if (ids.length === 0)
    throw new AppError("VALIDATION", "Choose at least one suspended payment", {
      paymentId: ["Choose at least one suspended payment"],
    });
  if (note.trim() === "") throw new AppError("VALIDATION", "Enter a note", { note: ["Enter a note"] });
  return withPgTransaction(db, async (tx) => {
    const cycle = await loadCycleState(tx, cycleId, { lock: true });
    if (!cycle) throw new AppError("NOT_FOUND", "Payment cycle not found");
    const refusal = whySuspendedCannotBeDecided(cycle.status);
    if (refusal) throw new AppError("INVALID_STATE", refusal);
    const limit = cycle.rule.limitPence;
    if (decision === "APPROVE_AT_LIMIT" && limit === null) {
      const message = "This plan has no per-payment limit: approve at the full amount or reject";
      throw new AppError("VALIDATION", message, { decision: [message] });
    }
    // The amount after the decision goes into each payment's audit record, beside the one before.
    const after =
      decision === "APPROVE_AT_LIMIT"
        ? Prisma.sql`p."amountPence" - greatest(0, (SELECT sum(l."amountPence") FROM "PaymentLine" l
                      WHERE l."paymentId" = p.id AND l.kind <> 'CARRIED_OVER') - ${limit}::int)`
        : Prisma.sql`p."amountPence"`;
    const selected = Prisma.sql`
      SELECT p.id, p."amountPence" AS "amountBeforePence", (${after})::int AS "amountPence" FROM "Payment" p
      WHERE p."cycleId" = ${cycleId}::uuid AND p.id = ANY(${ids}::uuid[]) AND p.status = 'SUSPENDED'`;
    const detail = decision === "APPROVE_AT_LIMIT" ? `at the plan's limit of ${formatPence(limit!)}` : "at the full amount";
    const { count, moved } =
      decision === "REJECT"
        ? await movePayments(
            tx,
            {
              transition: "reject-suspended",
              mover: "ACCOUNTANT",
              query: selected,
              reason: `${SUSPENDED_REJECTED_CANCEL_PREFIX}${note}`,
              actor,
              now,
            },
            { returning: true },
          )
        : await movePayments(
            tx,
            { transition: "approve-suspended", mover: "ACCOUNTANT", query: selected, reason: note, detail, actor, now },
            { returning: true },
          );
    if (count === 0) {
      throw new AppError(
        "INVALID_STATE",
        ids.length === 1
          ? "This payment is no longer suspended: someone has decided it already."
          : "None of these payments is suspended any more: someone has decided them already.",
      );
    }
    const movedIds = moved.map((m) => m.id);
    if (decision === "APPROVE_AT_LIMIT") {
      // The limit applies to the period's amount; money carried over from earlier cycles is never cut
      // (docs/plans.md#the-payment-and-its-lines). A "limit" line keeps the lines summing to the amount.
      await tx.$executeRaw`
        WITH period AS (
          SELECT l."paymentId" AS id, sum(l."amountPence") FILTER (WHERE l.kind <> 'CARRIED_OVER') AS pence,
                 max(l."lineNo") AS last
          FROM "PaymentLine" l WHERE l."paymentId" = ANY(${movedIds}::uuid[]) GROUP BY l."paymentId"
        ),
        cut AS (
          INSERT INTO "PaymentLine" ("paymentId", "lineNo", kind, label, "amountPence")
          SELECT id, last + 1, ${LIMIT_LINE_KIND}, ${limitLineLabel(limit!)}, ${limit!}::int - pence
          FROM period WHERE pence > ${limit!}::int
        )
        UPDATE "Payment" p SET "amountPence" = p."amountPence" + (${limit!}::int - period.pence)
        FROM period WHERE p.id = period.id AND period.pence > ${limit!}::int`;
    }
    await tx.$executeRaw`UPDATE "PaymentCycle" SET version = version + 1 WHERE id = ${cycleId}::uuid`;
    const what =
      decision === "REJECT"
        ? `${count === 1 ? "1 suspended payment" : `${count} suspended payments`} rejected`
        : `${count === 1 ? "1 suspended payment" : `${count} suspended payments`} approved ${detail}`;
    const references = moved.map((m) => m.reference).sort();
    await recordCycleEvent(tx, {
      cycleId,
      kind: decision === "REJECT" ? "cycle.suspended-rejected" : "cycle.suspended-approved",
      summary: `${what}: ${note}`,
      detail: { decision, references },
      actor,
      now,
    });
    await recordAuditSql(tx, {
      actor,
      action: decision === "REJECT" ? "cycle.suspended-rejected" : "cycle.suspended-approved",
      entityType: "PaymentCycle",
      entityId: cycleId,
      after: { decision, note, payments: references },
    });
    return { decided: count, alreadyDecided: ids.length - count };
  });
}
