// Shared set-up for the run tests: approved claims with NEW bank payments made the way the portal
// makes them (decideClaim), a write-once store in a temporary folder, the demo ADI template, and
// the checks every crash test makes.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect } from "vitest";
import { decideClaim } from "@/lib/claims/decide-claim";
import { lineFieldName } from "@/lib/claims/rules/decide-lines";
import { encryptBankDetails, type BankDetailsPlain } from "@/lib/crypto/bank-details-cipher";
import { holidaySet, SHIPPED_BANK_HOLIDAYS } from "@/lib/bank-holidays/bank-holidays";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { runDirectPayments, type RunDirectPaymentsOptions } from "@/lib/direct-payments/run-direct-payments";
import { LocalFileStore } from "@/lib/storage/local-file-store";
import { sha256Hex } from "@/lib/storage/file-store";
import { FIXTURE_APPROVAL_LIMITS } from "../support/approve-claim";
import { formReader, makeClaim, VALID_BANK } from "../support/make-claim";
import { makeUser } from "../support/make-user";

export const key = randomBytes(32);
export const template = readFileSync(path.join(process.cwd(), "templates", "adi-journal-demo.xlsx"));
export const holidays = holidaySet(SHIPPED_BANK_HOLIDAYS);
/** A Sunday in November 2026: no clock change or bank holiday nearby. */
export const NOW = new Date("2026-11-22T10:15:30.000Z");
export const LEASE_MS = 60_000;

/** A temporary write-once store for this test file, removed afterwards. */
export function useTempStore(): () => LocalFileStore {
  const dir = mkdtempSync(path.join(tmpdir(), "disburse-runs-"));
  const store = new LocalFileStore(dir);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return () => store;
}

export function runOptions(
  db: PrismaClient,
  store: LocalFileStore,
  overrides: Partial<RunDirectPaymentsOptions> = {},
): RunDirectPaymentsOptions {
  return {
    db,
    store,
    key,
    template,
    templateExtension: "xlsx",
    now: NOW,
    triggeredBy: "test",
    holidays,
    leaseMs: LEASE_MS,
    ...overrides,
  };
}

export function run(db: PrismaClient, store: LocalFileStore, overrides: Partial<RunDirectPaymentsOptions> = {}) {
  return runDirectPayments(runOptions(db, store, overrides));
}

let caseworkerId: Promise<{ id: string; email: string; name: string }> | undefined;

/**
 * An approved claim with its NEW bank payment. `laterBank` replaces the claimant's approved details
 * after approval (approval itself refuses details that fail the modulus check), as a changed
 * modulus table or old data would.
 */
export async function approvedBankPayment(
  db: PrismaClient,
  options: { bank?: BankDetailsPlain; laterBank?: BankDetailsPlain; pence?: number } = {},
) {
  caseworkerId ??= makeUser(db, { role: "CASEWORKER" }).then((u) => ({ id: u.id, email: u.email, name: u.name }));
  const actor = await caseworkerId;
  const { claim, claimant } = await makeClaim(db, key, { bank: options.bank ?? VALID_BANK, lines: [options.pence ?? 1240] });
  const read = formReader(Object.fromEntries(claim.expenses.map((l) => [lineFieldName(l.id, "decision"), "APPROVE"])));
  const decided = await decideClaim({
    db,
    key,
    reference: claim.reference,
    expectedVersion: 0,
    read,
    actor,
    limits: FIXTURE_APPROVAL_LIMITS,
  });
  if (decided.outcome !== "APPROVED") throw new Error("claim was not approved");
  if (options.laterBank) {
    await db.bankDetails.update({
      where: { claimantId: claimant.id },
      data: { ciphertext: encryptBankDetails(options.laterBank, key) },
    });
  }
  const payment = await db.payment.findUniqueOrThrow({ where: { id: decided.payment.id } });
  return { claim, claimant, payment };
}

export async function newBankPayments(db: PrismaClient, n: number, pence = 1000) {
  const made = [];
  for (let i = 0; i < n; i++) made.push((await approvedBankPayment(db, { pence: pence + i })).payment);
  return made;
}

/** What the store holds under a run's folder: key -> sha256. */
export async function storedFiles(store: LocalFileStore, run: { id: string; startedAt: Date }): Promise<Map<string, string>> {
  const d = run.startedAt;
  const prefix = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${String(d.getUTCDate()).padStart(2, "0")}/${run.id}/`;
  const found = new Map<string, string>();
  for (const f of await store.list(prefix)) found.set(f.key, sha256Hex(await store.get(f.key)));
  return found;
}

/**
 * The crash invariant: a run is RUNNING or FAILED with none of its payments SENT and no file
 * visible, or SUCCEEDED with all of them SENT and both files recorded.
 */
export async function expectAllOrNothing(db: PrismaClient, runId: string, paymentIds: readonly string[]) {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
  const payments = await db.payment.findMany({ where: { id: { in: [...paymentIds] } } });
  const files = await db.batchFile.count({ where: { batch: { runId } } });
  if (run.status === "SUCCEEDED") {
    expect(payments.map((p) => p.status)).toEqual(paymentIds.map(() => "SENT"));
    expect(files).toBe(2);
  } else {
    expect(["RUNNING", "FAILED"]).toContain(run.status);
    expect(payments.filter((p) => p.status !== "NEW")).toEqual([]);
    expect(files).toBe(0);
  }
  return run;
}

/** Each payment on exactly one live line and sent exactly once (one payment.sent audit record). */
export async function expectSentOnce(db: PrismaClient, paymentIds: readonly string[]) {
  for (const paymentId of paymentIds) {
    expect(await db.fileLine.count({ where: { paymentId, isVoid: false } })).toBe(1);
    expect(await db.auditLog.count({ where: { entityType: "Payment", entityId: paymentId, action: "payment.sent" } })).toBe(1);
    expect((await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe("SENT");
  }
}

/** The BatchFile rows' sha256 are those of the bytes in the store. */
export async function expectRecordedFilesMatchStore(db: PrismaClient, store: LocalFileStore, runId: string) {
  const files = await db.batchFile.findMany({ where: { batch: { runId } }, orderBy: { kind: "asc" } });
  expect(files.map((f) => f.kind)).toEqual(["ACCESSPAY_CSV", "ADI_JOURNAL"]);
  for (const f of files) {
    const bytes = await store.get(f.storageKey);
    expect(f.sha256).toBe(sha256Hex(bytes));
    expect(f.byteSize).toBe(bytes.length);
  }
  return files;
}

/** A clock for one test file: each call an hour after the last, so every run has its own file names. */
export function hourlyClock(from: Date = NOW): () => Date {
  let slot = 0;
  return () => {
    slot += 1;
    return new Date(from.getTime() + slot * 3_600_000);
  };
}

/** Run faults that throw right after the named step, as a crash at that point would. */
export const crashAfter = (at: string) => ({
  after: (step: string) => {
    if (step === at) throw new Error(`injected crash after ${step}`);
  },
});
