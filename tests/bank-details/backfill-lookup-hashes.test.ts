// The lookup hash's migration script: fills exactly the rows that lack a hash (approved details,
// changes of any status, bank file lines; never a Payout line, never a row that has one), counts what
// does not decrypt, writes nothing the second time, and runs as `npm run backfill:bank-lookup`.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { anyLookupHashMissing, backfillLookupHashes } from "@/lib/bank-details/backfill-lookup-hashes";
import { bankLookupHash } from "@/lib/bank-details/lookup-hash";
import { encryptBankDetails, encryptText, type BankDetailsPlain } from "@/lib/crypto/bank-details-cipher";
import type { PaymentMethod } from "@/lib/generated/prisma/enums";
import { TEST_LOOKUP_KEY } from "../support/lookup-key";
import { makeClaim, VALID_BANK } from "../support/make-claim";
import { useTestDatabase } from "../support/test-db";

const { db, url } = useTestDatabase();
const key = Buffer.alloc(32, 3);
const OTHER: BankDetailsPlain = { sortCode: "089999", accountNumber: "66374958", nameOnAccount: "B Other", rollNumber: null };
const hashOf = (details: BankDetailsPlain) => bankLookupHash(details, TEST_LOOKUP_KEY);
const KEPT = "f".repeat(64);

/** A file line of a batch of the given method, paying a new claim's payment, with this ciphertext. */
async function fileLine(method: PaymentMethod, ciphertext: string) {
  const { claim, claimant } = await makeClaim(db(), key, { bank: null });
  const payment = await db().payment.create({
    data: {
      reference: `${claim.reference}-01`,
      personId: claimant.id,
      claimId: claim.id,
      method,
      amountPence: 1000,
      status: "SENT",
    },
  });
  const runRow = await db().run.create({
    data: {
      kind: method === "BANK" ? "DIRECT_PAYMENTS" : "PAYOUT",
      status: "SUCCEEDED",
      startedAt: new Date(),
      triggeredBy: "test",
    },
  });
  const batch = await db().batch.create({ data: { runId: runRow.id, method, paymentCount: 1, totalPence: 1000 } });
  return db().fileLine.create({
    data: {
      batchId: batch.id,
      lineNo: 1,
      paymentId: payment.id,
      amountPence: 1000,
      fileReference: "REF",
      bankDetailsCiphertext: ciphertext,
    },
  });
}

async function hashes() {
  const [details, changes, lines] = await Promise.all([
    db().bankDetails.findMany({ select: { id: true, lookupHash: true } }),
    db().bankDetailChange.findMany({ select: { id: true, lookupHash: true } }),
    db().fileLine.findMany({ select: { id: true, bankLookupHash: true } }),
  ]);
  return new Map<string, string | null>([
    ...details.map((r) => [r.id, r.lookupHash] as const),
    ...changes.map((r) => [r.id, r.lookupHash] as const),
    ...lines.map((r) => [r.id, r.bankLookupHash] as const),
  ]);
}

