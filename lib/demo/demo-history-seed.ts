import { readFile } from "node:fs/promises";
import path from "node:path";
import type { StaffMember } from "@/lib/audit/record-audit";
import { openFileDownload } from "@/lib/batches/open-file-download";
import { voidBatch } from "@/lib/batches/void-batch";
import { createClaim } from "@/lib/claims/create-claim";
import { decideClaim } from "@/lib/claims/decide-claim";
import { claimIntakeSchema } from "@/lib/claims/intake/claim-intake-schema";
import type { AppConfig } from "@/lib/config/schema";
import { keyFromBase64 } from "@/lib/crypto/bank-details-cipher";
import { addCalendarDays, londonDate } from "@/lib/dates/london-date";
import { importFailedPayments } from "@/lib/direct-payments/failed-payments/import-failed-payments";
import { runDirectPayments } from "@/lib/direct-payments/run-direct-payments";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { importPaymentCodes } from "@/lib/payout/payment-codes/import-payment-codes";
import { importReconciliation } from "@/lib/payout/reconciliation/import-reconciliation";
import { runPayoutPayments } from "@/lib/payout/run-payout-payments";
import { LocalFolderDeliverer } from "@/lib/payout/transfer/local-folder-deliverer";
import type { RunSummary } from "@/lib/runs/run-summary";
import { createFileStore, type FileStore } from "@/lib/storage";
import type { UploadOutcome } from "@/lib/uploads/receive-upload";
import type { DemoHistory, HistoryStep } from "./demo-history";

// The demo's six weeks of history (docs/demo-history.md), played through the product's own
// services in time order, each call at its moment (`now`): claims received through the intake
// service and approved by caseworkers, the weekly direct-payments runs (their PAID sweep included),
// SSCL's downloads, a voided batch and its re-run, a failed-payments upload, three Payout runs with
// their codes and the Post Office's reconciliation report. Nothing is inserted directly.
//
// Played after the recurring-benefits demo and before the claims' demo data: each run pays every
// NEW payment there is, and the claims' demo story keeps its approved payments waiting for a run.

/** Who the intake service's audit names: the seed, standing in for the online service. */
const INTAKE_ACTOR = { system: "demo history (as the online service)" } as const;
const PAYOUT_REFERENCE_COLUMN = 12;
const PAYOUT_AMOUNT_COLUMN = 0;

export type DemoHistorySeeded = {
  claims: number;
  bankRuns: number;
  payoutRuns: number;
  payments: Record<string, number>;
};

type Voucher = { reference: string; amount: string; code: string };

