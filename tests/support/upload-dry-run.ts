import type { PgTx } from "@/lib/db/pg-transaction";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { FileStore } from "@/lib/storage/file-store";
import { receiveUpload, type UploadActor, type UploadKindSpec } from "@/lib/uploads/receive-upload";

export interface DryRunRow {
  lineNo: number;
  outcome: string;
  message: string | null;
  paymentId: string | null;
}

/** Thrown from the replaced apply: rolls the upload back once its rows and what it would apply are read. */
class Captured<T> extends Error {
  constructor(
    readonly rows: DryRunRow[],
    readonly toApply: T[],
  ) {
    super("captured");
  }
}

/**
 * A file through the real upload shell with the kind's apply replaced: it reads the rows the
 * check stored and what the real apply would write (`toApply`, a query of the check's own tables),
 * then rolls the whole upload back. A rejected file (apply never called) keeps its stored rows.
 */
export async function uploadDryRun<T>(options: {
  db: PrismaClient;
  store: FileStore;
  spec: UploadKindSpec;
  toApply: (tx: PgTx) => Promise<T[]>;
  fileName: string;
  bytes: Buffer;
  actor: UploadActor;
  now: Date;
}): Promise<{ outcome: string; uploadId: string | null; rows: DryRunRow[]; toApply: T[] }> {
  const { db, spec: real, toApply, ...upload } = options;
  const spec: UploadKindSpec = {
    ...real,
    apply: async (tx, { uploadId }) => {
      const rows = await tx.$queryRaw<DryRunRow[]>`
        SELECT "lineNo", outcome::text AS outcome, message, "paymentId"::text AS "paymentId"
        FROM "UploadRow" WHERE "uploadId" = ${uploadId}::uuid ORDER BY "lineNo"`;
      throw new Captured(rows, await toApply(tx));
    },
  };
  try {
    const outcome = await receiveUpload({ db, spec, ...upload });
    const rows = await db.uploadRow.findMany({ where: { uploadId: outcome.uploadId }, orderBy: { lineNo: "asc" } });
    return {
      outcome: outcome.status,
      uploadId: outcome.uploadId,
      rows: rows.map((r) => ({ lineNo: r.lineNo, outcome: r.outcome as string, message: r.message, paymentId: r.paymentId })),
      toApply: [],
    };
  } catch (error) {
    if (!(error instanceof Captured)) throw error;
    return { outcome: "APPLIED", uploadId: null, rows: error.rows, toApply: error.toApply as T[] };
  }
}

/** The kind with a fault thrown after its check, or after its apply has done its work: as a crash there would. */
export function faultAfter(real: UploadKindSpec, stage: "check" | "apply"): UploadKindSpec {
  return {
    ...real,
    check: async (tx, file) => {
      const plan = await real.check(tx, file);
      if (stage === "check") throw new Error("fault after the check");
      return plan;
    },
    apply: async (tx, applying) => {
      await real.apply(tx, applying);
      throw new Error("fault after the apply");
    },
  };
}
