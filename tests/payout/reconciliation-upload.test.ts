// The Payout reconciliation upload against a real database: the corpus
// (lib/payout/reconciliation/corpus) through the real upload, staged with COPY and judged by joins,
// compared line for line with the pure matcher (the reference the corpus test pins); what an
// applied report writes (statuses through movePayments, with the Post Office's date, history,
// timeline, needs attention) and what a rejected one leaves alone; the same file twice; a fault
// after the check and after the apply, then a retry; a conflicting row settled by an admin, after
// which the same row is unchanged; the result page's lists.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { londonDate } from "@/lib/dates/london-date";
import { matchReconciliation, reconciliationChangesToApply, type Voucher } from "@/lib/payout/match-reconciliation";
import { parseReconciliationFile } from "@/lib/payout/parse-reconciliation";
import { MATCHED_STATUSES } from "@/lib/payout/reconciliation/check-reconciliation";
import { importReconciliation, reconciliationUpload } from "@/lib/payout/reconciliation/import-reconciliation";
import { loadReconciliationResult } from "@/lib/payout/reconciliation/load-reconciliation-result";
import { settleConflictingStatus } from "@/lib/payout/reconciliation/settle-conflicting-status";
import { receiveUpload } from "@/lib/uploads/receive-upload";
import { makeUser } from "../support/make-user";
import { faultAfter, uploadDryRun } from "../support/upload-dry-run";
import { useTestDatabase } from "../support/test-db";
import { useTempStore } from "../runs/run-test-support";
import {
  makePayoutBatch,
  makeVoucher,
  makeVoucherBatch,
  RECONCILIATION_HEADER,
  reconciliationLine,
  voucherCode,
  voucherPence,
  voucherReference,
} from "./voucher-upload-support";

const { db } = useTestDatabase();
const store = useTempStore();
const CORPUS = path.join(process.cwd(), "lib", "payout", "reconciliation", "corpus");
/** The corpus's today, 2026-11-28 in London. */
const NOW = new Date("2026-11-28T12:00:00.000Z");

let actor: { id: string; email: string };
let admin: { id: string; email: string };

beforeAll(async () => {
  const caseworker = await makeUser(db(), { role: "CASEWORKER" });
  actor = { id: caseworker.id, email: caseworker.email };
  const a = await makeUser(db(), { role: "ADMIN" });
  admin = { id: a.id, email: a.email };
  // One batch per delivery day of the corpus's vouchers (delivered in the morning, London time).
  const delivered = async (day: string) => [
    { batchId: (await makePayoutBatch(db(), { deliveredAt: new Date(`${day}T09:00:00Z`) })).id },
  ];
  const nov2 = await delivered("2026-11-02");
  await makeVoucher(db(), {
    reference: "7KQ2M9X-01",
    pence: 1250,
    code: "K7QX2M9PLA4TZ",
    status: "SENT",
    lines: nov2,
    expiresOn: "2026-12-02",
  });
  await makeVoucher(db(), {
    reference: "8ABCD23-01",
    pence: 12399,
    code: "B8CD23EFGH456",
    status: "SENT",
    lines: nov2,
    expiresOn: "2026-12-02",
  });
  await makeVoucher(db(), {
    reference: "9XYZ234-01",
    pence: 1,
    code: "ABCDEFGH23456",
    status: "CASHED",
    lines: await delivered("2026-10-20"),
    postOfficeStatusDate: "2026-10-25",
  });
  await makeVoucher(db(), {
    reference: "4RMN56P-01",
    pence: 123450,
    code: "R4MN56PQRS789",
    status: "EXPIRED",
    lines: await delivered("2026-08-01"),
    postOfficeStatusDate: "2026-09-01",
  });
  await makeVoucher(db(), { reference: "5NOC67K-01", pence: 5000, code: null, status: "SENT", lines: nov2 });
  await makeVoucher(db(), {
    reference: "6NEW78M-01",
    pence: 4500,
    code: "N6EW78MNOP901",
    status: "NEW",
    lines: [{ batchId: nov2[0].batchId, isVoid: true }],
  });
  await makeVoucher(db(), {
    reference: "7CNC89Q-01",
    pence: 6000,
    code: "C7NC89QRST012",
    status: "CANCELLED",
    lines: await delivered("2026-09-01"),
    postOfficeStatusDate: "2026-09-02",
  });
});

