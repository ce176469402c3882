import type { AuditActor } from "@/lib/audit/record-audit";
import type { PgTx } from "@/lib/db/pg-transaction";
import { StagingFile } from "@/lib/db/staging-file";
import { Prisma } from "@/lib/generated/prisma/client";
import type { HoldReason } from "@/lib/generated/prisma/enums";
import { holdReasonLabels } from "@/lib/payments/hold-reasons";
import { finishRun } from "@/lib/runs/finish-run";
import type { RunLease } from "@/lib/runs/run-lease";
import type { RunWarning } from "@/lib/runs/run-warnings";
import { holdExcludedPayments } from "./hold-excluded-payments";

// The middle of step "selected", the same for the bank and Payout runs (docs/runs.md#selection):
// what each selected payment became is streamed to a staging file by the run's own pure rules, put
// into a temporary table with one COPY, and from there the holds and the run's counts and warnings
// are written in one statement each. The caller then writes its batches from the table's lines.

/**
 * The temporary stage table a run's selection goes into. Every such table has the columns seq,
 * kind ('L' a line, 'H' a hold, 'W' a cleaning warning), payment_id, reason, detail,
 * timeline_detail and warning (the run warning naming a hold or a cleaned value, as JSON), besides
 * what the run's lines need.
 */
export interface SelectionStageTable {
  name: string;
  /** CREATE TEMP TABLE … ON COMMIT DROP. */
  create: string;
  /** COPY … FROM STDIN (FORMAT csv), in the staging file's column order. */
  copyInto: string;
}

/** A staged hold's timeline_detail (the words of its timeline entry) and warning (as JSON). */
export function stagedHold(hold: { paymentId: string; reference: string; reason: HoldReason; detail: string }): {
  timelineDetail: string;
  warning: string;
} {
  const warning: RunWarning = { kind: "PAYMENT_HELD", ...hold };
  return { timelineDetail: `${holdReasonLabels[hold.reason]} (${hold.detail})`, warning: JSON.stringify(warning) };
}

/** What the run's rules counted while staging; checked against what the database then does. */
export interface StagedCounts {
  lines: number;
  totalPence: number;
  held: number;
}

/**
 * Stages the selection, holds the excluded payments and records the run's counts and warnings
 * (holds first, then what cleaning changed, each in the order the payments were selected). With
 * nothing to pay the run ends EMPTY here and the result is null. `stage` locks the selectable
 * payments and writes what each becomes to the staging file; it may throw (the wrong key, say)
 * before anything is written.
 */
export async function stageRunSelection<S extends StagedCounts>(
  tx: PgTx,
  options: {
    lease: RunLease;
    now: Date;
    actor: AuditActor;
    table: SelectionStageTable;
    stagingPrefix: string;
    stage: (staging: StagingFile) => Promise<S>;
  },
): Promise<{ staged: S; held: number } | null> {
  const { lease, now, actor, table } = options;
  const staging = await StagingFile.create(options.stagingPrefix);
  let staged: S;
  try {
    staged = await options.stage(staging);
    await tx.$executeRaw`${Prisma.raw(table.create)}`;
    await staging.copyInto(tx.client, table.copyInto);
  } finally {
    await staging.discard();
  }

  const stage = Prisma.raw(table.name);
  const held = await holdExcludedPayments(tx, {
    exclusions: Prisma.sql`
      SELECT payment_id AS id, reason, timeline_detail AS "timelineDetail", detail FROM ${stage} WHERE kind = 'H'`,
    runId: lease.runId,
    now,
    actor,
  });
  if (held !== staged.held) throw new Error(`${staged.held} payments to hold, but ${held} were held`);
  await tx.$executeRaw`
    UPDATE "Run"
    SET "paymentCount" = ${staged.lines}::int, "totalPence" = ${staged.totalPence}::bigint, "heldCount" = ${held}::int,
        warnings = (SELECT coalesce(jsonb_agg(warning ORDER BY kind = 'W', seq), '[]'::jsonb)
                    FROM ${stage} WHERE warning IS NOT NULL)
    WHERE id = ${lease.runId}::uuid`;

  if (staged.lines === 0) {
    await finishRun(tx, lease, { status: "EMPTY", now, actor, paymentCount: 0, totalPence: 0 });
    return null;
  }
  return { staged, held };
}
