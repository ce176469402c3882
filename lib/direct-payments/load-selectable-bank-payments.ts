import type pg from "pg";
import { decryptBankDetails, type BankDetailsPlain } from "@/lib/crypto/bank-details-cipher";
import { csvRow, forEachCopyRow } from "@/lib/db/copy-rows";
import type { StagingFile } from "@/lib/db/staging-file";
import type { HoldReason } from "@/lib/generated/prisma/enums";
import { stagedHold } from "@/lib/batches/stage-run-selection";
import type { RunWarning } from "@/lib/runs/run-warnings";
import { AccessPayFormatter, type AccessPayLine } from "./accesspay/format-accesspay";

// The run's selection (docs/runs.md#selection): every NEW bank payment not on hold, in the order they
// were created, locked FOR UPDATE for the rest of the selecting transaction, so a caseworker's
// cancel either happens before (and the payment is not selected) or waits until the payment has
// its file line. A payment already on a live file line belongs to another run's unfinished batch
// and is left to that run: it must never be in two files.
//
// One statement locks them and streams them out with the approved details of the person each pays
// (a claim's claimant or a cycle's beneficiary: Payment.personId) (COPY … TO STDOUT); each is decrypted, checked and formatted on its way past (AccessPayFormatter, pure), and
// what becomes of it (a line, a hold, a cleaning warning) is written to a staging file, never kept
// in memory. The run then COPYs the staging file into STAGE_TABLE and does the rest in SQL.

/** The selection without its locks: what the preview reads (docs/run-preview.md). */
export const SELECTABLE_BANK_PAYMENTS_UNLOCKED = `
  SELECT p.id, p.reference, p."amountPence", b.ciphertext, b."lookupHash"
  FROM "Payment" p
  LEFT JOIN "BankDetails" b ON b."claimantId" = p."personId"
  WHERE p.status = 'NEW' AND p.method = 'BANK' AND p."holdReason" IS NULL
    AND NOT EXISTS (SELECT 1 FROM "FileLine" l WHERE l."paymentId" = p.id AND NOT l."isVoid")
  ORDER BY p."createdAt", p.id`;

export const SELECTABLE_BANK_PAYMENTS = `${SELECTABLE_BANK_PAYMENTS_UNLOCKED}
  FOR UPDATE OF p`;

/** The temporary table the staging file goes into, dropped at the end of the transaction. */
export const STAGE_TABLE = "run_selection";

/**
 * One row per line (kind L), hold (H) or cleaning warning (W), in the order the payments came
 * (seq). A hold and a warning carry the run warning that names them, as JSON.
 */
export const CREATE_STAGE_TABLE = `
  CREATE TEMP TABLE ${STAGE_TABLE} (
    seq int NOT NULL, kind char(1) NOT NULL, payment_id uuid NOT NULL,
    line_no int, amount_pence int, file_reference text, ciphertext text, lookup_hash text,
    reason text, detail text, timeline_detail text, warning jsonb
  ) ON COMMIT DROP`;

export const COPY_INTO_STAGE_TABLE = `
  COPY ${STAGE_TABLE} (seq, kind, payment_id, line_no, amount_pence, file_reference, ciphertext, lookup_hash,
                       reason, detail, timeline_detail, warning)
  FROM STDIN (FORMAT csv)`;

export interface StagedSelection {
  /** Payments selected (and locked). */
  selected: number;
  lines: number;
  totalPence: number;
  held: number;
  /** Details that did not decrypt: all of them, with none that did, means the wrong key. */
  undecryptable: number;
  decrypted: number;
}

type HoldOrExclusionReason = Extract<HoldReason, "BAD_BANK_DETAILS" | "NAME_EMPTY_AFTER_CLEANING" | "NO_BANK_DETAILS">;

/** A payment the run's checks put on hold, and why. */
export interface SelectionHold {
  paymentId: string;
  reference: string;
  reason: HoldOrExclusionReason;
  detail: string;
}

/**
 * Where what each selectable payment becomes goes, in the order the payments come: the run stages
 * it for COPY (stageSelectableBankPayments), the preview only counts it (lib/runs/preview/).
 */