/** The report through the real upload, rolled back after reading its rows and the statuses it would record. */
async function throughTheUpload(file: string, bytes: Buffer) {
  const { toApply: changes, ...result } = await uploadDryRun({
    db: db(),
    store: store(),
    spec: reconciliationUpload(),
    toApply: (tx) => tx.$queryRaw<{ paymentId: string; status: string; statusDate: string }[]>`
      SELECT "paymentId"::text AS "paymentId", status, to_char("statusDate", 'YYYY-MM-DD') AS "statusDate"
      FROM (${MATCHED_STATUSES}) c ORDER BY "paymentId"`,
    fileName: file,
    bytes,
    actor,
    now: NOW,
  });
  return { ...result, changes };
}

/** The vouchers with the file's references, loaded the plain way for the pure matcher. */
async function vouchers(references: string[]): Promise<Voucher[]> {
  const payments = await db().payment.findMany({
    where: { method: "CASH", reference: { in: references.map((r) => r.trim().toUpperCase()) } },
    include: { fileLines: { include: { batch: true }, orderBy: [{ isVoid: "asc" }, { batch: { createdAt: "desc" } }] } },
  });
  return payments.map((p) => ({
    paymentId: p.id,
    reference: p.reference,
    amountPence: p.amountPence,
    code: p.paymentCode,
    status: p.status,
    deliveredOn: p.fileLines[0]?.batch.deliveredAt ? londonDate(p.fileLines[0].batch.deliveredAt) : null,
  }));
}

/** What the pure matcher says, with the messages the upload stores for matched and unchanged rows. */
async function reference(bytes: Buffer) {
  const parsed = parseReconciliationFile(bytes);
  const known = await vouchers(parsed.rows.map((r) => r.reference));
  const outcomes = matchReconciliation({ parsed, vouchers: known, today: londonDate(NOW) });
  const byId = new Map(known.map((v) => [v.paymentId, v]));
  const rowAt = new Map(parsed.rows.map((r) => [r.lineNo, r]));
  const rows = outcomes.map((o) => {
    const row = rowAt.get(o.lineNo);
    const name = o.paymentId ? byId.get(o.paymentId)!.reference : "";
    return {
      lineNo: o.lineNo,
      outcome: o.outcome as string,
      message:
        o.outcome === "MATCHED"
          ? `Payment ${name} ${row!.status.toLowerCase()} on ${row!.statusDateText}`
          : o.outcome === "UNCHANGED"
            ? `Payment ${name} already ${row!.status.toLowerCase()}; unchanged`
            : o.message!,
      paymentId: o.paymentId ?? null,
    };
  });
  const changes = reconciliationChangesToApply(outcomes)
    .map((c) => ({ paymentId: c.paymentId, status: c.status as string, statusDate: c.statusDate }))
    .sort((a, b) => (a.paymentId < b.paymentId ? -1 : 1));
  return { rows, changes };
}

/** Everything an applied report would change, for "nothing changed" checks. */
async function footprint() {
  return {
    payments: await db().payment.findMany({
      select: { id: true, status: true, paymentCode: true, postOfficeStatusDate: true, cancelReason: true, updatedAt: true },
      orderBy: { id: "asc" },
    }),
    claims: await db().claim.findMany({ select: { id: true, needsAttention: true }, orderBy: { id: "asc" } }),
    messages: await db().notification.count(),
    events: await db().claimEvent.count(),
    history: await db().paymentStatusHistory.count(),
  };
}

const files = readdirSync(CORPUS)
  .filter((f) => f.endsWith(".csv"))
  .sort();

const EXTRA: Record<string, string> = {
  "extra-many-repeats.csv": [
    RECONCILIATION_HEADER,
    ...Array.from({ length: 13 }, (_, i) =>
      reconciliationLine("7KQ2M9X-01", "K7QX2M9PLA4TZ", 1250, "CASHED", `${String(i + 10)}/11/2026`),
    ),
  ].join("\n"),
  "extra-errors-on-later-lines-after-a-bad-header.csv": 'Ref,Code\n7KQ2M9X-01,x\n\n"unclosed,2\n7KQ2M9X-01,y\n',
};

