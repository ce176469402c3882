// Shared set-up for the Payout run tests: approved cash claims made the way the portal makes them
// (decideClaim), a write-once store and a local outbox folder in temporary folders, deliverers that
// fail or die on purpose, and the checks every crash test makes.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { PayoutPaymentInput } from "@/lib/payout/format-payout-file";
import { runPayoutPayments, type PayoutRunSettings, type RunPayoutPaymentsOptions } from "@/lib/payout/run-payout-payments";
import { LocalFolderDeliverer } from "@/lib/payout/transfer/local-folder-deliverer";
import {
  DeliveryError,
  type DeliveryResult,
  type PayoutDeliverer,
  type PayoutFileToDeliver,
  type RemoteFile,
} from "@/lib/payout/transfer/payout-deliverer";
import { sha256Hex } from "@/lib/storage/file-store";
import { LocalFileStore } from "@/lib/storage/local-file-store";
import { approveClaim } from "../support/approve-claim";
import { makeClaim } from "../support/make-claim";
import { makeUser } from "../support/make-user";

export const key = randomBytes(32);
/** A Sunday in November 2026 (London date 2026-11-22, GMT): no clock change or bank holiday nearby. */
export const NOW = new Date("2026-11-22T10:15:30.000Z");
export const LEASE_MS = 60_000;
export const DAY_MS = 86_400_000;

export const SETTINGS: PayoutRunSettings = {
  maxPerFile: 10_000,
  prefix: "disburse_payout_",
  suffix: "",
  letterTemplateCode: "NOMS1086-LET-003",
  voucherValidityDays: 30,
};

/** Each call the next London day after NOW: a test run on a day of its own starts at sequence 001. */
export function dayByDay(): () => Date {
  let day = 0;
  return () => new Date(NOW.getTime() + ++day * DAY_MS);
}

/** A temporary folder for this test file, removed afterwards. */
export function useTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A write-once store and an outbox folder for this test file. */
export function usePayoutPlaces() {
  const store = new LocalFileStore(useTempDir("disburse-payout-store-"));
  const outbox = useTempDir("disburse-payout-outbox-");
  return { store, outbox, deliverer: new LocalFolderDeliverer(outbox) };
}

export function payout(
  db: PrismaClient,
  places: { store: LocalFileStore; deliverer: PayoutDeliverer },
  overrides: Partial<RunPayoutPaymentsOptions> = {},
) {
  return runPayoutPayments({
    db,
    store: places.store,
    deliverer: places.deliverer,
    key,
    settings: SETTINGS,
    now: NOW,
    triggeredBy: "test",
    alertAddresses: [],
    leaseMs: LEASE_MS,
    ...overrides,
  });
}

/** A claimant's name and address, as the Payout file carries them. */
export type Person = Pick<
  PayoutPaymentInput,
  "firstName" | "lastName" | "addressLine1" | "town" | "county" | "country" | "postcode"
>;

export const TOM: Person = {
  firstName: "Tom",
  lastName: "Swann",
  addressLine1: "1 High Street",
  town: "Leeds",
  county: "West Yorkshire",
  country: "United Kingdom",
  postcode: "LS1 1AA",
};

let caseworker: Promise<{ id: string; email: string; name: string }> | undefined;

/** An approved cash claim with its NEW cash payment, for the person and event date given. */
export async function approvedCashPayment(
  db: PrismaClient,
  options: { person?: Partial<Person>; pence?: number; eventDate?: string } = {},
) {
  caseworker ??= makeUser(db, { role: "CASEWORKER" }).then((u) => ({ id: u.id, email: u.email, name: u.name }));
  const actor = await caseworker;
  const { claim, claimant } = await makeClaim(db, key, { method: "CASH", bank: null, lines: [options.pence ?? 1240] });
  await db.claimant.update({ where: { id: claimant.id }, data: { ...TOM, ...options.person } });
  if (options.eventDate) await db.claim.update({ where: { id: claim.id }, data: { eventDate: new Date(options.eventDate) } });
  const payment = await approveClaim(db, key, claim, actor);
  if (payment.method !== "CASH") throw new Error("expected a cash payment");
  return { claim, claimant, payment };
}

/** The formatter's golden file (lib/payout/fixtures/golden-payout.csv), line by line. */
export const GOLDEN = readFileSync(path.resolve(import.meta.dirname, "../../lib/payout/fixtures/golden-payout.csv"), "ascii")
  .split("\n")
  .filter((line) => line !== "");

