import type { Db } from "@/lib/db";
import { recordAuditSql, type AuditActor } from "@/lib/audit/record-audit";
import { Prisma } from "@/lib/generated/prisma/client";
import { errorMessage } from "@/lib/runs/fail-run";
import type { Clock } from "@/lib/runs/run-clock";
import { LeaseLostError, type RunLease } from "@/lib/runs/run-lease";
import { runPgTransaction } from "@/lib/runs/run-transaction";
import { sha256Hex, type FileStore } from "@/lib/storage/file-store";
import { DeliveryError, type PayoutDeliverer } from "./transfer/payout-deliverer";

// Step "delivered" of the Payout run, for one batch (docs/runs.md#delivery-and-its-retries; the
// protocol: docs/file-formats.md#payout-payment-file). Every attempt is a BatchDelivery row:
// STARTED (committed before anything is sent), RENAMING (committed before the rename is tried,
// through the deliverer's beforeRename), then DELIVERED, ALREADY_DELIVERED, FAILED or UNCERTAIN.
//
// Once any attempt has reached the rename without a known outcome (RENAMING or UNCERTAIN), the file
// may be with the Post Office, so nothing is uploaded again: the next attempt only looks for the
// final file. There with the same size: delivered. Not there: the Post Office may have taken it,
// so the batch becomes DELIVERY_UNCERTAIN for an admin to settle, and nothing is resent.

/** What the run does next with the batch. */
export type BatchDeliveryOutcome =
  /** Delivered (now or by an earlier attempt): mark its payments sent. */
  | "DELIVERED"
  /** Its payments are already SENT (an earlier attempt, or an admin's confirmation). */
  | "SENT"
  /** Waiting for an admin (DELIVERY_UNCERTAIN). */
  | "UNCERTAIN"
  /** Returned to NEW by an admin. */
  | "VOID";

const RENAME_REACHED = new Set(["RENAMING", "UNCERTAIN"]);
const DELIVERED = new Set(["DELIVERED", "ALREADY_DELIVERED"]);

/** Longer messages are cut; the batch page shows the error and logs keep the rest. */
const MAX_ERROR_LENGTH = 2000;

/** A delivery that did not happen: the run fails with this, the batch and the attempt keep it. */
export class PayoutDeliveryFailedError extends Error {
  constructor(
    readonly batchId: string,
    readonly fileName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "PayoutDeliveryFailedError";
  }
}

interface Attempt {
  id: string;
  fileName: string;
  byteSize: number;
  storageKey: string;
  sha256: string;
  /** An earlier attempt may have renamed the file: look for it, never upload again. */
  checkOnly: boolean;
}

type Planned = { next: "deliver"; attempt: Attempt } | { next: "done"; outcome: BatchDeliveryOutcome };

export async function deliverPayoutBatch(options: {
  db: Db;
  store: FileStore;
  deliverer: PayoutDeliverer;
  lease: RunLease;
  batchId: string;
  clock: Clock;
  triggeredBy: string;
  actor: AuditActor;
}): Promise<BatchDeliveryOutcome> {
  const { db, store, deliverer, lease, batchId, clock, triggeredBy, actor } = options;
  const planned = await startAttempt({ db, lease, batchId, target: deliverer.target, triggeredBy, now: clock() });
  if (planned.next === "done") return planned.outcome;
  const { attempt } = planned;

  const finish = (outcome: "DELIVERED" | "ALREADY_DELIVERED") =>
    runPgTransaction(db, lease, async (tx) => {
      await tx.$executeRaw`
        UPDATE "BatchDelivery" SET outcome = ${outcome}::"DeliveryOutcome", "finishedAt" = ${at(clock())}, error = NULL
        WHERE id = ${attempt.id}::uuid`;
      await tx.$executeRaw`UPDATE "Batch" SET "deliveryError" = NULL WHERE id = ${batchId}::uuid`;
    });

  let renaming = false;
  try {
    if (attempt.checkOnly) {
      const found = await deliverer.find(attempt.fileName);
      if (found.present && found.byteSize === attempt.byteSize) {
        await finish("ALREADY_DELIVERED");
        return "DELIVERED";
      }
      const what = found.present
        ? `a file of ${found.byteSize} bytes, not ${attempt.byteSize}, has its name`
        : "it is not there (the Post Office may have taken it)";
      await markUncertain({
        db,
        lease,
        batchId,
        attempt,
        now: clock(),
        actor,
        message:
          `Delivery uncertain: an earlier attempt reached the rename of ${attempt.fileName} to ${deliverer.target}, and now ${what}. ` +
          "Nothing will be resent automatically: check with the Post Office, then confirm it delivered or return the batch to NEW.",
      });
      return "UNCERTAIN";
    }

    const bytes = await store.get(attempt.storageKey);
    if (bytes.length !== attempt.byteSize || sha256Hex(bytes) !== attempt.sha256) {
      throw new Error(`stored file ${attempt.storageKey} is not the one batch ${batchId} recorded (sha256 ${attempt.sha256})`);
    }
    const result = await deliverer.deliver({ fileName: attempt.fileName, bytes }, async () => {
      await runPgTransaction(db, lease, async (tx) => {
        await tx.$executeRaw`UPDATE "BatchDelivery" SET outcome = 'RENAMING' WHERE id = ${attempt.id}::uuid`;
      });
      renaming = true;
    });
    await finish(result.outcome);
    return "DELIVERED";
  } catch (error) {
    if (error instanceof LeaseLostError) throw error;
    // The deliverer says whether the file may have been renamed; any other failure after the
    // RENAMING record (a lost connection, a crash in our own bookkeeping) may have come after it.
    const uncertain = error instanceof DeliveryError ? error.uncertain : renaming;
    const message = errorMessage(error).slice(0, MAX_ERROR_LENGTH);
    await runPgTransaction(db, lease, async (tx) => {
      await tx.$executeRaw`
        UPDATE "BatchDelivery"
        SET outcome = ${uncertain ? "UNCERTAIN" : "FAILED"}::"DeliveryOutcome", "finishedAt" = ${at(clock())}, error = ${message}
        WHERE id = ${attempt.id}::uuid`;
      await tx.$executeRaw`UPDATE "Batch" SET "deliveryError" = ${message} WHERE id = ${batchId}::uuid`;
    });
    throw new PayoutDeliveryFailedError(
      batchId,
      attempt.fileName,
      `Delivery of ${attempt.fileName} to ${deliverer.target} failed${uncertain ? " after the rename may have happened" : ""}: ${message}`,
      { cause: error },
    );
  }
}