describe("the reconciliation corpus through the upload", () => {
  it("has the corpus, with at least 12 bad files", () => {
    expect(files.filter((f) => f.startsWith("bad-")).length).toBeGreaterThanOrEqual(12);
  });

  it.each([...files, ...Object.keys(EXTRA)])("%s", async (file) => {
    const bytes = file in EXTRA ? Buffer.from(EXTRA[file], "utf8") : readFileSync(path.join(CORPUS, file));
    const expected = await reference(bytes);
    const before = await footprint();
    const actual = await throughTheUpload(file, bytes);

    expect(actual.outcome).toBe(file.startsWith("good-") ? "APPLIED" : "REJECTED");
    if (file !== "extra-many-repeats.csv") expect(actual.rows).toEqual(expected.rows);
    expect(actual.changes).toEqual(expected.changes);
    for (const row of actual.rows.filter((r) => r.outcome === "ERROR" && r.lineNo > 0)) {
      expect(row.message).toMatch(new RegExp(`^Line ${row.lineNo}\\b`));
    }
    // A rejected report (and a captured good one, rolled back) changes no payment, claim or message.
    expect(await footprint()).toEqual(before);
  });

  it("names a few of many rows for one reference that disagree, and counts the rest", async () => {
    const actual = await throughTheUpload("repeats.csv", Buffer.from(EXTRA["extra-many-repeats.csv"]));
    expect(actual.rows[0].message).toBe(
      'Line 2: reference "7KQ2M9X-01" is also on lines 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 2 more with a different code, amount, status or date',
    );
  });
});

describe("applying a reconciliation report", () => {
  it("moves each voucher once per status, with the Post Office's date; the same file again is a no-op", async () => {
    const batch = await makeVoucherBatch(db(), {
      n: 5,
      tag: "R",
      deliveredAt: new Date("2026-10-20T09:00:00Z"),
      expiresOn: "2026-11-19",
      codes: true,
    });
    const line = (i: number, status: string, date: string) =>
      reconciliationLine(voucherReference("R", i), voucherCode("R", i), voucherPence(i), status, date);
    const text = [
      RECONCILIATION_HEADER,
      line(1, "CASHED", "21/10/2026"),
      line(2, "EXPIRED", "2026-11-20"),
      line(3, "Cancelled", "01/11/2026"),
      line(4, "cashed", "2026-10-22"),
    ].join("\n");
    const outcome = await importReconciliation({
      db: db(),
      store: store(),
      fileName: "recon.csv",
      bytes: Buffer.from(text),
      actor,
      now: NOW,
    });
    expect(outcome).toEqual({
      status: "APPLIED",
      uploadId: expect.any(String),
      counts: { rows: 4, matched: 4, unchanged: 0, errors: 0 },
    });
    const uploadId = outcome.uploadId;

    const payments = await db().payment.findMany({
      where: { reference: { startsWith: "R0" } },
      include: { claim: true },
      orderBy: { reference: "asc" },
    });
    const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
    expect(payments.map((p) => [p.status, day(p.postOfficeStatusDate), p.cancelReason, p.claim!.needsAttention])).toEqual([
      ["CASHED", "2026-10-21", null, false],
      ["EXPIRED", "2026-11-20", null, true],
      ["CANCELLED", "2026-11-01", "Cancelled by the Post Office", true],
      ["CASHED", "2026-10-22", null, false],
      ["SENT", null, null, false],
    ]);
    const history = await db().paymentStatusHistory.findMany({ where: { uploadId }, orderBy: { paymentId: "asc" } });
    expect(history).toHaveLength(4);
    // One move per status: three moves for four vouchers.
    expect(new Set(history.map((h) => h.moveId)).size).toBe(3);
    expect(history.every((h) => h.actorId === actor.id && h.fromStatus === "SENT")).toBe(true);
    const events = await db().claimEvent.findMany({
      where: {
        claimId: { in: payments.map((p) => p.claimId!) },
        kind: { in: ["payment.cashed", "payment.expired", "payment.voucher-cancelled"] },
      },
    });
    expect(events.map((e) => e.summary).sort()).toEqual(
      [
        `Payment ${voucherReference("R", 1)} cashed at the Post Office on 21 October 2026`,
        `Payment ${voucherReference("R", 2)}: the voucher expired uncashed on 20 November 2026`,
        `Payment ${voucherReference("R", 3)}: the Post Office cancelled the voucher on 1 November 2026`,
        `Payment ${voucherReference("R", 4)} cashed at the Post Office on 22 October 2026`,
      ].sort(),
    );
    const audit = await db().auditLog.findFirstOrThrow({ where: { entityId: payments[1].id, action: "payment.expired" } });
    expect(audit.after).toMatchObject({ status: "EXPIRED", postOfficeStatusDate: "2026-11-20", uploadId });

    // The result page: what it did, and R000005, SENT and past its last day (19 November), outstanding.
    const result = await loadReconciliationResult(db(), { uploadId, now: NOW });
    expect(result).toMatchObject({
      upload: { status: "APPLIED", matched: 4 },
      moved: { CASHED: 2, EXPIRED: 1, CANCELLED: 1 },
      rows: { UNCHANGED: [], ERROR: [] },
    });
    expect(result!.rows.MATCHED.map((r) => [r.lineNo, r.paymentReference, r.message])).toEqual([
      [2, voucherReference("R", 1), `Payment ${voucherReference("R", 1)} cashed on 21/10/2026`],
      [3, voucherReference("R", 2), `Payment ${voucherReference("R", 2)} expired on 2026-11-20`],
      [4, voucherReference("R", 3), `Payment ${voucherReference("R", 3)} cancelled on 01/11/2026`],
      [5, voucherReference("R", 4), `Payment ${voucherReference("R", 4)} cashed on 2026-10-22`],
    ]);
    expect(result!.outstanding.vouchers.map((v) => [v.reference, v.voucherExpiresOn])).toContainEqual([
      voucherReference("R", 5),
      "2026-11-19",
    ]);
    expect(result!.outstanding.vouchers.map((v) => v.reference)).not.toContain(voucherReference("R", 1));

    const before = await footprint();
    const again = await importReconciliation({
      db: db(),
      store: store(),
      fileName: "recon (1).csv",
      bytes: Buffer.from(text),
      actor,
      now: NOW,
    });
    expect(again).toMatchObject({ status: "DUPLICATE", previous: { uploadId } });
    // Tomorrow's report repeats them: every row unchanged, nothing moves.
    const tomorrow = await importReconciliation({
      db: db(),
      store: store(),
      fileName: "recon-next.csv",
      bytes: Buffer.from(`${text}\r\n`),
      actor,
      now: new Date("2026-11-29T12:00:00Z"),
    });
    expect(tomorrow).toMatchObject({ status: "APPLIED", counts: { rows: 4, matched: 0, unchanged: 4, errors: 0 } });
    expect(await footprint()).toEqual(before);
    expect(batch.n).toBe(5);
  });
});

