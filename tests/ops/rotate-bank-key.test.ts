// Rotating the bank-details key (docs/key-rotation.md): every ciphertext of every column ends under
// the new key and still decrypts to the same text, the lookup hashes are rebuilt and the same account
// is still found, a rotation interrupted half-way is resumed by running it again (nothing lost,
// nothing encrypted twice, a value the portal wrote under the old key meanwhile picked up), a second
// rotation at the same time exits 5, a dry run and a rerun once done write nothing.
import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bankLookupHash, bankLookupHashes } from "@/lib/bank-details/lookup-hash";
import { findSameAccountPeople, findSameAccountPeopleOf } from "@/lib/bank-details/same-account";
import {
  ciphertextKeyId,
  decryptText,
  encryptBankDetails,
  encryptText,
  type BankDetailsPlain,
} from "@/lib/crypto/bank-details-cipher";
import { keyId, keyring } from "@/lib/crypto/keyring";
import { rotateCiphertexts } from "@/lib/crypto/rotation/rotate-ciphertexts";
import { LOCK_KEY } from "@/lib/crypto/rotation/rotation-lock";
import { poolOf } from "@/lib/db/create-db";
import type { PaymentMethod } from "@/lib/generated/prisma/enums";
import { makeRotateBankKeyCommand, type RotateBankKeyDeps } from "@/lib/ops/commands/rotate-bank-key";
import { EXIT } from "@/lib/ops/ops-command";
import { runOps } from "@/lib/ops/run-ops";
import { makeClaim, VALID_BANK } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();

const OLD_KEY = Buffer.alloc(32, 11);
const NEW_KEY = Buffer.alloc(32, 12);
const OLD_LOOKUP = Buffer.alloc(32, 21);
const NEW_LOOKUP = Buffer.alloc(32, 22);
/** The portal's keys after step 2 of the procedure: the new keys, the old ones as previous. */
const RING = keyring(NEW_KEY, [OLD_KEY]);
const LOOKUP_RING = keyring(NEW_LOOKUP, [OLD_LOOKUP]);
const NEW_ID = keyId(NEW_KEY);

const OTHER: BankDetailsPlain = { sortCode: "089999", accountNumber: "66374958", nameOnAccount: "B Other", rollNumber: null };
const PENDING: BankDetailsPlain = {
  sortCode: "401276",
  accountNumber: "41676722",
  nameOnAccount: "A Lovelace",
  rollNumber: null,
};
const PAYOUT_TEXT = "Ada Lovelace|1 High Street|Leeds|LS1 1AA|£12.40|CLM-1-01";

