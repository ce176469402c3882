// The Payout payment-code upload against a real database: the corpus (lib/payout/payment-codes/corpus)
// through the real upload, stored, streamed, staged with COPY and matched by joins, compared line
// for line with the pure matcher (the reference the corpus test pins); what an applied file writes
// (codes, messages, timeline, audit) and what a rejected one leaves alone; the same file twice; a
// fault after the check and after the apply, then a retry; the batch read from the file.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { matchPaymentCodes, paymentCodesToApply, type BatchPayment, type OtherBatch } from "@/lib/payout/match-payment-codes";
import { parsePaymentCodesFile } from "@/lib/payout/parse-payment-codes";
import { MATCHED_CODES } from "@/lib/payout/payment-codes/check-payment-codes";
import { importPaymentCodes, paymentCodesUpload } from "@/lib/payout/payment-codes/import-payment-codes";
import { loadPaymentCodesResult } from "@/lib/payout/payment-codes/load-payment-codes-result";
import { payoutVoucherMessage } from "@/lib/notify/claimant-messages";
import { receiveUpload, type UploadKindSpec } from "@/lib/uploads/receive-upload";
import { makeUser } from "../support/make-user";
import { faultAfter, uploadDryRun } from "../support/upload-dry-run";
import { useTestDatabase } from "../support/test-db";
import { useTempStore } from "../runs/run-test-support";
import {
  makePayoutBatch,
  makeVoucher,
  makeVoucherBatch,
  paymentCodeLine,
  voucherCode,
  voucherPence,
  voucherReference,
} from "./voucher-upload-support";

const { db } = useTestDatabase();
const store = useTempStore();
const CORPUS = path.join(process.cwd(), "lib", "payout", "payment-codes", "corpus");
const NOW = new Date("2026-11-28T12:00:00.000Z");

let actor: { id: string; email: string };
/** The corpus's batch-1, batch-0 (another batch, with a file) and batch-9 (where a returned payment went next). */
const batches: Record<"one" | "zero" | "nine", { id: string; fileName: string }> = {} as never;

beforeAll(async () => {
  const caseworker = await makeUser(db(), { role: "CASEWORKER" });
  actor = { id: caseworker.id, email: caseworker.email };
  batches.zero = await makePayoutBatch(db(), {
    deliveredAt: new Date("2026-11-27T09:00:00Z"),
    fileName: "PAYOUT_27112026_001.csv",
  });
  batches.one = await makePayoutBatch(db(), { deliveredAt: new Date("2026-11-27T10:00:00Z") });
  batches.nine = await makePayoutBatch(db(), { deliveredAt: new Date("2026-11-27T11:00:00Z") });
  const one = [{ batchId: batches.one.id }];
  // The payments of corpus.test.ts, as rows of a database.
  await makeVoucher(db(), { reference: "7KQ2M9X-01", pence: 1250, status: "SENT", lines: one, expiresOn: "2026-12-27" });
  await makeVoucher(db(), { reference: "8ABCD23-01", pence: 12399, status: "SENT", lines: one, expiresOn: "2026-12-27" });
  await makeVoucher(db(), { reference: "9XYZ234-01", pence: 1, status: "SENT", code: "ABCDEFGH23456", lines: one });
  await makeVoucher(db(), { reference: "4RMN56P-01", pence: 123450, status: "SENT", lines: one, expiresOn: "2026-12-27" });
  await makeVoucher(db(), {
    reference: "5NEW67K-01",
    pence: 5000,
    status: "NEW",
    lines: [{ batchId: batches.one.id, isVoid: true }],
  });
  await makeVoucher(db(), { reference: "6CNC78M-01", pence: 4500, status: "CANCELLED", lines: one });
  await makeVoucher(db(), { reference: "7HAS89Q-01", pence: 6000, status: "SENT", code: "HASCODE000001", lines: one });
  await makeVoucher(db(), {
    reference: "8MVD90R-01",
    pence: 7000,
    status: "SENT",
    lines: [{ batchId: batches.one.id, isVoid: true }, { batchId: batches.nine.id }],
  });
  await makeVoucher(db(), {
    reference: "2OTH34B-01",
    pence: 1500,
    status: "SENT",
    code: "USEDCODE00001",
    lines: [{ batchId: batches.zero.id }],
  });
});

