// A Post Office voucher that expired, or that the Post Office cancelled, is replaced by a caseworker
// with a new voucher (the next Payout run takes it) or, with approved bank details, a bank transfer.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { proposeBankDetailsChange } from "@/lib/bank-details/propose-bank-details-change";
import { cancelPayment } from "@/lib/claims/cancel-payment";
import { decideClaim } from "@/lib/claims/decide-claim";
import { DEFAULT_APPROVAL_LIMITS } from "@/lib/claims/rules/second-approval";
import { reissueVoucher, voucherReissueState } from "@/lib/claims/reissue-payment";
import { lineFieldName } from "@/lib/claims/rules/decide-lines";
import { VOUCHER_REISSUE_MESSAGES, type ReissueMethod } from "@/lib/claims/rules/reissue-voucher";
import { listExpiredVouchers } from "@/lib/payout/list-expired-vouchers";
import { payout, usePayoutPlaces } from "../payout/run-payout-test-support";
import { run, useTempStore } from "../runs/run-test-support";
import { forcePaymentUpdate } from "../support/force-payment-update";
import { formReader, makeClaim, VALID_BANK } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { TEST_LOOKUP_KEY } from "../support/lookup-key";

const { db } = useTestDatabase();
const key = randomBytes(32);
const limits = DEFAULT_APPROVAL_LIMITS;
const places = usePayoutPlaces();
const bankStore = useTempStore();
let clock = new Date("2026-12-20T10:00:00Z").getTime();
const tick = () => new Date((clock += 60_000));

async function caseworker() {
  const u = await makeUser(db(), { role: "CASEWORKER" });
  return { id: u.id, email: u.email, name: u.name };
}

/** An approved cash claim whose voucher went out and came back `outcome` from the reconciliation. */
async function voucherThat(
  outcome: "EXPIRED" | "CANCELLED" | "SENT",
  options: { bank?: typeof VALID_BANK | null; statusDate?: string; pence?: number } = {},
) {
  const actor = await caseworker();
  const { claim, claimant } = await makeClaim(db(), key, {
    method: "CASH",
    bank: options.bank === undefined ? null : options.bank,
    lines: [options.pence ?? 2500],
  });
  const read = formReader(Object.fromEntries(claim.expenses.map((l) => [lineFieldName(l.id, "decision"), "APPROVE"])));
  const decided = await decideClaim({ db: db(), key, limits, reference: claim.reference, expectedVersion: 0, read, actor });
  if (decided.outcome !== "APPROVED") throw new Error("not approved");
  // The Payout run, the payment-code file and the reconciliation report are other modules' (and
  // tested there): here the voucher is put straight into the state they leave it in.
  const payment = await forcePaymentUpdate(db(), {
    where: { id: decided.payment.id },
    data: {
      status: outcome,
      sentAt: new Date("2026-11-02T01:00:00Z"),
      paymentCode: randomBytes(8).toString("hex").slice(0, 13).toUpperCase(),
      codeIssuedAt: new Date("2026-11-03T09:00:00Z"),
      voucherExpiresOn: new Date("2026-12-02"),
      postOfficeStatusDate: outcome === "SENT" ? null : new Date(options.statusDate ?? "2026-12-03"),
      cancelReason: outcome === "CANCELLED" ? "Cancelled by the Post Office" : null,
      cancelledAt: outcome === "CANCELLED" ? new Date("2026-12-03T08:00:00Z") : null,
    },
  });
  // What the reconciliation's refresh of "needs attention" leaves on the claim.
  if (outcome !== "SENT") await db().claim.update({ where: { id: claim.id }, data: { needsAttention: true } });
  return { claim: await db().claim.findUniqueOrThrow({ where: { id: claim.id } }), claimant, payment, actor };
}

function reissue(
  claim: { reference: string; version: number },
  paymentId: string,
  method: ReissueMethod,
  actor: { id: string; email: string; name: string },
) {
  return reissueVoucher({
    db: db(),
    key,
    claimReference: claim.reference,
    expectedVersion: claim.version,
    voucherPaymentId: paymentId,
    method,
    actor,
    now: tick(),
  });
}