describe("a fault, then a retry", () => {
  for (const stage of ["check", "apply"] as const) {
    it(`after the ${stage}: nothing applied, and the retry moves each voucher once`, async () => {
      const tag = stage === "check" ? "F" : "G";
      await makeVoucherBatch(db(), {
        n: 3,
        tag,
        deliveredAt: new Date("2026-11-02T09:00:00Z"),
        expiresOn: "2026-12-02",
        codes: true,
      });
      const bytes = Buffer.from(
        [
          RECONCILIATION_HEADER,
          ...[1, 2, 3].map((i) =>
            reconciliationLine(
              voucherReference(tag, i),
              voucherCode(tag, i),
              voucherPence(i),
              i === 3 ? "EXPIRED" : "CASHED",
              "2026-11-20",
            ),
          ),
        ].join("\n"),
      );
      const faulty = faultAfter(reconciliationUpload(), stage);
      const before = await footprint();
      await expect(
        receiveUpload({ db: db(), store: store(), spec: faulty, fileName: "recon.csv", bytes, actor, now: NOW }),
      ).rejects.toThrow(`fault after the ${stage}`);
      expect(await footprint()).toEqual(before);

      const retry = await importReconciliation({ db: db(), store: store(), fileName: "recon.csv", bytes, actor, now: NOW });
      expect(retry).toMatchObject({ status: "APPLIED", counts: { matched: 3 } });
      const ids = (await db().payment.findMany({ where: { reference: { startsWith: tag } } })).map((p) => p.id);
      expect(await db().paymentStatusHistory.count({ where: { paymentId: { in: ids }, fromStatus: "SENT" } })).toBe(3);
      expect(await db().payment.groupBy({ by: ["status"], where: { id: { in: ids } }, _count: true })).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ status: "CASHED", _count: 2 }),
          expect.objectContaining({ status: "EXPIRED", _count: 1 }),
        ]),
      );
    });
  }
});

