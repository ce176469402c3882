import type pg from "pg";
import { csvRow, forEachCopyRow, type CopyRow } from "@/lib/db/copy-rows";
import type { StagingFile } from "@/lib/db/staging-file";
import { stagedHold } from "@/lib/batches/stage-run-selection";
import type { HoldReason } from "@/lib/generated/prisma/enums";
import type { RunWarning } from "@/lib/runs/run-warnings";
import { formatPayoutFile, type PayoutPaymentInput, type PayoutWarning } from "./format-payout-file";
import { encryptPayoutLine, payoutLineTexts } from "./payout-line-copy";

// The Payout run's selection (docs/runs.md#payout-run): every NEW cash payment not on hold, oldest
// first, locked FOR UPDATE for the rest of the selecting transaction (the run lock keeps Payout runs
// single, so nothing is skipped). A payment already on a live file line belongs to another run's
// unfinished batch and is left to it: it must never be in two files.
//
// One statement locks them and streams them out with the name and address of the person paid
// (Payment.personId), the claim's event date or the cycle's first day, and the cycle's plan's own
// letter template code if it has one (COPY … TO STDOUT). They go through the pure formatPayoutFile a bounded chunk
// at a time, and what each becomes (a line of batch n with its text encrypted, the line's own copy
// of what it pays to; a hold; a cleaning warning) is written to a staging file, never kept in
// memory. The run then COPYs it into STAGE_TABLE and does the rest in SQL.

/** The selection without its locks: what the preview reads (docs/run-preview.md). */
export const SELECTABLE_CASH_PAYMENTS_UNLOCKED = `
  SELECT p.id, p.reference, p."amountPence", c."firstName", c."lastName", c."addressLine1", c.town, c.county,
         c.country, c.postcode, to_char(coalesce(cl."eventDate", cy."periodStart"), 'YYYY-MM-DD'), pp."letterTemplateCode"
  FROM "Payment" p
  JOIN "Claimant" c ON c.id = p."personId"
  LEFT JOIN "Claim" cl ON cl.id = p."claimId"
  LEFT JOIN "PaymentCycle" cy ON cy.id = p."cycleId"
  LEFT JOIN "PaymentPlan" pp ON pp.id = cy."paymentPlanId"
  WHERE p.status = 'NEW' AND p.method = 'CASH' AND p."holdReason" IS NULL
    AND NOT EXISTS (SELECT 1 FROM "FileLine" l WHERE l."paymentId" = p.id AND NOT l."isVoid")
  ORDER BY p."createdAt", p.id`;

export const SELECTABLE_CASH_PAYMENTS = `${SELECTABLE_CASH_PAYMENTS_UNLOCKED}
  FOR UPDATE OF p`;

/** The temporary table the staging file goes into, dropped at the end of the transaction. */
export const STAGE_TABLE = "payout_selection";

/**
 * One row per line (kind L, with its batch number from 1, its line number in that batch and its
 * text encrypted), hold (H) or cleaning warning (W), in the order the payments came (seq). A hold
 * and a warning carry the run warning that names them, as JSON.
 */
export const CREATE_STAGE_TABLE = `
  CREATE TEMP TABLE ${STAGE_TABLE} (
    seq int NOT NULL, kind char(1) NOT NULL, payment_id uuid NOT NULL,
    batch_no int, line_no int, amount_pence int, file_reference text,
    reason text, detail text, timeline_detail text, warning jsonb, line_copy text
  ) ON COMMIT DROP`;

export const COPY_INTO_STAGE_TABLE = `
  COPY ${STAGE_TABLE} (seq, kind, payment_id, batch_no, line_no, amount_pence, file_reference,
                       reason, detail, timeline_detail, warning, line_copy)
  FROM STDIN (FORMAT csv)`;

/** Payments go through the formatter this many at a time: memory is bounded by it, not by the run. */
export const FORMAT_CHUNK = 500;

export interface StagedBatch {
  batchNo: number;
  lines: number;
  totalPence: number;
}

export interface StagedCashSelection {
  /** Payments selected (and locked). */
  selected: number;
  lines: number;
  totalPence: number;
  held: number;
  /** One per file of at most `maxPerFile` lines, in order (a handful, never one per payment). */
  batches: StagedBatch[];
}

/**
 * One row of SELECTABLE_CASH_PAYMENTS as the formatter's input: the letter template code is the
 * cycle's plan's when it sets one, else the setting's (`letterTemplateCode`).
 */
export function payoutInput(row: CopyRow, letterTemplateCode: string): PayoutPaymentInput {
  const [id, reference, amount, firstName, lastName, addressLine1, town, county, country, postcode, eventDate, planCode] = row;
  return {
    paymentId: id!,
    paymentReference: reference!,
    amountPence: Number(amount),
    firstName: firstName ?? "",
    lastName: lastName ?? "",
    addressLine1: addressLine1 ?? "",
    town: town ?? "",
    county,
    country: country ?? "",
    postcode: postcode ?? "",
    letterTemplateCode: planCode || letterTemplateCode,
    eventDate: eventDate!,
  };
}

/** A cleaning warning as the run records it: the value before and after first, then what changed. */
export function cleanedWarning(w: PayoutWarning): Extract<RunWarning, { kind: "VALUE_CLEANED" }> {
  return {
    kind: "VALUE_CLEANED",
    paymentId: w.paymentId,
    reference: w.paymentReference,
    field: w.field,
    changes: [`${w.before} -> ${w.after}`, ...w.changes],
  };
}