/** The file through the real upload, rolled back after reading its rows and the codes it would store. */
async function throughTheUpload(file: string, bytes: Buffer, batchId: string | null = batches.one.id) {
  const { toApply: codes, ...result } = await uploadDryRun({
    db: db(),
    store: store(),
    spec: paymentCodesUpload({ batchId }) as UploadKindSpec,
    toApply: (tx) => tx.$queryRaw<{ paymentId: string; code: string }[]>`
      SELECT "paymentId"::text AS "paymentId", code FROM (${MATCHED_CODES}) c ORDER BY "paymentId"`,
    fileName: file,
    bytes,
    actor,
    now: NOW,
  });
  return { ...result, codes };
}

/** What the shell knows, loaded the plain way for the pure matcher: batch-1's payments, where they are, the codes in use. */
async function pureInputs(references: string[]) {
  const lines = await db().fileLine.findMany({
    where: { batch: { method: "CASH" } },
    include: { payment: true, batch: { include: { files: true } } },
    orderBy: [{ isVoid: "asc" }, { batch: { createdAt: "desc" } }],
  });
  const where = new Map<string, { batchId: string; isVoid: boolean; fileName: string | null }>();
  for (const l of lines) {
    if (!where.has(l.paymentId))
      where.set(l.paymentId, { batchId: l.batchId, isVoid: l.isVoid, fileName: l.batch.files[0]?.fileName ?? null });
  }
  const payments: BatchPayment[] = lines
    .filter((l) => l.batchId === batches.one.id)
    .map((l) => ({
      paymentId: l.paymentId,
      reference: l.payment.reference,
      amountPence: l.payment.amountPence,
      status: l.payment.status,
      batchId: where.get(l.paymentId)!.isVoid ? null : where.get(l.paymentId)!.batchId,
      code: l.payment.paymentCode,
    }));
  const otherBatches = new Map<string, OtherBatch>();
  const all = await db().payment.findMany({ where: { reference: { in: references.map((r) => r.toUpperCase()) } } });
  for (const p of all) {
    const w = where.get(p.id);
    if (w && (w.isVoid || w.batchId !== batches.one.id))
      otherBatches.set(p.reference, { batchId: w.batchId, fileName: w.fileName });
  }
  const codes = await db().payment.findMany({ where: { paymentCode: { not: null } }, select: { paymentCode: true } });
  return { payments, otherBatches, existingCodes: new Set(codes.map((c) => c.paymentCode!)) };
}

/** What the pure matcher says, with the messages the upload stores for matched and unchanged rows. */
async function reference(bytes: Buffer) {
  const parsed = parsePaymentCodesFile(bytes);
  const inputs = await pureInputs(parsed.rows.map((r) => r.reference));
  const { outcomes } = matchPaymentCodes({ batchId: batches.one.id, parsed, ...inputs });
  const byId = new Map(inputs.payments.map((p) => [p.paymentId, p]));
  const rows = outcomes.map((o) => ({
    lineNo: o.lineNo,
    outcome: o.outcome as string,
    message:
      o.outcome === "MATCHED"
        ? `Payment ${byId.get(o.paymentId!)!.reference}: payment code issued`
        : o.outcome === "UNCHANGED"
          ? `Payment ${byId.get(o.paymentId!)!.reference} already has this payment code; unchanged`
          : o.message!,
    paymentId: o.paymentId ?? null,
  }));
  const codes = paymentCodesToApply(outcomes).sort((a, b) => (a.paymentId < b.paymentId ? -1 : 1));
  return { rows, codes };
}

/** Everything an applied file would change, for "nothing changed" checks. */
async function footprint() {
  return {
    payments: await db().payment.findMany({
      select: { id: true, status: true, paymentCode: true, codeIssuedAt: true, codeUploadId: true, voucherExpiresOn: true },
      orderBy: { id: "asc" },
    }),
    messages: await db().notification.count(),
    events: await db().claimEvent.count(),
    history: await db().paymentStatusHistory.count(),
  };
}

const files = readdirSync(CORPUS)
  .filter((f) => f.endsWith(".csv"))
  .sort();

