import { readFile } from "node:fs/promises";
import path from "node:path";
import type { StaffMember } from "@/lib/audit/record-audit";
import { holidaySet, SHIPPED_BANK_HOLIDAYS } from "@/lib/bank-holidays/bank-holidays";
import { openFileDownload } from "@/lib/batches/open-file-download";
import type { AppConfig } from "@/lib/config/schema";
import { keyFromBase64 } from "@/lib/crypto/bank-details-cipher";
import { runDirectPayments } from "@/lib/direct-payments/run-direct-payments";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { importPaymentCodes } from "@/lib/payout/payment-codes/import-payment-codes";
import { importReconciliation } from "@/lib/payout/reconciliation/import-reconciliation";
import { runPayoutPayments } from "@/lib/payout/run-payout-payments";
import { LocalFolderDeliverer } from "@/lib/payout/transfer/local-folder-deliverer";
import { approveCycle } from "@/lib/plans/cycles/approve-cycle";
import { createCycle } from "@/lib/plans/cycles/create-cycle";
import { decideSuspendedPayments } from "@/lib/plans/cycles/decide-suspended-payments";
import { proposeBeneficiaryBankDetails } from "@/lib/plans/enrolments/beneficiary-bank-details";
import { dateFieldValues } from "@/lib/plans/enrolments/date-fields";
import { ENROLLED_TO, endEnrolment } from "@/lib/plans/enrolments/end-enrolment";
import { proposePaymentMethod } from "@/lib/plans/enrolments/propose-payment-method";
import type { RunSummary } from "@/lib/runs/run-summary";
import { createFileStore, type FileStore } from "@/lib/storage";
import type { UploadOutcome } from "@/lib/uploads/receive-upload";
import {
  ACCOUNTANT2_EMAIL,
  ACCOUNTANT_EMAIL,
  CASEWORKER_EMAIL,
  DEMO_BENEFIT_PLAN_CODE,
  demoPaymentCodeFile,
  demoReconciliationReport,
  PLAN_MANAGER_EMAIL,
  SSCL_FINANCE_EMAIL,
  type DemoBenefits,
} from "./demo-benefits";
import { insertDemoBenefits } from "./demo-benefits-insert";

// The recurring-benefits demo (docs/demo-benefits.md), played through the product's own services
// in the order staff would have worked, each at its moment of the story (`now` of each call): last
// month's cycle built, its suspended payments decided, approved by a second accountant, paid by the
// direct-payments run (downloaded by SSCL, PAID by a later run's sweep) and the Payout run (codes
// and a reconciliation report uploaded, most vouchers cashed); enrolments ended; this month's cycle
// built and left waiting for approval; new bank details and payment methods proposed.
//
// Called before the claims' demo data exist: the runs pay every NEW payment, and the claims' demo
// story keeps its payments waiting. The Payout files go to a folder of this seed's own under the
// outbox: never to an SFTP server, and never onto a name an earlier demo database delivered.

export type DemoBenefitsSeeded = {
  beneficiaries: number;
  previousCycle: Record<string, number>;
  currentCycle: Record<string, number>;
};

