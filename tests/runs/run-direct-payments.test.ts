// The direct-payments run end to end: selection, holds, the two stored files, the file-line
// records, SENT, and the JSON summary; then an EMPTY run.
import { describe, expect, it } from "vitest";
import { formatAccessPay } from "@/lib/direct-payments/accesspay/format-accesspay";
import { decryptBankDetails, encryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { sha256Hex } from "@/lib/storage/file-store";
import { VALID_BANK } from "../support/make-claim";
import { useTestDatabase } from "../support/test-db";
import {
  approvedBankPayment,
  expectRecordedFilesMatchStore,
  expectSentOnce,
  key,
  NOW,
  run,
  useTempStore,
} from "./run-test-support";

const { db } = useTestDatabase();
const store = useTempStore();

describe("the direct-payments run", () => {
  it("pays the good payments, holds the bad ones with reasons, stores both files and records every line", async () => {
    const good = await approvedBankPayment(db(), { bank: { ...VALID_BANK, nameOnAccount: "Zoë O'Brien" }, pence: 12399 });
    const badModulus = await approvedBankPayment(db(), { laterBank: { ...VALID_BANK, accountNumber: "55779912" }, pence: 500 });
    const noName = await approvedBankPayment(db(), { bank: { ...VALID_BANK, nameOnAccount: "*** ###" }, pence: 700 });

    const summary = await run(db(), store());
    expect(summary).toMatchObject({ status: "SUCCEEDED", payments: 1, totalPence: 12399, resumed: false, attempts: 1 });
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary); // plain JSON, no BigInt or Date
    expect(summary.held).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          paymentId: badModulus.payment.id,
          reference: badModulus.payment.reference,
          reason: "BAD_BANK_DETAILS",
          detail: expect.stringContaining("modulus"),
        }),
        expect.objectContaining({
          paymentId: noName.payment.id,
          reference: noName.payment.reference,
          reason: "NAME_EMPTY_AFTER_CLEANING",
        }),
      ]),
    );
    expect(summary.held).toHaveLength(2);
    expect(summary.warnings).toContainEqual(
      expect.objectContaining({ kind: "VALUE_CLEANED", paymentId: good.payment.id, field: "name" }),
    );
    expect(summary.files.map((f) => [f.kind, f.fileName, f.lineCount, f.totalPence])).toEqual([
      ["ACCESSPAY_CSV", "accesspay_20261122_101530.csv", 1, 12399],
      ["ADI_JOURNAL", "adi-journal_20261122_101530.xlsx", 2, 12399],
    ]);

    // The held payments: still NEW, with the reason, and their claims under "needs attention".
    for (const held of [badModulus, noName]) {
      const p = await db().payment.findUniqueOrThrow({ where: { id: held.payment.id }, include: { claim: true } });
      expect(p.status).toBe("NEW");
      expect(p.claim!.needsAttention).toBe(true);
      expect(await db().auditLog.count({ where: { entityId: p.id, action: "payment.held" } })).toBe(1);
    }
    expect((await db().payment.findUniqueOrThrow({ where: { id: badModulus.payment.id } })).holdReason).toBe("BAD_BANK_DETAILS");
    expect((await db().payment.findUniqueOrThrow({ where: { id: noName.payment.id } })).holdReason).toBe(
      "NAME_EMPTY_AFTER_CLEANING",
    );

    // The paid one: SENT once, on one line that keeps the details it paid to.
    await expectSentOnce(db(), [good.payment.id]);
    expect((await db().claim.findUniqueOrThrow({ where: { id: good.claim.id } })).needsAttention).toBe(false);
    const runRow = await db().run.findUniqueOrThrow({
      where: { id: summary.runId! },
      include: { batches: { include: { lines: true } } },
    });
    expect(runRow).toMatchObject({ status: "SUCCEEDED", paymentCount: 1, totalPence: 12399n, heldCount: 2, leaseUntil: null });
    expect(runRow.batches).toHaveLength(1);
    expect(runRow.batches[0]).toMatchObject({ status: "STORED", paymentCount: 1, totalPence: 12399n });
    const [line] = runRow.batches[0].lines;
    expect(line).toMatchObject({
      lineNo: 1,
      paymentId: good.payment.id,
      amountPence: 12399,
      fileReference: good.payment.reference,
    });
    expect(decryptBankDetails(line.bankDetailsCiphertext!, key)).toEqual({ ...VALID_BANK, nameOnAccount: "Zoë O'Brien" });

    // The stored CSV is formatAccessPay of the recorded lines, byte for byte; sha256s agree.
    const files = await expectRecordedFilesMatchStore(db(), store(), summary.runId!);
    const csv = await store().get(files[0].storageKey);
    const expected = formatAccessPay([
      {
        paymentId: line.paymentId,
        paymentReference: good.payment.reference,
        amountPence: line.amountPence,
        bank: decryptBankDetails(line.bankDetailsCiphertext!, key),
      },
    ]);
    expect(csv.toString("ascii")).toBe(expected.text);
    expect(csv.toString("ascii")).toBe(`200000,55779911,Zoe OBrien,123.99,${good.payment.reference}\n`);
    expect(summary.files.map((f) => f.sha256)).toEqual(files.map((f) => f.sha256));
    expect(files[0].storageKey).toBe(`2026/11/22/${summary.runId}/accesspay_20261122_101530.csv`);
    expect(sha256Hex(csv)).toBe(summary.files[0].sha256);

    // A later change to the claimant's details changes nothing the batch says.
    await db().bankDetails.update({
      where: { claimantId: good.claimant.id },
      data: { ciphertext: encryptBankDetails({ ...VALID_BANK, nameOnAccount: "Someone Else" }, key) },
    });
    const again = await db().fileLine.findUniqueOrThrow({ where: { id: line.id } });
    expect(decryptBankDetails(again.bankDetailsCiphertext!, key).nameOnAccount).toBe("Zoë O'Brien");

    // The next run finds nothing to pay: EMPTY, no files, the sent payment not sent again.
    const next = await run(db(), store(), { now: new Date(NOW.getTime() + 60_000) });
    expect(next).toMatchObject({ status: "EMPTY", payments: 0, totalPence: 0, files: [], held: [] });
    expect(next.runId).not.toBe(summary.runId);
    await expectSentOnce(db(), [good.payment.id]);
    expect(await db().batch.count({ where: { runId: next.runId! } })).toBe(0);
  });

  it("picks up a held payment once its hold is cleared", async () => {
    const held = await approvedBankPayment(db(), { laterBank: { ...VALID_BANK, accountNumber: "55779912" } });
    const first = await run(db(), store(), { now: new Date(NOW.getTime() + 120_000) });
    expect(first).toMatchObject({ status: "EMPTY", held: [expect.objectContaining({ paymentId: held.payment.id })] });

    await db().bankDetails.update({
      where: { claimantId: held.claimant.id },
      data: { ciphertext: encryptBankDetails(VALID_BANK, key) },
    });
    await db().payment.update({ where: { id: held.payment.id }, data: { holdReason: null } });
    const second = await run(db(), store(), { now: new Date(NOW.getTime() + 180_000) });
    expect(second).toMatchObject({ status: "SUCCEEDED", payments: 1, held: [] });
    await expectSentOnce(db(), [held.payment.id]);
  });

  it("holds a payment whose stored details do not decrypt, but fails the run when none do (a wrong key)", async () => {
    const fine = await approvedBankPayment(db());
    const damaged = await approvedBankPayment(db());
    const good = (await db().bankDetails.findUniqueOrThrow({ where: { claimantId: damaged.claimant.id } })).ciphertext;
    const [v, iv, , body] = good.split(".");
    const forgedTag = Buffer.alloc(16).toString("base64url"); // GCM refuses it: the record is damaged
    await db().bankDetails.update({
      where: { claimantId: damaged.claimant.id },
      data: { ciphertext: [v, iv, forgedTag, body].join(".") },
    });

    const summary = await run(db(), store(), { now: new Date(NOW.getTime() + 240_000) });
    expect(summary).toMatchObject({
      status: "SUCCEEDED",
      payments: 1,
      held: [
        { paymentId: damaged.payment.id, reason: "BAD_BANK_DETAILS", detail: "the stored bank details could not be decrypted" },
      ],
    });
    await expectSentOnce(db(), [fine.payment.id]);

    const another = await approvedBankPayment(db());
    const wrongKey = await run(db(), store(), { now: new Date(NOW.getTime() + 300_000), key: Buffer.alloc(32, 7) });
    expect(wrongKey).toMatchObject({ status: "FAILED", error: expect.stringContaining("BANK_DETAILS_KEY") });
    const p = await db().payment.findUniqueOrThrow({ where: { id: another.payment.id } });
    expect(p).toMatchObject({ status: "NEW", holdReason: null });
  });
});