/** A line of the Payout file as the selection numbers it: batch n (from 1), line m of that batch. */
export interface SelectedPayoutLine {
  paymentId: string;
  paymentReference: string;
  batchNo: number;
  lineNo: number;
  amountPence: number;
  /** The line's text as the file will carry it. */
  text: string;
}

/**
 * Where what each selectable cash payment becomes goes, in the order the payments come: the run
 * stages it for COPY (stageSelectableCashPayments), the preview only counts it (lib/runs/preview/).
 */
export interface CashSelectionSink {
  line(line: SelectedPayoutLine): void | Promise<void>;
  hold(hold: { paymentId: string; reference: string; reason: HoldReason; detail: string }): void | Promise<void>;
  cleaned(warning: Extract<RunWarning, { kind: "VALUE_CLEANED" }>): void | Promise<void>;
}

/**
 * Streams the payments of `query` (SELECTABLE_CASH_PAYMENTS or its unlocked form) through the pure
 * formatPayoutFile a bounded chunk at a time, numbering the lines into batches of at most
 * `maxPerFile`, and tells `sink` what each becomes. Memory stays flat whatever the number of payments.
 */
export async function classifySelectableCashPayments(
  client: pg.PoolClient,
  query: string,
  options: { letterTemplateCode: string; maxPerFile: number },
  sink: CashSelectionSink,
): Promise<StagedCashSelection> {
  const { letterTemplateCode, maxPerFile } = options;
  const batches: StagedBatch[] = [];
  const counts = { selected: 0, lines: 0, totalPence: 0, held: 0 };
  let chunk: PayoutPaymentInput[] = [];

  const flush = async () => {
    if (chunk.length === 0) return;
    const file = formatPayoutFile(chunk);
    const texts = payoutLineTexts(file);
    const lines = new Map(file.lines.map((l, i) => [l.paymentId, { ...l, text: texts[i] }]));
    const excluded = new Map(file.excluded.map((e) => [e.paymentId, e]));
    const warnings = new Map<string, PayoutWarning[]>();
    for (const w of file.warnings) warnings.set(w.paymentId, [...(warnings.get(w.paymentId) ?? []), w]);
    // In the order the payments came, each with what became of it.
    for (const input of chunk) {
      const exclusion = excluded.get(input.paymentId);
      if (exclusion) {
        counts.held += 1;
        const { reason, detail } = exclusion;
        await sink.hold({ paymentId: exclusion.paymentId, reference: exclusion.paymentReference, reason, detail });
        continue;
      }
      const line = lines.get(input.paymentId)!;
      const index = counts.lines; // 0-based over the whole run
      counts.lines += 1;
      counts.totalPence += line.amountPence;
      const batchNo = Math.floor(index / maxPerFile) + 1;
      if (batches.length < batchNo) batches.push({ batchNo, lines: 0, totalPence: 0 });
      const batch = batches[batchNo - 1];
      batch.lines += 1;
      batch.totalPence += line.amountPence;
      const lineNo = (index % maxPerFile) + 1;
      const { paymentId, paymentReference, amountPence, text } = line;
      await sink.line({ paymentId, paymentReference, batchNo, lineNo, amountPence, text });
      for (const w of warnings.get(input.paymentId) ?? []) await sink.cleaned(cleanedWarning(w));
    }
    chunk = [];
  };

  await forEachCopyRow(client, query, async (row) => {
    counts.selected += 1;
    chunk.push(payoutInput(row, letterTemplateCode));
    if (chunk.length >= FORMAT_CHUNK) await flush();
  });
  await flush();
  return { ...counts, batches };
}

/**
 * Locks the selectable cash payments and stages what each becomes into `staging` (CSV rows for
 * COPY_INTO_STAGE_TABLE): lines numbered into batches of at most `maxPerFile`, each with its text
 * encrypted with `key` (the bank-details key). Memory stays flat whatever the number of payments.
 */
export async function stageSelectableCashPayments(
  client: pg.PoolClient,
  staging: StagingFile,
  options: { key: Buffer; letterTemplateCode: string; maxPerFile: number },
): Promise<StagedCashSelection> {
  const { key } = options;
  let seq = 0;
  const stage = (fields: (string | number | null)[]) => staging.write(csvRow([++seq, ...fields]));
  return classifySelectableCashPayments(client, SELECTABLE_CASH_PAYMENTS, options, {
    hold: (hold) => {
      const held = stagedHold(hold);
      return stage([
        "H",
        hold.paymentId,
        null,
        null,
        null,
        null,
        hold.reason,
        hold.detail,
        held.timelineDetail,
        held.warning,
        null,
      ]);
    },
    // The line keeps its own text, encrypted: what the stored file is made of, on every attempt.
    line: (line) =>
      stage([
        "L",
        line.paymentId,
        line.batchNo,
        line.lineNo,
        line.amountPence,
        line.paymentReference,
        null,
        null,
        null,
        null,
        encryptPayoutLine(line.text, key),
      ]),
    cleaned: (warning) =>
      stage(["W", warning.paymentId, null, null, null, null, null, null, null, JSON.stringify(warning), null]),
  });
}