export async function seedDemoBenefits(options: {
  db: PrismaClient;
  data: DemoBenefits;
  key: Buffer;
  settings: AppConfig;
  staff: (email: string) => StaffMember;
}): Promise<DemoBenefitsSeeded> {
  const { db, data, key, settings, staff } = options;
  const script = data.script;
  const store = createFileStore(settings);
  await insertDemoBenefits(db, data, key);

  const previous = await createCycle({
    db,
    paymentPlanId: data.paymentPlan.id,
    periodStart: script.previousPeriodStart,
    actor: staff(ACCOUNTANT_EMAIL),
    now: script.previousCycle.createdAt,
  });
  await decideSuspended(db, previous.cycleId, data, staff(ACCOUNTANT_EMAIL));
  const { version } = await db.paymentCycle.findUniqueOrThrow({ where: { id: previous.cycleId }, select: { version: true } });
  await approveCycle({
    db,
    cycleId: previous.cycleId,
    expectedVersion: version,
    actor: staff(ACCOUNTANT2_EMAIL),
    now: script.previousCycle.approvedAt,
  });
  await payPreviousCycle({ db, data, key, settings, store, staff });

  for (const ending of script.endings) {
    const fields: Record<string, string> = { ...dateFieldValues(ENROLLED_TO, ending.enrolledTo), endReason: ending.reason };
    await endEnrolment({
      db,
      planCode: DEMO_BENEFIT_PLAN_CODE,
      personReference: ending.personReference,
      read: (name) => fields[name],
      actor: staff(PLAN_MANAGER_EMAIL),
      now: ending.at,
    });
  }
  const current = await createCycle({
    db,
    paymentPlanId: data.paymentPlan.id,
    periodStart: script.currentPeriodStart,
    actor: staff(ACCOUNTANT_EMAIL),
    now: script.currentCycle.createdAt,
  });
  // npm start generates BANK_DETAILS_LOOKUP_KEY before it seeds (lib/config/demo-secrets.ts).
  if (!settings.bankDetailsLookupKey) throw new Error("BANK_DETAILS_LOOKUP_KEY is not set: the demo seed needs it");
  const lookupKey = keyFromBase64(settings.bankDetailsLookupKey);
  for (const proposal of script.bankDetailsProposals) {
    const fields: Record<string, string> = { ...proposal.details, rollNumber: proposal.details.rollNumber ?? "" };
    await proposeBeneficiaryBankDetails({
      db,
      key,
      lookupKey,
      planCode: DEMO_BENEFIT_PLAN_CODE,
      personReference: proposal.personReference,
      read: (name) => fields[name],
      actor: staff(PLAN_MANAGER_EMAIL),
      now: proposal.at,
    });
  }
  for (const proposal of script.methodProposals) {
    await proposePaymentMethod({
      db,
      planCode: DEMO_BENEFIT_PLAN_CODE,
      personReference: proposal.personReference,
      method: proposal.method,
      actor: staff(PLAN_MANAGER_EMAIL),
      now: proposal.at,
    });
  }
  return {
    beneficiaries: data.enrolments.length,
    previousCycle: await paymentsByStatus(db, previous.cycleId),
    currentCycle: await paymentsByStatus(db, current.cycleId),
  };
}

/** The generator chose who is above the limit from the rule; the payroll the product built must agree. */
async function decideSuspended(db: PrismaClient, cycleId: string, data: DemoBenefits, accountant: StaffMember): Promise<void> {
  const suspended = await db.payment.findMany({
    where: { cycleId, status: "SUSPENDED" },
    select: { id: true, person: { select: { reference: true } } },
  });
  const idOf = new Map(suspended.map((p) => [p.person.reference, p.id]));
  const decisions = data.script.previousCycle.decisions;
  const expected = decisions.flatMap((d) => d.personReferences).sort();
  if (JSON.stringify([...idOf.keys()].sort()) !== JSON.stringify(expected)) {
    throw new Error(
      `the demo expected ${expected.length} suspended payments in last month's cycle, the payroll has ${idOf.size}`,
    );
  }
  for (const d of decisions) {
    await decideSuspendedPayments({
      db,
      cycleId,
      paymentIds: d.personReferences.map((reference) => idOf.get(reference)!),
      decision: d.decision,
      note: d.note,
      actor: accountant,
      now: d.at,
    });
  }
}