/** The payments behind the golden file's first three lines. */
const GOLDEN_PAYMENTS: { pence: number; eventDate: string; person?: Partial<Person> }[] = [
  { pence: 12399, eventDate: "2026-03-14" },
  {
    pence: 1,
    eventDate: "2026-01-05",
    person: {
      firstName: "Siobhán",
      lastName: "O'Shea",
      addressLine1: "Flat 2, 10 Main Road",
      town: "Newry",
      county: "Co. Down",
      country: "United Kingdom",
      postcode: "BT34 1AB",
    },
  },
  {
    pence: 123450,
    eventDate: "2026-02-28",
    person: {
      firstName: "Zoë",
      lastName: "Brontë-Smith",
      addressLine1: "12 Cañon Close",
      town: "Bristol",
      county: null,
      country: "England",
      postcode: "bs14dj",
    },
  },
];

/** Approved claims for the golden file's first three lines, in its order. */
export async function goldenPayments(db: PrismaClient) {
  const made = [];
  for (const spec of GOLDEN_PAYMENTS) made.push(await approvedCashPayment(db, spec));
  return made;
}

/** The golden file's first lines with column 13 set to the references the portal gave these payments. */
export const goldenBytes = (references: readonly string[]) =>
  references
    .map((reference, i) =>
      GOLDEN[i]
        .split(",")
        .map((column, c) => (c === 12 ? reference : column))
        .join(","),
    )
    .map((line) => line + "\n")
    .join("");

export async function newCashPayments(db: PrismaClient, n: number, pence = 1000) {
  const made = [];
  for (let i = 0; i < n; i++) made.push((await approvedCashPayment(db, { pence: pence + i })).payment);
  return made;
}

/** The finished files in an outbox folder (no .part), name -> bytes. */
export function outboxFiles(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(dir).sort()) if (!name.endsWith(".part")) files.set(name, readFileSync(path.join(dir, name)));
  return files;
}

/** Each payment on exactly one live line and sent exactly once (one payment.sent audit record). */
export async function expectSentOnce(db: PrismaClient, paymentIds: readonly string[]) {
  for (const paymentId of paymentIds) {
    expect(await db.fileLine.count({ where: { paymentId, isVoid: false } })).toBe(1);
    expect(await db.auditLog.count({ where: { entityType: "Payment", entityId: paymentId, action: "payment.sent" } })).toBe(1);
    expect((await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe("SENT");
  }
}

/** Every delivered file is the stored one, byte for byte, once; nothing else is in the outbox. */
export async function expectOutboxIsTheStore(db: PrismaClient, store: LocalFileStore, outbox: string, runId: string) {
  const files = await db.batchFile.findMany({ where: { batch: { runId }, kind: "PAYOUT_CSV" }, orderBy: { fileName: "asc" } });
  const delivered = outboxFiles(outbox);
  for (const f of files) {
    const stored = await store.get(f.storageKey);
    expect(sha256Hex(stored)).toBe(f.sha256);
    expect(delivered.get(f.fileName)?.equals(stored)).toBe(true);
  }
  return files;
}

/** Run faults that throw right after the named step, as a crash at that point would. */
export const crashAfter = (at: string) => ({
  after: (step: string) => {
    if (step === at) throw new Error(`injected crash after ${step}`);
  },
});

/** A worker that stops dead after `at`: its promise never settles, like a killed process. */
export function dieAfter(at: string) {
  let signal!: () => void;
  const reached = new Promise<void>((resolve) => (signal = resolve));
  return { reached, faults: { after: (step: string) => (step === at ? (signal(), new Promise<void>(() => {})) : undefined) } };
}

/** A deliverer whose server is unreachable: every call fails with a DeliveryError. */
export class UnreachableDeliverer implements PayoutDeliverer {
  readonly local = false;
  calls = 0;
  constructor(
    readonly target = "sftp://payout.test:22/in",
    private readonly message = "SFTP server payout.test:22 refused the connection (ECONNREFUSED)",
    private readonly uncertain = false,
  ) {}
  async find(): Promise<RemoteFile> {
    this.calls += 1;
    throw new DeliveryError(this.message);
  }
  async deliver(_file: PayoutFileToDeliver, beforeRename: () => Promise<void>): Promise<DeliveryResult> {
    this.calls += 1;
    if (this.uncertain) await beforeRename();
    throw new DeliveryError(this.message, this.uncertain);
  }
}

/**
 * The local folder deliverer, but the worker dies right after the rename, before it can record the
 * outcome: deliver() never settles once the file is in place.
 */
export class DiesAfterRename implements PayoutDeliverer {
  readonly local = true;
  readonly target: string;
  readonly renamed: Promise<void>;
  private signal!: () => void;
  constructor(private readonly inner: LocalFolderDeliverer) {
    this.target = inner.target;
    this.renamed = new Promise((resolve) => (this.signal = resolve));
  }
  find(fileName: string) {
    return this.inner.find(fileName);
  }
  async deliver(file: PayoutFileToDeliver, beforeRename: () => Promise<void>): Promise<DeliveryResult> {
    await this.inner.deliver(file, beforeRename);
    this.signal();
    return new Promise<never>(() => {});
  }
}