export interface BankSelectionSink {
  line(line: AccessPayLine, stored: { ciphertext: string; lookupHash: string | null }): void | Promise<void>;
  hold(hold: SelectionHold): void | Promise<void>;
  cleaned(warning: Extract<RunWarning, { kind: "VALUE_CLEANED" }>): void | Promise<void>;
}

/** Every selectable payment with details, and none decrypting: the wrong key, which fails the run. */
export function wrongKeyProblem(counts: Pick<StagedSelection, "undecryptable" | "decrypted">): string | null {
  if (counts.undecryptable > 0 && counts.decrypted === 0)
    return `none of the ${counts.undecryptable} claimants' bank details could be decrypted: check BANK_DETAILS_KEY`;
  return null;
}

/**
 * Streams the payments of `query` (SELECTABLE_BANK_PAYMENTS or its unlocked form) through the run's
 * pure checks and formatter, telling `sink` what each becomes. Memory stays flat whatever the
 * number of payments.
 */
export async function classifySelectableBankPayments(
  client: pg.PoolClient,
  key: Buffer,
  query: string,
  sink: BankSelectionSink,
): Promise<StagedSelection> {
  const formatter = new AccessPayFormatter();
  const counts = { selected: 0, held: 0, undecryptable: 0, decrypted: 0 };
  const hold = (paymentId: string, reference: string, reason: HoldOrExclusionReason, detail: string) => {
    counts.held += 1;
    return sink.hold({ paymentId, reference, reason, detail });
  };

  await forEachCopyRow(client, query, async ([id, reference, amount, ciphertext, lookupHash]) => {
    counts.selected += 1;
    const paymentId = id!;
    const paymentReference = reference!;
    if (ciphertext === null)
      return hold(paymentId, paymentReference, "NO_BANK_DETAILS", "the claimant has no approved bank details");
    let bank: BankDetailsPlain;
    try {
      bank = decryptBankDetails(ciphertext, key);
    } catch {
      counts.undecryptable += 1;
      return hold(paymentId, paymentReference, "BAD_BANK_DETAILS", "the stored bank details could not be decrypted");
    }
    counts.decrypted += 1;
    const outcome = formatter.add({ paymentId, paymentReference, amountPence: Number(amount), bank });
    if (outcome.kind === "excluded") {
      return hold(paymentId, paymentReference, outcome.exclusion.reason, outcome.exclusion.detail);
    }
    await sink.line(outcome.line, { ciphertext, lookupHash });
    for (const w of outcome.warnings) {
      await sink.cleaned({ kind: "VALUE_CLEANED", paymentId, reference: w.paymentReference, field: w.field, changes: w.changes });
    }
  });
  return { ...counts, lines: formatter.lineCount, totalPence: formatter.totalPence };
}

/**
 * Locks the selectable payments and stages what each becomes into `staging` (CSV rows for
 * COPY_INTO_STAGE_TABLE). Memory stays flat whatever the number of payments.
 */
export async function stageSelectableBankPayments(
  client: pg.PoolClient,
  key: Buffer,
  staging: StagingFile,
): Promise<StagedSelection> {
  let seq = 0;
  const stage = (fields: (string | number | null)[]) => staging.write(csvRow([++seq, ...fields]));
  return classifySelectableBankPayments(client, key, SELECTABLE_BANK_PAYMENTS, {
    hold: (hold) => {
      const { timelineDetail, warning } = stagedHold(hold);
      return stage(["H", hold.paymentId, null, null, null, null, null, hold.reason, hold.detail, timelineDetail, warning]);
    },
    // The line keeps the very ciphertext it was made from (the details it pays to, encrypted), and
    // that ciphertext's lookup hash, so "paid to the same account" can be found later.
    line: (line, { ciphertext, lookupHash }) =>
      stage([
        "L",
        line.paymentId,
        line.lineNo,
        line.amountPence,
        line.fileReference,
        ciphertext,
        lookupHash,
        null,
        null,
        null,
        null,
      ]),
    cleaned: (warning) =>
      stage(["W", warning.paymentId, null, null, null, null, null, null, null, null, JSON.stringify(warning)]),
  });
}
