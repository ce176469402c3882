import { recordAuditSql } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { log } from "@/lib/log";
import { raiseAlert } from "@/lib/notify/raise-alert";
import { importPaymentCodes } from "@/lib/payout/payment-codes/import-payment-codes";
import { importReconciliation } from "@/lib/payout/reconciliation/import-reconciliation";
import { reached, type RunFaults } from "@/lib/runs/run-faults";
import type { FileStore } from "@/lib/storage/file-store";
import type { UploadOutcome } from "@/lib/uploads/receive-upload";
import { ensureInboxActor, type InboxActor } from "./inbox-actor";
import { withInboxLock } from "./inbox-lock";
import { InboxError, type InboxFolder, type PayoutInbox, type PayoutInboxServer } from "./payout-inbox";
import { classifyReturnFile, type ReturnFileKind } from "./rules/classify-return-file";
import { errorNote, rejectionReason, tooLargeReason } from "./rules/describe-inbox-file";
import { INBOX_FILES_PER_RUN, selectInboxFiles, type InboxEntry } from "./rules/select-inbox-files";

/**
 * The Payout inbox (docs/file-formats.md#incoming-folder): return files the Post Office puts in
 * PAYOUT_SFTP_INBOX are fetched and imported through the same upload shell as a caseworker's upload,
 * as the "Payout inbox" system actor, then moved on the server to processed/ (APPLIED, DUPLICATE)
 * or error/ (REJECTED, not a return file, too large) with a note saying why. In order, per file,
 * oldest first, at most `limit` a run:
 *
 *   1. read it (at most maxBytes: a larger file is not imported, nor read past the limit);
 *   2. decide its kind from its first line (classifyReturnFile);
 *   3. import it: one transaction, the same sha256 as an applied upload of the kind is a DUPLICATE;
 *   4. move it, then record where it went (audit; an alert for error/).
 *
 * A crash or a lost connection between 3 and 4 leaves the file in the folder: the next run imports
 * it again, finds the same bytes applied (DUPLICATE, nothing changed) and moves it. A fault of ours
 * during the import leaves the file where it is too, for the next run.
 */

export interface FetchPayoutReturnsOptions {
  db: Db;
  store: FileStore;
  server: PayoutInboxServer;
  now: Date;
  /** UPLOAD_MAX_MB, in bytes. */
  maxBytes: number;
  /** For a voucher whose expiry the run did not record (VOUCHER_VALIDITY_DAYS). */
  voucherValidityDays: number;
  /** Who is told about a file moved to error/ (SUPPORT_ALERT_EMAILS). */
  alertAddresses: readonly string[];
  /** At most this many files a run; default INBOX_FILES_PER_RUN. */
  limit?: number;
  /** Crash tests: "imported" is reached after a file's import committed, before it is moved. */
  faults?: RunFaults;
}

export type InboxFileOutcome =
  /** Imported and applied: moved to processed/. */
  | "APPLIED"
  /** The same bytes were applied before (a re-run after a crash, or a caseworker uploaded it): moved to processed/. */
  | "DUPLICATE"
  /** Imported, and rejected by the upload's checks (nothing applied): moved to error/. */
  | "REJECTED"
  /** Not imported (not a return file, or too large): moved to error/. */
  | "REFUSED"
  /** Our fault during the import: left in the folder for the next run. */
  | "FAILED";

export interface InboxFileResult {
  fileName: string;
  kind: ReturnFileKind | null;
  outcome: InboxFileOutcome;
  uploadId?: string;
  /** Where it is now on the server, e.g. "processed/x.csv"; absent when it was left in the folder. */
  movedTo?: string;
  reason?: string;
}

export type InboxRunResult =
  | { status: "NOT_CONFIGURED"; message: string }
  | { status: "BUSY"; message: string }
  | {
      /** FAILED: the server could not be read, or a file not moved; the files before it are done. */
      status: "DONE" | "FAILED";
      target: string;
      files: InboxFileResult[];
      /** Files left for the next run by the per-run limit. */
      waiting: number;
      error?: string;
    };

export async function fetchPayoutReturns(options: FetchPayoutReturnsOptions): Promise<InboxRunResult> {
  const { db, server } = options;
  const actor = await ensureInboxActor(db, options.now);
  const files: InboxFileResult[] = [];
  let waiting = 0;
  const outcome = await withInboxLock(db, async () => {
    try {
      await server.open(async (inbox) => {
        const selected = selectInboxFiles(await inbox.list(), options.limit ?? INBOX_FILES_PER_RUN);
        waiting = selected.waiting;
        for (const entry of selected.take) files.push(await takeFile(options, inbox, actor, entry));
      });
      return undefined;
    } catch (error) {
      if (!(error instanceof InboxError)) throw error;
      log.error({ err: error, target: server.target }, "payout inbox: the run stopped");
      return error.message;
    }
  });
  if (outcome === "BUSY") return { status: "BUSY", message: "Another fetch of the Payout inbox is under way: nothing was done." };
  return {
    status: outcome === undefined ? "DONE" : "FAILED",
    target: server.target,
    files,
    waiting,
    ...(outcome === undefined ? {} : { error: outcome }),
  };
}