// Shapes the pure corpus does not have: through the upload too.
const EXTRA: Record<string, string> = {
  "extra-value-and-duplicate-problems.csv": [
    paymentCodeLine("7KQ2M9X-01", 1250, "K7QX2M9PLA4TZ").replace("12.50", "£12.50"),
    paymentCodeLine("8ABCD23-01", 12399, "K7QX2M9PLA4TZ"),
    paymentCodeLine("8abcd23-01", 12399, "B8CD23EFGH456"),
    paymentCodeLine("4RMN56P-01", 123450, "R4MN56PQRS78"),
  ].join("\n"),
  "extra-many-duplicates.csv": Array.from({ length: 14 }, () => paymentCodeLine("7KQ2M9X-01", 1250, "K7QX2M9PLA4TZ")).join("\n"),
};

describe("the payment-code corpus through the upload", () => {
  it("has the corpus, with at least 12 bad files", () => {
    expect(files.filter((f) => f.startsWith("bad-")).length).toBeGreaterThanOrEqual(12);
  });

  it.each([...files, ...Object.keys(EXTRA)])("%s", async (file) => {
    const bytes = file in EXTRA ? Buffer.from(EXTRA[file], "utf8") : readFileSync(path.join(CORPUS, file));
    const expected = await reference(bytes);
    const before = await footprint();
    const actual = await throughTheUpload(file, bytes);

    expect(actual.outcome).toBe(file.startsWith("good-") ? "APPLIED" : "REJECTED");
    expect(actual.rows).toEqual(file === "extra-many-duplicates.csv" ? actual.rows : expected.rows);
    expect(actual.codes).toEqual(expected.codes);
    for (const row of actual.rows.filter((r) => r.outcome === "ERROR" && r.lineNo > 0)) {
      expect(row.message).toMatch(new RegExp(`^Line ${row.lineNo}\\b`));
    }
    // A rejected file (and a captured good one, rolled back) changes no payment, message or code.
    expect(await footprint()).toEqual(before);
    if (actual.uploadId && actual.rows.some((r) => r.lineNo > 0)) {
      expect(await db().upload.findUniqueOrThrow({ where: { id: actual.uploadId } })).toMatchObject({
        status: "REJECTED",
        batchId: batches.one.id,
      });
    }
  });

  it("names a few of many lines with the same code, and counts the rest", async () => {
    const actual = await throughTheUpload("many.csv", Buffer.from(EXTRA["extra-many-duplicates.csv"]));
    expect(actual.rows[0].message).toBe(
      'Line 1: payment code "K7QX2M9PLA4TZ" is also on lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 3 more; ' +
        'reference "7KQ2M9X-01" is also on lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 3 more',
    );
  });
});