async function payPreviousCycle(options: {
  db: PrismaClient;
  data: DemoBenefits;
  key: Buffer;
  settings: AppConfig;
  store: FileStore;
  staff: (email: string) => StaffMember;
}): Promise<void> {
  const { db, key, settings, store, staff } = options;
  const script = options.data.script.previousCycle;
  const holidays = holidaySet(SHIPPED_BANK_HOLIDAYS);
  const template = await readFile(settings.adiTemplatePath);
  const bankRun = (now: Date) =>
    runDirectPayments({
      db,
      store,
      key,
      template,
      templateExtension: path.extname(settings.adiTemplatePath).slice(1).toLowerCase(),
      now,
      triggeredBy: "cron",
      holidays,
    });

  const bank = expectRun(await bankRun(script.bankRunAt), "SUCCEEDED");
  const payout = expectRun(
    await runPayoutPayments({
      db,
      store,
      deliverer: new LocalFolderDeliverer(path.join(settings.payoutOutboxDir, `demo-seed-${Date.now()}`)),
      key,
      settings: {
        maxPerFile: settings.payoutMaxPerFile,
        prefix: settings.payoutFilePrefix,
        suffix: settings.payoutFileSuffix,
        letterTemplateCode: settings.payoutLetterTemplateCode,
        voucherValidityDays: settings.voucherValidityDays,
      },
      now: script.payoutRunAt,
      triggeredBy: "cron",
      alertAddresses: [],
    }),
    "SUCCEEDED",
  );

  // SSCL finance downloads both files (the AccessPay file and the ADI journal), as the bank admin page asks.
  const bankFiles = await db.batchFile.findMany({ where: { batch: { runId: bank.runId! } }, select: { id: true } });
  for (const [i, file] of bankFiles.entries()) {
    const download = await openFileDownload({
      db,
      store,
      fileId: file.id,
      user: staff(SSCL_FINANCE_EMAIL),
      now: new Date(script.downloadedAt.getTime() + i * 60_000),
    });
    await download.stream.cancel();
  }

  const payoutFiles = await db.batchFile.findMany({
    where: { kind: "PAYOUT_CSV", batch: { runId: payout.runId! } },
    select: { fileName: true, storageKey: true, batchId: true },
    orderBy: { fileName: "asc" },
  });
  const texts = await Promise.all(payoutFiles.map(async (f) => (await store.get(f.storageKey)).toString("utf8")));
  for (const [i, file] of payoutFiles.entries()) {
    expectApplied(
      await importPaymentCodes({
        db,
        store,
        batchId: file.batchId,
        voucherValidityDays: settings.voucherValidityDays,
        fileName: file.fileName.replace(/\.csv$/, "_codes.csv"),
        bytes: Buffer.from(demoPaymentCodeFile(texts[i], script.paymentCodes)),
        actor: staff(CASEWORKER_EMAIL),
        now: script.codesUploadedAt,
      }),
      "payment codes",
    );
  }
  expectRun(await bankRun(script.paidSweepAt), "EMPTY");
  const day = script.cashedOn.replaceAll("-", "");
  expectApplied(
    await importReconciliation({
      db,
      store,
      fileName: `payout_reconciliation_${day}.csv`,
      bytes: Buffer.from(demoReconciliationReport(texts.join(""), script.paymentCodes, script.cashed, script.cashedOn)),
      actor: staff(CASEWORKER_EMAIL),
      now: script.reconciliationUploadedAt,
    }),
    "reconciliation report",
  );
}

function expectRun(summary: RunSummary, status: RunSummary["status"]): RunSummary {
  if (summary.status !== status) {
    throw new Error(
      `the demo's ${summary.kind} run ended ${summary.status}, not ${status}${summary.error ? `: ${summary.error}` : ""}`,
    );
  }
  return summary;
}

function expectApplied(outcome: UploadOutcome, what: string): void {
  if (outcome.status === "APPLIED") return;
  const why = outcome.status === "REJECTED" ? `: ${outcome.errors.map((e) => e.message).join("; ")}` : "";
  throw new Error(`the demo's ${what} upload was ${outcome.status}${why}`);
}

async function paymentsByStatus(db: PrismaClient, cycleId: string): Promise<Record<string, number>> {
  const groups = await db.payment.groupBy({ by: ["status"], where: { cycleId }, _count: true });
  return Object.fromEntries(groups.map((g) => [g.status, g._count]));
}
