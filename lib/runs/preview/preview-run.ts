import type pg from "pg";
import type { Db } from "@/lib/db";
import type { RunKind } from "@/lib/generated/prisma/enums";
import { loadAlreadyHeld } from "./load-already-held";
import { PreviewTally } from "./preview-tally";
import { withReadOnlyTransaction } from "./read-only-transaction";
import { methodOfRun, type RunPreview } from "./run-preview";

/** What a run's own selection counted, through the run's own rules. */
export interface ClassifiedSelection {
  lines: number;
  totalPence: number;
  files: number;
  /** Why the run would fail instead (the wrong key), or null. */
  problem: string | null;
}

/**
 * A run's preview: in one read-only transaction, the payments already on hold, then the run's own
 * selection (without its FOR UPDATE) streamed through the run's own pure checks by `classify`,
 * which tells the tally each hold and cleaned value. No run record, no lock, nothing written.
 */
export async function previewRun(
  db: Db,
  options: {
    kind: RunKind;
    classify: (client: pg.PoolClient, tally: PreviewTally) => Promise<ClassifiedSelection>;
    statementTimeoutMs?: number;
  },
): Promise<RunPreview> {
  const { kind, classify } = options;
  return withReadOnlyTransaction(
    db,
    async (client) => {
      const alreadyHeld = await loadAlreadyHeld(client, methodOfRun[kind]);
      const tally = new PreviewTally();
      const selection = await classify(client, tally);
      return {
        kind,
        payments: selection.lines,
        totalPence: selection.totalPence,
        files: selection.files,
        ...tally.summary(),
        alreadyHeld,
        problem: selection.problem,
      };
    },
    { statementTimeoutMs: options.statementTimeoutMs },
  );
}