export async function seedDemoHistory(options: {
  db: PrismaClient;
  history: DemoHistory;
  key: Buffer;
  settings: AppConfig;
  /** England and Wales bank holidays (YYYY-MM-DD), as the generator had them: the PAID rule's. */
  holidays: ReadonlySet<string>;
  staff: (email: string) => StaffMember;
}): Promise<DemoHistorySeeded> {
  const { db, history, key, settings, holidays, staff } = options;
  const store = createFileStore(settings);
  // npm start generates BANK_DETAILS_LOOKUP_KEY before it seeds (lib/config/demo-secrets.ts).
  if (!settings.bankDetailsLookupKey) throw new Error("BANK_DETAILS_LOOKUP_KEY is not set: the demo seed needs it");
  const lookupKey = keyFromBase64(settings.bankDetailsLookupKey);
  const limits = {
    secondApprovalThresholdPence: settings.secondApprovalThresholdPence,
    lineMaximumPence: settings.lineMaximumPence,
  };
  const template = await readFile(settings.adiTemplatePath);
  // A folder of this seed's own: never an SFTP server, never a name an earlier demo database delivered.
  const deliverer = new LocalFolderDeliverer(path.join(settings.payoutOutboxDir, `demo-seed-${Date.now()}-history`));

  const claimReferences = new Map<number, string>();
  const runIds = new Map<string, string>();
  const vouchers = new Map<string, Voucher[]>();
  const paymentIds: string[] = [];

  const play: { [K in HistoryStep["kind"]]: (step: Extract<HistoryStep, { kind: K }>) => Promise<void> } = {
    "claim-received": async (step) => {
      const parsed = claimIntakeSchema(londonDate(step.at)).safeParse(step.intake);
      if (!parsed.success) throw new Error(`the demo history's claim ${step.claim} is not valid: ${parsed.error.message}`);
      const created = await createClaim({
        db,
        key,
        lookupKey,
        intake: parsed.data,
        source: "API",
        actor: INTAKE_ACTOR,
        now: step.at,
      });
      claimReferences.set(step.claim, created.reference);
    },
    "claim-approved": async (step) => {
      const reference = claimReferences.get(step.claim)!;
      const claim = await db.claim.findUniqueOrThrow({ where: { reference }, select: { version: true } });
      const decided = await decideClaim({
        db,
        key,
        reference,
        expectedVersion: claim.version,
        // Every line approved as claimed.
        read: (name) => (name.endsWith("-decision") ? "APPROVE" : undefined),
        actor: staff(step.caseworker),
        limits,
        now: step.at,
      });
      if (decided.outcome !== "APPROVED") throw new Error(`the demo history's claim ${reference} was not approved`);
      paymentIds.push(decided.payment.id);
    },
    "bank-run": async (step) => {
      const summary = await runDirectPayments({
        db,
        store,
        key,
        template,
        templateExtension: path.extname(settings.adiTemplatePath).slice(1).toLowerCase(),
        now: step.at,
        triggeredBy: step.triggeredBy,
        holidays,
      });
      runIds.set(step.run, expectRun(summary, "SUCCEEDED").runId!);
    },
    "payout-run": async (step) => {
      const summary = await runPayoutPayments({
        db,
        store,
        deliverer,
        key,
        settings: {
          maxPerFile: settings.payoutMaxPerFile,
          prefix: settings.payoutFilePrefix,
          suffix: settings.payoutFileSuffix,
          letterTemplateCode: settings.payoutLetterTemplateCode,
          voucherValidityDays: settings.voucherValidityDays,
        },
        now: step.at,
        triggeredBy: "cron",
        alertAddresses: [],
      });
      runIds.set(step.run, expectRun(summary, "SUCCEEDED").runId!);
    },
    "files-downloaded": async (step) => {
      const files = await db.batchFile.findMany({
        where: { isVoid: false, batch: { runId: runIds.get(step.run)! } },
        select: { id: true },
        orderBy: { kind: "asc" },
      });
      for (const [i, file] of files.entries()) {
        const download = await openFileDownload({
          db,
          store,
          fileId: file.id,
          user: staff(step.by),
          now: new Date(step.at.getTime() + i * 60_000),
        });
        await download.stream.cancel();
      }
    },
    "batch-voided": async (step) => {
      const batch = await db.batch.findFirstOrThrow({ where: { runId: runIds.get(step.run)!, status: "STORED" } });
      const voided = await voidBatch({ db, batchId: batch.id, reason: step.reason, actor: staff(step.by), now: step.at });
      if (voided.outcome !== "VOIDED") throw new Error(`the demo history's void of ${step.run} was ${voided.outcome}`);
    },
    "failures-uploaded": async (step) => {
      const lines = (await runFile(db, store, runIds.get(step.run)!, "ACCESSPAY_CSV")).split("\n").filter(Boolean);
      const rows = step.failures.map((f) => `${lines[f.line]},${f.reason}\n`).join("");
      expectApplied(
        await importFailedPayments({
          db,
          store,
          key,
          fileName: `failed_payments_${londonDate(step.at).replaceAll("-", "")}.csv`,
          bytes: Buffer.from(rows),
          actor: staff(step.by),
          now: step.at,
        }),
        "failed-payments",
      );
    },
    "codes-uploaded": async (step) => {
      const files = await db.batchFile.findMany({
        where: { kind: "PAYOUT_CSV", isVoid: false, batch: { runId: runIds.get(step.run)! } },
        select: { fileName: true, storageKey: true, batchId: true },
        orderBy: { fileName: "asc" },
      });
      const run: Voucher[] = [];
      for (const file of files) {
        const fields = (await store.get(file.storageKey))
          .toString("utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => line.split(","));
        const codeFile = fields.map((f, i) => {
          const code = step.codes[run.length + i];
          if (!code) throw new Error(`the demo history has no payment code for line ${i + 1} of ${file.fileName}`);
          return `${[...f, code].join(",")}\n`;
        });
        run.push(
          ...fields.map((f, i) => ({
            reference: f[PAYOUT_REFERENCE_COLUMN],
            amount: f[PAYOUT_AMOUNT_COLUMN],
            code: step.codes[run.length + i],
          })),
        );
        expectApplied(
          await importPaymentCodes({
            db,
            store,
            batchId: file.batchId,
            voucherValidityDays: settings.voucherValidityDays,
            fileName: file.fileName.replace(/\.csv$/, "_codes.csv"),
            bytes: Buffer.from(codeFile.join("")),
            actor: staff(step.by),
            now: step.at,
          }),
          "payment codes",
        );
      }
      vouchers.set(step.run, run);
    },
    "reconciliation-uploaded": async (step) => {
      const today = londonDate(step.at);
      const rows: string[] = [];
      for (const [run, outcomes] of Object.entries(step.outcomes)) {
        for (const [i, voucher] of (vouchers.get(run) ?? []).entries()) {
          const outcome = outcomes[i];
          if (!outcome || outcome.status === "SENT") continue;
          let date: string;
          if (outcome.status === "EXPIRED") {
            const { voucherExpiresOn } = await db.payment.findUniqueOrThrow({
              where: { reference: voucher.reference },
              select: { voucherExpiresOn: true },
            });
            // Reported the day after its last day to collect; a longer validity leaves it unreported yet.
            if (!voucherExpiresOn) continue;
            date = addCalendarDays(voucherExpiresOn.toISOString().slice(0, 10), 1);
            if (date > today) continue;
          } else date = outcome.date;
          rows.push([voucher.reference, voucher.code, voucher.amount, outcome.status, date].join(","));
        }
      }
      expectApplied(
        await importReconciliation({
          db,
          store,
          fileName: `payout_reconciliation_${today.replaceAll("-", "")}.csv`,
          bytes: Buffer.from(["Reference,Payment Code,Amount,Status,Status Date", ...rows].map((l) => `${l}\n`).join("")),
          actor: staff(step.by),
          now: step.at,
        }),
        "reconciliation report",
      );
    },
  };

  for (const step of history.steps) await (play[step.kind] as (s: HistoryStep) => Promise<void>)(step);

  const groups = await db.payment.groupBy({ by: ["status"], where: { id: { in: paymentIds } }, _count: true });
  return {
    claims: history.claims,
    bankRuns: history.bankRuns,
    payoutRuns: history.payoutRuns,
    payments: Object.fromEntries(groups.map((g) => [g.status, g._count])),
  };
}

async function runFile(db: PrismaClient, store: FileStore, runId: string, kind: "ACCESSPAY_CSV"): Promise<string> {
  const file = await db.batchFile.findFirstOrThrow({ where: { kind, batch: { runId } }, select: { storageKey: true } });
  return (await store.get(file.storageKey)).toString("utf8");
}

function expectRun(summary: RunSummary, status: RunSummary["status"]): RunSummary {
  if (summary.status !== status) {
    throw new Error(
      `the demo history's ${summary.kind} run ended ${summary.status}, not ${status}${summary.error ? `: ${summary.error}` : ""}`,
    );
  }
  return summary;
}

function expectApplied(outcome: UploadOutcome, what: string): void {
  if (outcome.status === "APPLIED") return;
  const why = outcome.status === "REJECTED" ? `: ${outcome.errors.map((e) => e.message).join("; ")}` : "";
  throw new Error(`the demo history's ${what} upload was ${outcome.status}${why}`);
}