describe("applying a payment-code file", () => {
  it("stores each code, queues one voucher message per payment in the claimant's channel, and the same file again is a no-op", async () => {
    const expiresOn = "2026-12-30";
    const batch = await makeVoucherBatch(db(), { n: 4, tag: "C", deliveredAt: new Date("2026-11-30T10:00:00Z"), expiresOn });
    // Lines 1 to 3: the Post Office rejected line 4.
    const text = [1, 2, 3]
      .map((i) => paymentCodeLine(voucherReference("C", i), voucherPence(i), voucherCode("C", i)))
      .join("\r\n");
    const now = new Date("2026-12-01T09:30:00.000Z");
    const outcome = await importPaymentCodes({
      db: db(),
      store: store(),
      fileName: "codes.csv",
      bytes: Buffer.from(text),
      actor,
      now,
      batchId: batch.batchId,
    });
    expect(outcome).toEqual({
      status: "APPLIED",
      uploadId: expect.any(String),
      counts: { rows: 3, matched: 3, unchanged: 0, errors: 0 },
    });
    const uploadId = outcome.uploadId;

    const payments = await db().payment.findMany({
      where: { reference: { startsWith: "C" } },
      include: { claim: { include: { claimant: true } } },
      orderBy: { reference: "asc" },
    });
    expect(payments.map((p) => [p.reference, p.status, p.paymentCode, p.codeUploadId])).toEqual([
      [voucherReference("C", 1), "SENT", voucherCode("C", 1), uploadId],
      [voucherReference("C", 2), "SENT", voucherCode("C", 2), uploadId],
      [voucherReference("C", 3), "SENT", voucherCode("C", 3), uploadId],
      [voucherReference("C", 4), "SENT", null, null],
    ]);
    expect(payments[0].codeIssuedAt).toEqual(now);

    // One message each, by the claimant's preference (payment i: EMAIL, SMS, LETTER in turn by i % 3).
    const messages = await db().notification.findMany({
      where: { template: "payout-voucher", paymentId: { in: payments.map((p) => p.id) } },
    });
    expect(messages).toHaveLength(3);
    for (const [i, p] of payments.slice(0, 3).entries()) {
      const message = messages.find((m) => m.paymentId === p.id)!;
      const channel = (["EMAIL", "SMS", "LETTER"] as const)[(i + 1) % 3];
      const data = {
        reference: p.reference,
        code: p.paymentCode!,
        amount: `£${(p.amountPence / 100).toFixed(2)}`,
        expiryDate: "30 December 2026",
      };
      expect(message).toMatchObject({ channel, claimId: p.claimId, claimantId: p.claim!.claimantId, status: "QUEUED" });
      expect(message.personalisation).toEqual({
        ...data,
        paymentId: p.id,
        ...payoutVoucherMessage(channel, { ...data, firstName: p.claim!.claimant.firstName }),
      });
      const { claimant } = p.claim!;
      expect(message.recipient).toBe(
        { EMAIL: claimant.email, SMS: claimant.phone, LETTER: `Claimant ${claimant.lastName}\n1 High Street\nLeeds\nLS1 1AA` }[
          channel
        ],
      );
      const events = await db().claimEvent.findMany({
        where: { claimId: p.claimId!, kind: { in: ["payment.code-issued", "message.queued"] } },
      });
      expect(events.map((e) => e.summary).sort()).toEqual(
        [
          `Payment ${p.reference}: Post Office payment code issued, to collect by 30 December 2026`,
          `${{ EMAIL: "Email", SMS: "Text message", LETTER: "Letter" }[channel]} queued: Your payment is ready to collect at a Post Office`,
        ].sort(),
      );
      expect(await db().auditLog.count({ where: { entityId: p.id, action: "payment.code-issued" } })).toBe(1);
    }
    expect(await db().upload.findUniqueOrThrow({ where: { id: uploadId } })).toMatchObject({
      status: "APPLIED",
      batchId: batch.batchId,
    });

    // The result page: the file next to the batch, and the payment still without a code.
    expect(await loadPaymentCodesResult(db(), store(), uploadId)).toMatchObject({
      file: { count: 3, totalPence: voucherPence(1) + voucherPence(2) + voucherPence(3) },
      batch: { id: batch.batchId, count: 4, totalPence: [1, 2, 3, 4].reduce((t, i) => t + voucherPence(i), 0), coded: 3 },
      withoutCode: [{ paymentId: payments[3].id, reference: voucherReference("C", 4), amountPence: voucherPence(4) }],
      withoutCodeCount: 1,
    });

    const before = await footprint();
    const again = await importPaymentCodes({
      db: db(),
      store: store(),
      fileName: "codes (1).csv",
      bytes: Buffer.from(text),
      actor,
      now,
    });
    expect(again).toMatchObject({ status: "DUPLICATE", previous: { uploadId } });
    expect(await footprint()).toEqual(before);

    // The same codes in another file (a different line ending): every row unchanged, nothing queued twice.
    const unchanged = await importPaymentCodes({
      db: db(),
      store: store(),
      fileName: "codes-lf.csv",
      bytes: Buffer.from(text.replaceAll("\r\n", "\n")),
      actor,
      now,
    });
    expect(unchanged).toMatchObject({ status: "APPLIED", counts: { rows: 3, matched: 0, unchanged: 3, errors: 0 } });
    expect(await footprint()).toEqual({ ...before, events: before.events });
  });

  it("reads the batch from the file when none is named, and refuses a row of another batch", async () => {
    const a = await makeVoucherBatch(db(), {
      n: 3,
      tag: "D",
      deliveredAt: new Date("2026-11-30T10:00:00Z"),
      expiresOn: "2026-12-30",
    });
    const b = await makeVoucherBatch(db(), {
      n: 1,
      tag: "E",
      deliveredAt: new Date("2026-11-30T11:00:00Z"),
      expiresOn: "2026-12-30",
    });
    const lines = [
      paymentCodeLine(voucherReference("D", 1), voucherPence(1), voucherCode("D", 1)),
      paymentCodeLine(voucherReference("E", 1), voucherPence(1), voucherCode("E", 1)),
      paymentCodeLine(voucherReference("D", 2), voucherPence(2), voucherCode("D", 2)),
    ];
    const outcome = await importPaymentCodes({
      db: db(),
      store: store(),
      fileName: "mixed.csv",
      bytes: Buffer.from(lines.join("\n")),
      actor,
      now: NOW,
    });
    expect(outcome).toMatchObject({ status: "REJECTED", counts: { rows: 3, matched: 2, errors: 1 } });
    if (outcome.status !== "REJECTED") throw new Error("not rejected");
    const fileB = (await db().batchFile.findFirstOrThrow({ where: { batchId: b.batchId } })).fileName;
    expect(outcome.errors).toEqual([
      {
        lineNo: 2,
        message: `Line 2: payment ${voucherReference("E", 1)} is in another batch, batch ${b.batchId} (file ${fileB}): upload this row with that batch's codes`,
      },
    ]);
    expect(await db().upload.findUniqueOrThrow({ where: { id: outcome.uploadId } })).toMatchObject({ batchId: a.batchId });
    expect(await db().payment.count({ where: { reference: { startsWith: "D" }, paymentCode: { not: null } } })).toBe(0);

    // A batch named that is not a Payout batch: the whole file is refused, saying so.
    const named = await importPaymentCodes({
      db: db(),
      store: store(),
      fileName: "named.csv",
      bytes: Buffer.from(lines[0]),
      actor,
      now: NOW,
      batchId: "not-a-batch",
    });
    expect(named).toMatchObject({
      status: "REJECTED",
      errors: [{ lineNo: 0, message: 'There is no Payout batch "not-a-batch" to upload codes for' }],
    });
  });
});