/** A value as the code before key ids wrote it: "v1.<iv>.<tag>.<ciphertext>". */
function legacyV1(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

const oldHash = (d: BankDetailsPlain) => bankLookupHash(d, OLD_LOOKUP);
const newHash = (d: BankDetailsPlain) => bankLookupHash(d, NEW_LOOKUP);

async function personWithDetails(bank: BankDetailsPlain, ciphertext?: string) {
  const made = await makeClaim(db(), OLD_KEY, { bank });
  await db().bankDetails.update({
    where: { claimantId: made.claimant.id },
    data: { lookupHash: oldHash(bank), ...(ciphertext ? { ciphertext } : {}) },
  });
  return made;
}

async function fileLine(method: PaymentMethod, personId: string, claimId: string, ciphertext: string, hash: string | null) {
  const payment = await db().payment.create({
    data: { reference: `P-${randomBytes(4).toString("hex")}`, personId, claimId, method, amountPence: 1240, status: "SENT" },
  });
  const run = await db().run.create({
    data: {
      kind: method === "BANK" ? "DIRECT_PAYMENTS" : "PAYOUT",
      status: "SUCCEEDED",
      startedAt: new Date(),
      triggeredBy: "test",
    },
  });
  const batch = await db().batch.create({ data: { runId: run.id, method, paymentCount: 1, totalPence: 1240 } });
  return db().fileLine.create({
    data: {
      batchId: batch.id,
      lineNo: 1,
      paymentId: payment.id,
      amountPence: 1240,
      fileReference: "REF",
      bankDetailsCiphertext: ciphertext,
      bankLookupHash: hash,
    },
  });
}

type Row = { id: string; ciphertext: string; hash: string | null };

/** Every stored ciphertext of the three columns, by id. */
async function snapshot(): Promise<Map<string, Row>> {
  const rows = await db().$queryRaw<Row[]>`
    SELECT id::text, ciphertext, "lookupHash"::text AS hash FROM "BankDetails"
    UNION ALL SELECT id::text, ciphertext, "lookupHash"::text FROM "BankDetailChange"
    UNION ALL SELECT id::text, "bankDetailsCiphertext", "bankLookupHash"::text FROM "FileLine" WHERE "bankDetailsCiphertext" IS NOT NULL`;
  return new Map(rows.map((r) => [r.id, r]));
}

function plainTexts(rows: Map<string, Row>, key: Buffer): Map<string, string> {
  return new Map([...rows].map(([id, r]) => [id, decryptText(r.ciphertext, key)]));
}

async function run(args: string[], deps: Partial<RotateBankKeyDeps> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const command = makeRotateBankKeyCommand({ keys: () => ({ key: RING, lookupKey: LOOKUP_RING }), ...deps });
  const code = await runOps(["rotate-bank-key", "--as", admin, ...args], {
    db: db(),
    commands: [command],
    osUser: "support-tester",
    now: () => new Date(),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

let admin = "";

describe("npm run ops -- rotate-bank-key", () => {
  let before: Map<string, Row>;
  let plainBefore: Map<string, string>;
  let people: { a: string; b: string; c: string };

  it("seeds every column under the old keys (v1 and v2 values, hashes and none)", async () => {
    admin = (await makeUser(db(), { role: "ADMIN" })).email;
    const a = await personWithDetails(VALID_BANK, legacyV1(JSON.stringify(VALID_BANK), OLD_KEY));
    const b = await personWithDetails(VALID_BANK);
    const c = await personWithDetails(OTHER);
    people = { a: a.claimant.id, b: b.claimant.id, c: c.claimant.id };
    for (let i = 0; i < 6; i += 1) await personWithDetails({ ...OTHER, accountNumber: `1000000${i}` });
    await db().bankDetailChange.create({
      data: { claimantId: a.claimant.id, ciphertext: encryptBankDetails(PENDING, OLD_KEY), lookupHash: oldHash(PENDING) },
    });
    // An erased person's decided change: readable, and without a hash on purpose.
    await db().bankDetailChange.create({
      data: {
        claimantId: c.claimant.id,
        ciphertext: encryptBankDetails({ ...OTHER, accountNumber: "" }, OLD_KEY),
        status: "REJECTED",
      },
    });
    // C was paid to A's account: a bank line with its hash, and a Payout line's own text.
    await fileLine("BANK", c.claimant.id, c.claim.id, encryptBankDetails(VALID_BANK, OLD_KEY), oldHash(VALID_BANK));
    await fileLine("CASH", b.claimant.id, b.claim.id, encryptText(PAYOUT_TEXT, OLD_KEY), null);

    before = await snapshot();
    expect(before.size).toBe(13);
    plainBefore = plainTexts(before, OLD_KEY);
    expect([...before.values()].filter((r) => r.ciphertext.startsWith("v1.")).length).toBe(1);
  });

  it("a dry run reads and counts everything and writes nothing", async () => {
    const result = await run(["--dry-run", "--batch-size", "2"]);
    expect(result.err).toBe("");
    expect(result.code).toBe(EXIT.OK);
    expect(result.out).toContain("Dry run finished: 13 values to re-encrypt. Nothing was written.");
    expect(result.out).toContain("approved bank details: 9 read, 9 to re-encrypt, 9 hashes to rebuild");
    expect(await snapshot()).toEqual(before);
  });

  it("--help says the procedure, the options and the exit codes", async () => {
    const { code, out } = await run(["--help"]);
    expect(code).toBe(EXIT.OK);
    expect(out).toMatch(/^Usage: npm run ops -- rotate-bank-key --as <email>/);
    expect(out).toContain("BANK_DETAILS_PREVIOUS_KEYS");
    expect(out).toContain("  5  another rotation is running: wait for it");
    expect(out).toMatch(/Example:\n {2}npm run ops -- rotate-bank-key/);
  });

  it("refuses a bad batch size before doing anything", async () => {
    const result = await run(["--batch-size", "0"]);
    expect(result.code).toBe(EXIT.USAGE);
    expect(result.err).toContain("--batch-size must be a whole number from 1 to 50000.");
  });

  it("interrupted after the third batch: what is done is under the new key, the rest under the old, all readable", async () => {
    const result = await run(["--batch-size", "2"], {
      onBatch: ({ batch }) => {
        if (batch === 3) throw new Error("injected fault after batch 3");
      },
    });
    expect(result.code).toBe(EXIT.FAILED);
    expect(result.err).toContain("injected fault after batch 3");
    const half = await snapshot();
    const done = [...half.values()].filter((r) => ciphertextKeyId(r.ciphertext) === NEW_ID);
    // Three batches of two approved details committed; nothing else yet.
    expect(done.length).toBe(6);
    expect(plainTexts(half, RING)).toEqual(plainBefore);
    // Half-way, lookups by both hashes still find the account whichever key each row was hashed under.
    const sharing = await findSameAccountPeople(db(), {
      personId: people.a,
      current: bankLookupHashes(VALID_BANK, LOOKUP_RING),
      now: new Date(),
    });
    expect(sharing.map((p) => p.personId).sort()).toEqual([people.b, people.c].sort());
  });

  it("a second rotation while one runs exits 5 and does nothing", async () => {
    const holder = await poolOf(db()).connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(${LOCK_KEY})`);
      const snap = await snapshot();
      const result = await run([]);
      expect(result.code).toBe(EXIT.BUSY);
      expect(result.err).toContain("Another key rotation is running");
      expect(await snapshot()).toEqual(snap);
    } finally {
      await holder.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
      holder.release();
    }
  });

  it("run again, it finishes: every value under the new key, the same text, hashes rebuilt, a late old-key write picked up", async () => {
    // A portal instance not yet restarted writes a change under the old key after the rotation began.
    const late = await db().bankDetailChange.create({
      data: {
        claimantId: people.b,
        ciphertext: encryptBankDetails(OTHER, OLD_KEY),
        lookupHash: oldHash(OTHER),
        status: "REJECTED",
      },
    });
    plainBefore.set(late.id, JSON.stringify(OTHER));

    const result = await run(["--batch-size", "2"]);
    expect(result.err).toBe("");
    expect(result.code).toBe(EXIT.OK);
    expect(result.out).toContain(`Done: every value is under key ${NEW_ID} and every lookup hash rebuilt.`);
    expect(result.out).toContain("file lines: 2 read, 2 re-encrypted, 1 hashes rebuilt; 0 not under key");

    const after = await snapshot();
    expect(after.size).toBe(14);
    for (const row of after.values()) expect(ciphertextKeyId(row.ciphertext)).toBe(NEW_ID);
    // Decrypting once with the new key alone gives the original text: nothing was encrypted twice.
    expect(plainTexts(after, NEW_KEY)).toEqual(plainBefore);
    for (const [id, row] of after) {
      const was = before.get(id) ?? { hash: oldHash(OTHER) };
      const plain = plainBefore.get(id)!;
      expect(row.hash).toBe(was.hash === null ? null : newHash(JSON.parse(plain) as BankDetailsPlain));
    }

    // The same account is found by the new hash alone, stored or computed.
    const byNew = await findSameAccountPeople(db(), { personId: people.a, current: newHash(VALID_BANK), now: new Date() });
    expect(byNew.map((p) => [p.personId, p.via])).toEqual(
      expect.arrayContaining([
        [people.b, ["details"]],
        [people.c, ["paid"]],
      ]),
    );
    expect((await findSameAccountPeopleOf(db(), { personId: people.b, now: new Date() })).map((p) => p.personId).sort()).toEqual(
      [people.a, people.c].sort(),
    );
    expect(await findSameAccountPeople(db(), { personId: people.a, current: oldHash(VALID_BANK), now: new Date() })).toEqual([]);

    // Audited as the admin and the operating-system user: the command's row and the rotation's own.
    const audit = await db().auditLog.findMany({
      where: { action: { in: ["bank-key.rotated", "ops.rotate-bank-key"] } },
      orderBy: { at: "asc" },
    });
    const rotated = audit.filter((a) => a.action === "bank-key.rotated");
    expect(rotated).toHaveLength(1);
    expect(rotated[0].actorLabel).toContain("support-tester");
    expect(rotated[0].entityId).toBe(NEW_ID);
    expect(rotated[0].after).toMatchObject({ keyId: NEW_ID, lookupHashesRebuilt: true, osUser: "support-tester" });
    expect(
      audit.filter((a) => a.action === "ops.rotate-bank-key").map((a) => (a.after as { exitCode: number }).exitCode),
    ).toEqual([EXIT.OK, EXIT.FAILED, EXIT.BUSY, EXIT.OK]);
  });

  it("run again once done, it changes nothing", async () => {
    const done = await snapshot();
    const result = await run([]);
    expect(result.code).toBe(EXIT.OK);
    expect(result.out).toContain("approved bank details: 9 read, 0 re-encrypted, 0 hashes rebuilt; 0 not under key");
    expect(await snapshot()).toEqual(done);
  });

  it("never overwrites a value changed between its read and its write, and a value under no key fails the run", async () => {
    const target = await personWithDetails(OTHER, encryptBankDetails(OTHER, OLD_KEY));
    const rowId = (await db().bankDetails.findUniqueOrThrow({ where: { claimantId: target.claimant.id } })).id;
    const portalWrite = encryptBankDetails(PENDING, NEW_KEY);
    const client = db();
    let calls = 0;
    const racing = new Proxy(client, {
      get(t, property, receiver) {
        if (property !== "$queryRaw") return Reflect.get(t, property, receiver);
        return async (...args: Parameters<typeof client.$queryRaw>) => {
          calls += 1;
          // The second statement is the first batch's UPDATE: a caseworker's approval lands just before it.
          if (calls === 2)
            await t.bankDetails.update({ where: { id: rowId }, data: { ciphertext: portalWrite, lookupHash: newHash(PENDING) } });
          return t.$queryRaw(...args);
        };
      },
    });
    const summary = await rotateCiphertexts({ db: racing, key: RING });
    expect(summary.columns.bankDetails).toMatchObject({ read: 1, written: 0, changedMeanwhile: 1 });
    expect(await db().bankDetails.findUniqueOrThrow({ where: { id: rowId } })).toMatchObject({
      ciphertext: portalWrite,
      lookupHash: newHash(PENDING),
    });

    const foreign = await personWithDetails(OTHER, encryptBankDetails(OTHER, randomBytes(32)));
    const result = await run([]);
    expect(result.code).toBe(EXIT.FAILED);
    const foreignId = (await db().bankDetails.findUniqueOrThrow({ where: { claimantId: foreign.claimant.id } })).id;
    expect(result.out).toContain(`1 undecryptable (${foreignId})`);
    expect(result.err).toContain("1 value could not be decrypted with any configured key");
  });
});
