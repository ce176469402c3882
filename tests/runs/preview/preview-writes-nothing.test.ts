// The preview writes nothing and takes no lock: every table's rows and the store's files are the same
// before and after it, PostgreSQL itself refuses a write or a row lock in its transaction, it reads
// past payments another transaction has locked, and a run is not held up by a preview in progress.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { previewBankRun, previewPayoutRun } from "@/app/(portal)/runs/run-previews";
import {
  classifySelectableBankPayments,
  SELECTABLE_BANK_PAYMENTS_UNLOCKED,
} from "@/lib/direct-payments/load-selectable-bank-payments";
import { previewRun } from "@/lib/runs/preview/preview-run";
import { withReadOnlyTransaction } from "@/lib/runs/preview/read-only-transaction";
import { LocalFileStore } from "@/lib/storage/local-file-store";
import { forcePaymentUpdate } from "../../support/force-payment-update";
import { VALID_BANK } from "../../support/make-claim";
import { useTestDatabase } from "../../support/test-db";
import { approvedCashPayment, SETTINGS } from "../../payout/run-payout-test-support";
import { approvedBankPayment, hourlyClock, key, newBankPayments, run } from "../run-test-support";

const { db, url } = useTestDatabase();
const storeDir = mkdtempSync(path.join(tmpdir(), "disburse-preview-store-"));
afterAll(() => rmSync(storeDir, { recursive: true, force: true }));
const store = new LocalFileStore(storeDir);
const clock = hourlyClock();
const payoutSettings = { letterTemplateCode: SETTINGS.letterTemplateCode, maxPerFile: SETTINGS.maxPerFile };

/** Every table of the schema: its row count and a digest of its rows, so an UPDATE shows too. */
async function everyTable(): Promise<Record<string, string>> {
  const tables = await db().$queryRaw<{ name: string }[]>`
    SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname`;
  const found: Record<string, string> = {};
  for (const { name } of tables) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const [row] = await db().$queryRawUnsafe<{ rows: string; digest: string | null }[]>(
      `SELECT count(*)::text AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${quoted} t`,
    );
    found[name] = `${row.rows} ${row.digest}`;
  }
  return found;
}

/** Every file under the store's folder. */
function storedFiles(): string[] {
  return readdirSync(storeDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** `work` must settle within `ms`: a preview that waited on a lock would not. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms: blocked by a lock`)), ms)),
  ]);
}

describe("the run preview", () => {
  it("changes no row of any table and no file in the store, with payments waiting, held and needing cleaning", async () => {
    // An earlier run's files in the store, then payments of every kind waiting.
    await newBankPayments(db(), 2);
    expect((await run(db(), store, { now: clock() })).status).toBe("SUCCEEDED");
    await newBankPayments(db(), 2);
    await approvedBankPayment(db(), { bank: { ...VALID_BANK, nameOnAccount: "Zoë O'Brien" } });
    await approvedBankPayment(db(), { laterBank: { ...VALID_BANK, accountNumber: "55779912" } });
    const onHold = await approvedBankPayment(db());
    await forcePaymentUpdate(db(), { where: { id: onHold.payment.id }, data: { holdReason: "BANK_DETAILS_CHANGE_PENDING" } });
    await approvedCashPayment(db(), { person: { firstName: "Zoë", addressLine1: "12 Cañon Close" } });
    await approvedCashPayment(db(), { person: { postcode: "12345" } });

    const tablesBefore = await everyTable();
    const filesBefore = storedFiles();
    expect(Object.keys(tablesBefore)).toEqual(expect.arrayContaining(["Payment", "Run", "Batch", "FileLine", "AuditLog"]));
    expect(filesBefore.length).toBeGreaterThan(0);

    const bank = await previewBankRun({ db: db(), key });
    const cash = await previewPayoutRun({ db: db(), settings: payoutSettings });
    // It did look at them all.
    expect(bank).toMatchObject({ payments: 3, wouldHold: { total: 1 }, alreadyHeld: { total: 1 }, cleaned: { total: 1 } });
    expect(cash).toMatchObject({ payments: 1, wouldHold: { total: 1 } });
    expect(cash.cleaned.total).toBeGreaterThan(0);

    expect(await everyTable()).toEqual(tablesBefore);
    expect(storedFiles()).toEqual(filesBefore);
  });

  it("runs in a transaction PostgreSQL keeps read only: no write, no temporary table, no row lock", async () => {
    const refused = (sql: string) =>
      withReadOnlyTransaction(db(), async (client) => {
        await client.query(sql);
      });
    await expect(refused(`UPDATE "Payment" SET "holdReason" = NULL`)).rejects.toThrow(/read-only transaction/);
    await expect(refused(`CREATE TEMP TABLE t (x int)`)).rejects.toThrow(/read-only transaction/);
    await expect(refused(`SELECT id FROM "Payment" FOR UPDATE`)).rejects.toThrow(/read-only transaction/);
  });

  it("completes while another transaction holds FOR UPDATE locks on the payments", async () => {
    await newBankPayments(db(), 2);
    const waiting = (await previewBankRun({ db: db(), key })).payments;
    const locker = new pg.Client({ connectionString: url() });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      const locked = await locker.query(`SELECT id FROM "Payment" WHERE status = 'NEW' FOR UPDATE`);
      expect(locked.rowCount).toBeGreaterThanOrEqual(waiting);
      const preview = await within(10_000, previewBankRun({ db: db(), key }));
      expect(preview.payments).toBe(waiting);
    } finally {
      await locker.query("ROLLBACK");
      await locker.end();
    }
  });

  it("does not hold up a run that starts while the preview's transaction is still open", async () => {
    const payments = await newBankPayments(db(), 2);
    let read!: () => void;
    const hasRead = new Promise<void>((resolve) => (read = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // The preview reads every selectable payment, then keeps its transaction open until the run is done.
    const preview = previewRun(db(), {
      kind: "DIRECT_PAYMENTS",
      classify: async (client, tally) => {
        const staged = await classifySelectableBankPayments(client, key, SELECTABLE_BANK_PAYMENTS_UNLOCKED, tally);
        read();
        await released;
        return { lines: staged.lines, totalPence: staged.totalPence, files: 1, problem: null };
      },
    });
    await hasRead;
    try {
      const summary = await within(20_000, run(db(), store, { now: clock() }));
      expect(summary.status).toBe("SUCCEEDED");
      const sent = await db().payment.count({ where: { id: { in: payments.map((p) => p.id) }, status: "SENT" } });
      expect(sent).toBe(2);
    } finally {
      release();
    }
    // Its snapshot was taken before the run: it still shows what was waiting then.
    expect((await preview).payments).toBeGreaterThanOrEqual(2);
  });
});