async function takeFile(
  options: FetchPayoutReturnsOptions,
  inbox: PayoutInbox,
  actor: InboxActor,
  entry: InboxEntry,
): Promise<InboxFileResult> {
  const fileName = entry.name;
  // Too large by the listing: not read at all; by the read (it grew meanwhile): not read past the limit.
  const bytes = entry.size > options.maxBytes ? "TOO_LARGE" : await inbox.read(fileName, options.maxBytes);
  if (bytes === "TOO_LARGE") return refuse({ options, inbox, actor, fileName, reason: tooLargeReason(options.maxBytes) });

  const classified = classifyReturnFile(bytes);
  if (classified.kind === null) return refuse({ options, inbox, actor, fileName, reason: classified.reason });
  const kind = classified.kind;

  let imported: UploadOutcome;
  try {
    imported = await importFile(options, actor, kind, fileName, bytes);
  } catch (error) {
    log.error({ err: error, fileName, target: options.server.target }, "payout inbox: import failed");
    return {
      fileName,
      kind,
      outcome: "FAILED",
      reason:
        "The import failed because of a fault on our side: the file stays in the folder and is tried again on the next run.",
    };
  }
  await reached(options.faults, "imported");

  if (imported.status === "REJECTED") {
    const reason = rejectionReason({ kind, uploadId: imported.uploadId, counts: imported.counts, errors: imported.errors });
    const errors = imported.errors.map((e) => e.message);
    return moveToError({
      options,
      inbox,
      actor,
      fileName,
      kind,
      outcome: "REJECTED",
      uploadId: imported.uploadId,
      reason,
      errors,
    });
  }
  const movedTo = await inbox.move(fileName, "processed");
  const result: InboxFileResult = { fileName, kind, outcome: imported.status, uploadId: imported.uploadId, movedTo };
  await record(options, actor, result);
  return result;
}

/** The upload shell, as the inbox actor: the same checks, records and duplicate rule as a caseworker's upload. */
function importFile(
  options: FetchPayoutReturnsOptions,
  actor: InboxActor,
  kind: ReturnFileKind,
  fileName: string,
  bytes: Buffer,
): Promise<UploadOutcome> {
  const common = { db: options.db, store: options.store, fileName, bytes, actor, now: options.now, maxBytes: options.maxBytes };
  switch (kind) {
    case "PAYOUT_PAYMENT_CODES":
      return importPaymentCodes({ ...common, voucherValidityDays: options.voucherValidityDays });
    case "PAYOUT_RECONCILIATION":
      return importReconciliation({ ...common, mover: "SYSTEM" });
  }
}

function refuse(input: {
  options: FetchPayoutReturnsOptions;
  inbox: PayoutInbox;
  actor: InboxActor;
  fileName: string;
  reason: string;
}): Promise<InboxFileResult> {
  return moveToError({ ...input, kind: null, outcome: "REFUSED" });
}

async function moveToError(input: {
  options: FetchPayoutReturnsOptions;
  inbox: PayoutInbox;
  actor: InboxActor;
  fileName: string;
  kind: ReturnFileKind | null;
  outcome: "REJECTED" | "REFUSED";
  uploadId?: string;
  reason: string;
  errors?: readonly string[];
}): Promise<InboxFileResult> {
  const { options, inbox, fileName, reason } = input;
  const folder: InboxFolder = "error";
  const movedTo = await inbox.move(fileName, folder);
  const noted = await inbox.writeNote(
    `${movedTo}.txt`,
    errorNote({ fileName, movedTo, at: options.now, reason, errors: input.errors }),
  );
  if (!noted) log.warn({ fileName, movedTo, target: options.server.target }, "payout inbox: the server refused the note");
  const result: InboxFileResult = {
    fileName,
    kind: input.kind,
    outcome: input.outcome,
    ...(input.uploadId === undefined ? {} : { uploadId: input.uploadId }),
    movedTo,
    reason,
  };
  await record(options, input.actor, result);
  return result;
}

/** The audit row (as the inbox actor) of where a file went, and for error/ an alert to support. */
async function record(options: FetchPayoutReturnsOptions, actor: InboxActor, result: InboxFileResult): Promise<void> {
  const { server, now } = options;
  await withPgTransaction(options.db, async (tx) => {
    await recordAuditSql(tx, {
      actor,
      action: result.movedTo?.startsWith("error/") ? "payout-inbox.file-refused" : "payout-inbox.file-processed",
      entityType: "PayoutInboxFile",
      entityId: result.fileName,
      after: {
        target: server.target,
        movedTo: result.movedTo ?? null,
        kind: result.kind,
        outcome: result.outcome,
        uploadId: result.uploadId ?? null,
        reason: result.reason ?? null,
      },
    });
    if (result.movedTo?.startsWith("error/")) {
      await raiseAlert(tx, {
        kind: "payout-inbox-file-refused",
        // The name in error/ is never reused (never overwritten), so each file is one event.
        eventKey: `payout-inbox-error:${server.target}/${result.movedTo}`,
        message:
          `The Payout inbox (${server.target}) did not apply ${result.fileName} and moved it to ${result.movedTo}. ${result.reason} ` +
          "Get a corrected file from the Post Office and put it in the inbox, or upload it on the Payout page.",
        now,
        addresses: options.alertAddresses,
      });
    }
  });
}