describe("a fault, then a retry", () => {
  for (const stage of ["check", "apply"] as const) {
    it(`after the ${stage}: nothing applied, and the retry stores each code and queues each message once`, async () => {
      const tag = stage === "check" ? "F" : "G";
      const batch = await makeVoucherBatch(db(), {
        n: 3,
        tag,
        deliveredAt: new Date("2026-11-30T10:00:00Z"),
        expiresOn: "2026-12-30",
      });
      const bytes = Buffer.from(
        [1, 2, 3].map((i) => paymentCodeLine(voucherReference(tag, i), voucherPence(i), voucherCode(tag, i))).join("\n"),
      );
      const faulty = faultAfter(paymentCodesUpload({ batchId: batch.batchId }) as UploadKindSpec, stage);
      const before = await footprint();
      await expect(
        receiveUpload({ db: db(), store: store(), spec: faulty, fileName: "codes.csv", bytes, actor, now: NOW }),
      ).rejects.toThrow(`fault after the ${stage}`);
      expect(await footprint()).toEqual(before);

      const retry = await importPaymentCodes({
        db: db(),
        store: store(),
        fileName: "codes.csv",
        bytes,
        actor,
        now: NOW,
        batchId: batch.batchId,
      });
      expect(retry).toMatchObject({ status: "APPLIED", counts: { matched: 3 } });
      const ids = (await db().payment.findMany({ where: { reference: { startsWith: tag } } })).map((p) => p.id);
      expect(await db().payment.count({ where: { id: { in: ids }, paymentCode: { not: null } } })).toBe(3);
      expect(await db().notification.count({ where: { paymentId: { in: ids } } })).toBe(3);
      const again = await importPaymentCodes({
        db: db(),
        store: store(),
        fileName: "codes.csv",
        bytes,
        actor,
        now: NOW,
        batchId: batch.batchId,
      });
      expect(again.status).toBe("DUPLICATE");
      expect(await db().notification.count({ where: { paymentId: { in: ids } } })).toBe(3);
    });
  }
});
