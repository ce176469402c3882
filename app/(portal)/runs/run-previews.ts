import type { Db } from "@/lib/db";
import {
  classifySelectableBankPayments,
  SELECTABLE_BANK_PAYMENTS_UNLOCKED,
  wrongKeyProblem,
} from "@/lib/direct-payments/load-selectable-bank-payments";
import { classifySelectableCashPayments, SELECTABLE_CASH_PAYMENTS_UNLOCKED } from "@/lib/payout/load-selectable-cash-payments";
import { previewRun } from "@/lib/runs/preview/preview-run";
import type { RunPreview } from "@/lib/runs/preview/run-preview";

// The two runs' previews (docs/run-preview.md): each run's own selection and pure rules
// (lib/direct-payments, lib/payout) into the read-only preview (lib/runs/preview). They meet here
// because lib/runs may not import the runs' folders, which import lib/runs.

/** What the direct-payments run would pay, hold and clean if it started now. */
export function previewBankRun(options: { db: Db; key: Buffer }): Promise<RunPreview> {
  return previewRun(options.db, {
    kind: "DIRECT_PAYMENTS",
    classify: async (client, tally) => {
      const staged = await classifySelectableBankPayments(client, options.key, SELECTABLE_BANK_PAYMENTS_UNLOCKED, tally);
      return {
        lines: staged.lines,
        totalPence: staged.totalPence,
        files: staged.lines > 0 ? 1 : 0,
        problem: wrongKeyProblem(staged),
      };
    },
  });
}

/** What the Payout run would pay, hold and clean if it started now, and in how many files. */
export function previewPayoutRun(options: {
  db: Db;
  settings: { letterTemplateCode: string; maxPerFile: number };
}): Promise<RunPreview> {
  return previewRun(options.db, {
    kind: "PAYOUT",
    classify: async (client, tally) => {
      const staged = await classifySelectableCashPayments(client, SELECTABLE_CASH_PAYMENTS_UNLOCKED, options.settings, tally);
      return { lines: staged.lines, totalPence: staged.totalPence, files: staged.batches.length, problem: null };
    },
  });
}