describe("a conflicting final status", () => {
  it("blocks the report until an admin accepts the Post Office's status; then that row is unchanged", async () => {
    await makeVoucherBatch(db(), {
      n: 2,
      tag: "S",
      deliveredAt: new Date("2026-11-02T09:00:00Z"),
      expiresOn: "2026-12-02",
      codes: true,
    });
    const row = (i: number, status: string, date: string) =>
      reconciliationLine(voucherReference("S", i), voucherCode("S", i), voucherPence(i), status, date);
    const first = await importReconciliation({
      db: db(),
      store: store(),
      fileName: "day1.csv",
      bytes: Buffer.from([RECONCILIATION_HEADER, row(1, "EXPIRED", "2026-11-20")].join("\n")),
      actor,
      now: NOW,
    });
    expect(first.status).toBe("APPLIED");
    const payment = await db().payment.findUniqueOrThrow({
      where: { reference: voucherReference("S", 1) },
      include: { claim: true },
    });
    expect(payment.claim!.needsAttention).toBe(true);

    const report = Buffer.from(
      [RECONCILIATION_HEADER, row(1, "CASHED", "2026-11-18"), row(2, "CASHED", "2026-11-21")].join("\n"),
    );
    const before = await footprint();
    const conflict = await importReconciliation({
      db: db(),
      store: store(),
      fileName: "day2.csv",
      bytes: report,
      actor,
      now: NOW,
    });
    expect(conflict).toMatchObject({ status: "REJECTED", counts: { rows: 2, matched: 1, errors: 1 } });
    if (conflict.status !== "REJECTED") throw new Error("not rejected");
    expect(conflict.errors[0].message).toMatch(
      new RegExp(
        `^Line 2: payment ${voucherReference("S", 1)} is already EXPIRED and this file says CASHED: an admin settles it on the payment's page`,
      ),
    );
    expect(await db().uploadRow.findFirstOrThrow({ where: { uploadId: conflict.uploadId, lineNo: 2 } })).toMatchObject({
      paymentId: payment.id,
    });
    expect(await footprint()).toEqual(before);

    // Not without a reason, nor with a date in the future; with them, it is settled.
    await expect(
      settleConflictingStatus({
        db: db(),
        paymentId: payment.id,
        status: "CASHED",
        statusDate: "2026-11-18",
        reason: "  ",
        actor: admin,
        now: NOW,
      }),
    ).rejects.toThrow("Give a reason");
    await expect(
      settleConflictingStatus({
        db: db(),
        paymentId: payment.id,
        status: "CASHED",
        statusDate: "2026-11-29",
        reason: "x",
        actor: admin,
        now: NOW,
      }),
    ).rejects.toThrow("in the future");
    const settled = await settleConflictingStatus({
      db: db(),
      paymentId: payment.id,
      status: "CASHED",
      statusDate: "2026-11-18",
      reason: "The Post Office confirmed it was cashed on 18 November",
      actor: admin,
      now: NOW,
      uploadId: conflict.uploadId,
    });
    expect(settled).toEqual({ reference: voucherReference("S", 1), from: "EXPIRED", to: "CASHED" });
    const after = await db().payment.findUniqueOrThrow({ where: { id: payment.id }, include: { claim: true } });
    expect([after.status, after.postOfficeStatusDate?.toISOString().slice(0, 10), after.claim!.needsAttention]).toEqual([
      "CASHED",
      "2026-11-18",
      false,
    ]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { entityId: payment.id, action: "payment.settled-cashed" } });
    expect(audit).toMatchObject({ actorId: admin.id });
    expect(audit.after).toMatchObject({
      status: "CASHED",
      reason: "The Post Office confirmed it was cashed on 18 November",
      uploadId: conflict.uploadId,
    });
    await expect(
      settleConflictingStatus({
        db: db(),
        paymentId: payment.id,
        status: "CASHED",
        statusDate: "2026-11-18",
        reason: "again",
        actor: admin,
        now: NOW,
      }),
    ).rejects.toThrow("already cashed");

    const again = await importReconciliation({ db: db(), store: store(), fileName: "day2.csv", bytes: report, actor, now: NOW });
    expect(again).toMatchObject({ status: "APPLIED", counts: { rows: 2, matched: 1, unchanged: 1, errors: 0 } });
    expect((await db().payment.findUniqueOrThrow({ where: { reference: voucherReference("S", 2) } })).status).toBe("CASHED");
  });
});