describe("backfillLookupHashes", () => {
  it("fills exactly the missing hashes, in batches, and is a no-op the second time", async () => {
    const missing = await makeClaim(db(), key, { bank: VALID_BANK });
    const kept = await makeClaim(db(), key, { bank: OTHER });
    await db().bankDetails.update({ where: { claimantId: kept.claimant.id }, data: { lookupHash: KEPT } });
    const damaged = await makeClaim(db(), key, { bank: null });
    await db().bankDetails.create({ data: { claimantId: damaged.claimant.id, ciphertext: "v1.AAAA.AAAA.AAAA" } });
    const changes = [];
    for (const status of ["PENDING", "REJECTED", "APPROVED"] as const) {
      changes.push(
        await db().bankDetailChange.create({
          data: { claimantId: missing.claimant.id, ciphertext: encryptBankDetails(OTHER, key), status },
        }),
      );
    }
    const bankLine = await fileLine("BANK", encryptBankDetails(VALID_BANK, key));
    const payoutLine = await fileLine("CASH", encryptText("A Payout line's own text", key));
    expect(await anyLookupHashMissing(db())).toBe(true);

    const batches: string[] = [];
    const counts = await backfillLookupHashes({
      db: db(),
      key,
      lookupKey: TEST_LOOKUP_KEY,
      batchSize: 2,
      onBatch: (table) => batches.push(table),
    });
    expect(counts).toEqual({
      bankDetails: { hashed: 1, undecryptable: 1 },
      bankDetailChanges: { hashed: 3, undecryptable: 0 },
      fileLines: { hashed: 1, undecryptable: 0 },
    });
    expect(batches).toEqual(["bankDetails", "bankDetailChanges", "bankDetailChanges", "fileLines"]);

    const after = await hashes();
    const details = await db().bankDetails.findMany({ include: { claimant: true } });
    const byPerson = new Map(details.map((d) => [d.claimantId, d.lookupHash]));
    expect(byPerson.get(missing.claimant.id)).toBe(hashOf(VALID_BANK));
    expect(byPerson.get(kept.claimant.id)).toBe(KEPT);
    expect(byPerson.get(damaged.claimant.id)).toBeNull();
    for (const c of changes) expect(after.get(c.id)).toBe(hashOf(OTHER));
    expect(after.get(bankLine.id)).toBe(hashOf(VALID_BANK));
    expect(after.get(payoutLine.id)).toBeNull();

    // The undecryptable row is the only one left without a hash, and stays so: nothing more is written.
    expect(await anyLookupHashMissing(db())).toBe(true);
    const again = await backfillLookupHashes({ db: db(), key, lookupKey: TEST_LOOKUP_KEY });
    expect(again.bankDetails).toEqual({ hashed: 0, undecryptable: 1 });
    expect(again.bankDetailChanges.hashed + again.fileLines.hashed).toBe(0);
    expect(await hashes()).toEqual(after);
  });

  it("never writes an old account's hash beside a ciphertext that changed after it was read", async () => {
    const { claimant } = await makeClaim(db(), key, { bank: null });
    const row = await db().bankDetails.create({
      data: { claimantId: claimant.id, ciphertext: encryptBankDetails(VALID_BANK, key) },
    });
    // Between the backfill's read and its write, the details change (and the newer write left no hash).
    const counts = await backfillLookupHashes({ db: withChangeBeforeUpdate(row.id), key, lookupKey: TEST_LOOKUP_KEY });
    expect(counts.bankDetails.hashed).toBe(0);
    expect((await db().bankDetails.findUniqueOrThrow({ where: { id: row.id } })).lookupHash).toBeNull();
  });

  it("runs as npm run backfill:bank-lookup, and says nothing once no hash is missing", async () => {
    await db().bankDetails.deleteMany({ where: { ciphertext: "v1.AAAA.AAAA.AAAA" } });
    const { claimant } = await makeClaim(db(), key, { bank: OTHER });
    const script = backfillScript();
    expect(script.status, script.stderr).toBe(0);
    expect(script.stdout).toContain("lookup hashes written: bankDetails");
    expect((await db().bankDetails.findUniqueOrThrow({ where: { claimantId: claimant.id } })).lookupHash).toBe(hashOf(OTHER));
    expect(await anyLookupHashMissing(db())).toBe(false);

    const quiet = backfillScript();
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toBe("");
  });
});

function backfillScript() {
  return spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/backfill-bank-lookup.mts"], {
    env: {
      ...process.env,
      DATABASE_URL: url(),
      BANK_DETAILS_KEY: key.toString("base64"),
      BANK_DETAILS_LOOKUP_KEY: TEST_LOOKUP_KEY.toString("base64"),
    },
    encoding: "utf8",
    timeout: 60_000,
  });
}

/**
 * The test database's client, except that the first UPDATE the backfill sends is preceded by a
 * change of the row's ciphertext: what a caseworker's approval would do at that moment.
 */
function withChangeBeforeUpdate(bankDetailsId: string) {
  const client = db();
  let changed = false;
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== "$executeRaw") return Reflect.get(target, property, receiver);
      return async (...args: Parameters<typeof client.$executeRaw>) => {
        if (!changed) {
          changed = true;
          await target.bankDetails.update({ where: { id: bankDetailsId }, data: { ciphertext: encryptBankDetails(OTHER, key) } });
        }
        return target.$executeRaw(...args);
      };
    },
  });
}