/**
 * The attempt's first record, in one fenced transaction with the batch row locked: decides what the
 * attempt may do from the batch's status and its earlier attempts. An earlier STARTED attempt that
 * never finished stopped before its rename (RENAMING is committed first): it is closed as FAILED.
 */
async function startAttempt(options: {
  db: Db;
  lease: RunLease;
  batchId: string;
  target: string;
  triggeredBy: string;
  now: Date;
}): Promise<Planned> {
  const { db, lease, batchId, target, triggeredBy, now } = options;
  return runPgTransaction(db, lease, async (tx): Promise<Planned> => {
    const [batch] = await tx.$queryRaw<
      { status: string; fileName: string | null; storageKey: string; sha256: string; byteSize: number }[]
    >`
      SELECT b.status::text AS status, f."fileName", f."storageKey", f.sha256, f."byteSize"
      FROM "Batch" b LEFT JOIN "BatchFile" f ON f."batchId" = b.id AND f.kind = 'PAYOUT_CSV'
      WHERE b.id = ${batchId}::uuid
      FOR UPDATE OF b`;
    if (!batch) throw new Error(`there is no batch ${batchId}`);
    if (batch.status === "VOID") return { next: "done", outcome: "VOID" };
    if (batch.status === "DELIVERED") return { next: "done", outcome: "SENT" };
    if (batch.status === "DELIVERY_UNCERTAIN") return { next: "done", outcome: "UNCERTAIN" };
    if (batch.status !== "STORED" || batch.fileName === null)
      throw new Error(`Payout batch ${batchId} has no stored file to deliver`);

    const attempts = await tx.$queryRaw<{ attemptNo: number; outcome: string }[]>`
      SELECT "attemptNo", outcome::text AS outcome FROM "BatchDelivery" WHERE "batchId" = ${batchId}::uuid
      ORDER BY "attemptNo"`;
    const last = attempts.at(-1);
    if (last && DELIVERED.has(last.outcome)) return { next: "done", outcome: "DELIVERED" };

    if (attempts.some((a) => a.outcome === "STARTED")) {
      await tx.$executeRaw`
        UPDATE "BatchDelivery"
        SET outcome = 'FAILED', "finishedAt" = ${at(now)},
            error = 'Interrupted before the rename (the process stopped); the next attempt uploads the file again'
        WHERE "batchId" = ${batchId}::uuid AND outcome = 'STARTED'`;
    }
    const [created] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "BatchDelivery" (id, "batchId", "attemptNo", "startedAt", outcome, target, "fileName", "byteSize", "triggeredBy")
      VALUES (gen_random_uuid(), ${batchId}::uuid, ${(last?.attemptNo ?? 0) + 1}::int, ${at(now)}, 'STARTED', ${target},
              ${batch.fileName}, ${batch.byteSize}::int, ${triggeredBy})
      RETURNING id`;
    return {
      next: "deliver",
      attempt: {
        id: created.id,
        fileName: batch.fileName,
        byteSize: batch.byteSize,
        storageKey: batch.storageKey,
        sha256: batch.sha256,
        checkOnly: attempts.some((a) => RENAME_REACHED.has(a.outcome)),
      },
    };
  });
}

async function markUncertain(options: {
  db: Db;
  lease: RunLease;
  batchId: string;
  attempt: Attempt;
  now: Date;
  actor: AuditActor;
  message: string;
}): Promise<void> {
  const { db, lease, batchId, attempt, now, actor, message } = options;
  await runPgTransaction(db, lease, async (tx) => {
    await tx.$executeRaw`
      UPDATE "BatchDelivery" SET outcome = 'UNCERTAIN', "finishedAt" = ${at(now)}, error = ${message}
      WHERE id = ${attempt.id}::uuid`;
    await tx.$executeRaw`
      UPDATE "Batch" SET status = 'DELIVERY_UNCERTAIN', "deliveryError" = ${message} WHERE id = ${batchId}::uuid`;
    await recordAuditSql(tx, {
      actor,
      action: "batch.delivery-uncertain",
      entityType: "Batch",
      entityId: batchId,
      before: { status: "STORED" },
      after: { status: "DELIVERY_UNCERTAIN", fileName: attempt.fileName, error: message },
    });
  });
}

/** A timestamp column's value (timestamp without time zone, in UTC), as every run write has it. */
function at(date: Date): Prisma.Sql {
  return Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}