const queued = async () => (await listExpiredVouchers(db())).vouchers.map((v) => v.paymentId);

describe("reissuing an expired voucher", () => {
  it("as a new voucher: a NEW cash payment with the next reference, linked, out of the queue and needs attention", async () => {
    const { claim, payment, actor } = await voucherThat("EXPIRED", { pence: 2500 });
    expect(await queued()).toContain(payment.id);
    expect(await voucherReissueState(db(), key, claim.id)).toEqual({
      voucherPaymentId: payment.id,
      problems: { CASH: null, BANK: VOUCHER_REISSUE_MESSAGES.noBankDetails },
      account: null,
    });

    const made = await reissue(claim, payment.id, "CASH", actor);
    expect(made).toEqual({ id: expect.any(String), reference: `${claim.reference}-02`, method: "CASH" });
    expect(await db().payment.findUniqueOrThrow({ where: { id: made.id } })).toMatchObject({
      method: "CASH",
      status: "NEW",
      holdReason: null,
      amountPence: 2500,
      replacesId: payment.id,
      paymentCode: null,
      voucherExpiresOn: null,
    });
    // The old voucher keeps its outcome: a reissue replaces it, it does not move it.
    expect((await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("EXPIRED");
    expect(await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({
      status: "APPROVED",
      paymentMethod: "CASH",
      needsAttention: false,
      version: claim.version + 1,
    });
    expect(await queued()).not.toContain(payment.id);
    expect(await voucherReissueState(db(), key, claim.id)).toBeNull();

    const event = await db().claimEvent.findFirstOrThrow({ where: { claimId: claim.id, kind: "payment.reissued" } });
    expect(event.summary).toBe(
      `Voucher ${payment.reference} (expired) reissued as ${claim.reference}-02 (£25.00): a new Post Office voucher in the next Payout run`,
    );
    expect(event.actorId).toBe(actor.id);
    const audits = await db().auditLog.findMany({
      where: { entityId: { in: [made.id, claim.id] }, action: { contains: "reissued" } },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => a.action)).toEqual(["payment.reissued", "claim.payment-reissued"]);
    expect(audits[0].after).toMatchObject({ method: "CASH", replacesId: payment.id, replacesStatus: "EXPIRED", status: "NEW" });
    expect(audits[1]).toMatchObject({ before: { paymentMethod: "CASH" }, after: { paymentMethod: "CASH", paymentId: made.id } });
    const history = await db().paymentStatusHistory.findMany({ where: { paymentId: made.id } });
    expect(history).toMatchObject([{ fromStatus: null, toStatus: "NEW", action: "payment.reissued", actorId: actor.id }]);
  });

  it("refuses a second reissue of the same voucher, and a stale page", async () => {
    const { claim, payment, actor } = await voucherThat("EXPIRED");
    await expect(reissue({ ...claim, version: claim.version - 1 }, payment.id, "CASH", actor)).rejects.toMatchObject({
      code: "STALE",
      message: expect.stringMatching(/^You changed this claim in another tab at \d{2}:\d{2}: .+ Reload the page/),
    });
    await reissue(claim, payment.id, "CASH", actor);
    const now = await db().claim.findUniqueOrThrow({ where: { id: claim.id } });
    await expect(reissue(now, payment.id, "CASH", actor)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: VOUCHER_REISSUE_MESSAGES.alreadyReplaced,
    });
    expect(await db().payment.count({ where: { claimId: claim.id } })).toBe(2);
  });

  it("reissues once when two caseworkers submit at the same moment", async () => {
    const { claim, payment, actor } = await voucherThat("EXPIRED");
    const other = await caseworker();
    const results = await Promise.allSettled([
      reissue(claim, payment.id, "CASH", actor),
      reissue(claim, payment.id, "CASH", other),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "STALE" } });
    expect(await db().payment.count({ where: { claimId: claim.id } })).toBe(2);
  });

  it("replaces a voucher the Post Office cancelled the same way", async () => {
    const { claim, payment, actor } = await voucherThat("CANCELLED");
    expect(await queued()).toContain(payment.id);
    const made = await reissue(claim, payment.id, "CASH", actor);
    const event = await db().claimEvent.findFirstOrThrow({ where: { claimId: claim.id, kind: "payment.reissued" } });
    expect(event.summary).toContain("(cancelled by the Post Office) reissued as");
    expect(await db().payment.findUniqueOrThrow({ where: { id: made.id } })).toMatchObject({ method: "CASH", status: "NEW" });
    expect(await queued()).not.toContain(payment.id);
  });

  it("switches to a bank transfer to the claimant's approved details: the claim becomes a bank claim", async () => {
    const { claim, payment, actor } = await voucherThat("EXPIRED", { bank: VALID_BANK, pence: 1240 });
    expect(await voucherReissueState(db(), key, claim.id)).toEqual({
      voucherPaymentId: payment.id,
      problems: { CASH: null, BANK: null },
      account: "*****911",
    });
    const made = await reissue(claim, payment.id, "BANK", actor);
    expect(made).toMatchObject({ reference: `${claim.reference}-02`, method: "BANK" });
    expect(await db().payment.findUniqueOrThrow({ where: { id: made.id } })).toMatchObject({
      method: "BANK",
      status: "NEW",
      holdReason: null,
      amountPence: 1240,
      replacesId: payment.id,
    });
    expect(await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({
      status: "APPROVED",
      paymentMethod: "BANK",
      needsAttention: false,
    });
    const event = await db().claimEvent.findFirstOrThrow({ where: { claimId: claim.id, kind: "payment.reissued" } });
    expect(event.summary).toBe(
      `Voucher ${payment.reference} (expired) replaced by bank payment ${claim.reference}-02 (£12.40) to the approved bank details (account *****911); the claim is now paid by bank transfer`,
    );
    const claimAudit = await db().auditLog.findFirstOrThrow({ where: { entityId: claim.id, action: "claim.payment-reissued" } });
    expect(claimAudit).toMatchObject({ before: { paymentMethod: "CASH" }, after: { paymentMethod: "BANK" } });
    expect(await queued()).not.toContain(payment.id);
  });

  it("refuses a switch to bank without approved details, or while a change waits, and changes nothing", async () => {
    const none = await voucherThat("EXPIRED", { bank: null });
    await expect(reissue(none.claim, none.payment.id, "BANK", none.actor)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: VOUCHER_REISSUE_MESSAGES.noBankDetails,
    });

    const pending = await voucherThat("EXPIRED", { bank: VALID_BANK });
    await db().$transaction((tx) =>
      proposeBankDetailsChange(tx, {
        claimantId: pending.claimant.id,
        details: { ...VALID_BANK, nameOnAccount: "Someone Else" },
        key,
        lookupKey: TEST_LOOKUP_KEY,
        actor: pending.actor,
        proposedById: pending.actor.id,
      }),
    );
    expect((await voucherReissueState(db(), key, pending.claim.id))?.problems).toEqual({
      CASH: null,
      BANK: VOUCHER_REISSUE_MESSAGES.pendingChange,
    });
    await expect(reissue(pending.claim, pending.payment.id, "BANK", pending.actor)).rejects.toMatchObject({
      message: VOUCHER_REISSUE_MESSAGES.pendingChange,
    });

    for (const { claim } of [none, pending]) {
      expect(await db().payment.count({ where: { claimId: claim.id } })).toBe(1);
      expect(await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({
        paymentMethod: "CASH",
        version: claim.version,
        needsAttention: true,
      });
    }
  });

  it("refuses a voucher still valid, and a cash payment a caseworker cancelled before it was sent (never queued)", async () => {
    const valid = await voucherThat("SENT");
    expect(await voucherReissueState(db(), key, valid.claim.id)).toBeNull();
    await expect(reissue(valid.claim, valid.payment.id, "CASH", valid.actor)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: VOUCHER_REISSUE_MESSAGES.notVoucher,
    });

    const actor = await caseworker();
    const { claim } = await makeClaim(db(), key, { method: "CASH", bank: null, lines: [900] });
    const read = formReader(Object.fromEntries(claim.expenses.map((l) => [lineFieldName(l.id, "decision"), "APPROVE"])));
    const decided = await decideClaim({ db: db(), key, limits, reference: claim.reference, expectedVersion: 0, read, actor });
    if (decided.outcome !== "APPROVED") throw new Error("not approved");
    await cancelPayment({ db: db(), paymentId: decided.payment.id, reason: "Claimant withdrew", actor, now: tick() });
    expect(await queued()).not.toContain(decided.payment.id);
    const after = await db().claim.findUniqueOrThrow({ where: { id: claim.id } });
    await expect(reissue(after, decided.payment.id, "CASH", actor)).rejects.toMatchObject({
      message: VOUCHER_REISSUE_MESSAGES.notVoucher,
    });
  });
});

describe("the expired-voucher queue", () => {
  it("lists the oldest Post Office outcome first, a page at a time", async () => {
    const later = await voucherThat("EXPIRED", { statusDate: "2026-12-10" });
    const earlier = await voucherThat("CANCELLED", { statusDate: "2026-12-01" });
    const all = (await listExpiredVouchers(db())).vouchers;
    const mine = all.filter((v) => [later.payment.id, earlier.payment.id].includes(v.paymentId));
    expect(mine.map((v) => v.paymentId)).toEqual([earlier.payment.id, later.payment.id]);
    expect(mine[0]).toMatchObject({
      status: "CANCELLED",
      statusDate: "2026-12-01",
      claimReference: earlier.claim.reference,
      claimantName: "Ada Lovelace",
      amountPence: 2500,
    });
    // Keyset: the page after a voucher starts strictly after it.
    const index = all.findIndex((v) => v.paymentId === earlier.payment.id);
    const next = await listExpiredVouchers(db(), { after: { statusDate: all[index].statusDate, id: all[index].paymentId } });
    expect(next.vouchers.map((v) => v.paymentId)).toEqual(all.slice(index + 1).map((v) => v.paymentId));
  });
});

describe("the next run after a reissue", () => {
  it("a new voucher goes into the next Payout run's file, a new batch; the expired one stays as it was", async () => {
    const { claim, payment, actor } = await voucherThat("EXPIRED", { pence: 1875 });
    const made = await reissue(claim, payment.id, "CASH", actor);
    const summary = await payout(db(), places, { now: tick() });
    expect(summary).toMatchObject({ status: "SUCCEEDED" });
    const sent = await db().payment.findUniqueOrThrow({
      where: { id: made.id },
      include: { fileLines: { include: { batch: { include: { files: true } } } } },
    });
    expect(sent.status).toBe("SENT");
    expect(sent.fileLines).toHaveLength(1);
    const [line] = sent.fileLines;
    expect(line.batch).toMatchObject({ method: "CASH", status: "DELIVERED" });
    const file = line.batch.files.find((f) => f.kind === "PAYOUT_CSV")!;
    const delivered = readFileSync(path.join(places.outbox, file.fileName), "utf8");
    const row = delivered.split(/\r?\n/).find((l) => l.split(",")[12] === made.reference);
    expect(row?.split(",")[0]).toBe("18.75");
    expect((await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("EXPIRED");
  });

  it("a switch to bank goes into the next direct-payments run", async () => {
    const { claim, payment, actor } = await voucherThat("CANCELLED", { bank: VALID_BANK, pence: 990 });
    const made = await reissue(claim, payment.id, "BANK", actor);
    expect(await run(db(), bankStore(), { key, now: tick() })).toMatchObject({ status: "SUCCEEDED" });
    const sent = await db().payment.findUniqueOrThrow({ where: { id: made.id }, include: { fileLines: true } });
    expect(sent).toMatchObject({ status: "SENT", method: "BANK" });
    expect(sent.fileLines).toMatchObject([{ amountPence: 990, fileReference: made.reference }]);
  });
});
