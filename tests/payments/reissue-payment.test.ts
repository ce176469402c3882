// After SSCL reports a bank payment failed: new bank details, approved by a second caseworker, then
// the caseworker reissues the payment, and the next run pays it to the new details.
import { describe, expect, it } from "vitest";
import { decideBankDetailsChange } from "@/lib/bank-details/decide-bank-details-change";
import { proposeBankDetailsForClaim } from "@/lib/claims/propose-bank-details-for-claim";
import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { REISSUE_MESSAGES } from "@/lib/claims/rules/reissue";
import { reissuePayment, reissueState } from "@/lib/claims/reissue-payment";
import { decidePersonDetails } from "@/lib/people/decide-person-details";
import { proposePersonDetails } from "@/lib/people/propose-person-details";
import { importFailedPayments } from "@/lib/direct-payments/failed-payments/import-failed-payments";
import { approvedBankPayment, key, NOW, run, useTempStore } from "../runs/run-test-support";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { forcePaymentUpdate } from "../support/force-payment-update";
import { TEST_LOOKUP_KEY } from "../support/lookup-key";

const { db } = useTestDatabase();
const store = useTempStore();

let clock = NOW.getTime();
const tick = () => new Date((clock += 60_000));
const NEW_DETAILS = { nameOnAccount: "Ada Lovelace", sortCode: "089999", accountNumber: "66374958", rollNumber: "" };

const caseworker = async (name: string) => {
  const u = await makeUser(db(), { role: "CASEWORKER", name });
  return { id: u.id, email: u.email, name: u.name };
};

/** A claim whose bank payment was sent by a run and then reported failed by SSCL. */
async function failedClaim(pence = 1240) {
  const made = await approvedBankPayment(db(), { pence });
  expect(await run(db(), store(), { now: tick() })).toMatchObject({ status: "SUCCEEDED" });
  const line = await db().fileLine.findFirstOrThrow({
    where: { paymentId: made.payment.id },
    include: { batch: { include: { files: true } } },
  });
  const csv = (await store().get(line.batch.files.find((f) => f.kind === "ACCESSPAY_CSV")!.storageKey)).toString("ascii");
  const finance = await makeUser(db(), { role: "SSCL_FINANCE" });
  const outcome = await importFailedPayments({
    db: db(),
    store: store(),
    key,
    fileName: `failed-${made.payment.reference}.csv`,
    bytes: Buffer.from(`${csv.split("\n")[line.lineNo - 1]},Account closed\n`),
    actor: { id: finance.id, email: finance.email },
    now: tick(),
  });
  expect(outcome).toMatchObject({ status: "APPLIED", counts: { matched: 1 } });
  return made;
}

const claimNamed = (reference: string) => db().claim.findUniqueOrThrow({ where: { reference } });

async function reissue(
  reference: string,
  failedPaymentId: string,
  actor: { id: string; email: string; name: string },
  expectedVersion?: number,
) {
  const version = expectedVersion ?? (await claimNamed(reference)).version;
  return reissuePayment({
    db: db(),
    key,
    claimReference: reference,
    expectedVersion: version,
    failedPaymentId,
    actor,
    now: tick(),
  });
}

describe("reissuing a failed payment", () => {
  it("needs new details approved by a second caseworker, then pays them in the next run", async () => {
    const maker = await caseworker("Maker");
    const checker = await caseworker("Checker");
    const { claim, payment: failed } = await failedClaim();
    const ref = claim.reference;

    expect(await reissueState(db(), key, claim.id)).toEqual({
      failedPaymentId: failed.id,
      problem: REISSUE_MESSAGES.noNewDetails,
    });
    await expect(reissue(ref, failed.id, maker)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: REISSUE_MESSAGES.noNewDetails,
    });

    await proposeBankDetailsForClaim({
      db: db(),
      key,
      lookupKey: TEST_LOOKUP_KEY,
      reference: ref,
      fields: NEW_DETAILS,
      actor: maker,
    });
    expect(await reissueState(db(), key, claim.id)).toEqual({
      failedPaymentId: failed.id,
      problem: REISSUE_MESSAGES.pendingChange,
    });
    await expect(reissue(ref, failed.id, maker)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: REISSUE_MESSAGES.pendingChange,
    });

    const change = await db().bankDetailChange.findFirstOrThrow({ where: { claimantId: claim.claimantId, status: "PENDING" } });
    await expect(
      decideBankDetailsChange({ db: db(), key, changeId: change.id, approve: true, actor: maker, now: tick() }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await decideBankDetailsChange({ db: db(), key, changeId: change.id, approve: true, actor: checker, now: tick() });
    expect(await reissueState(db(), key, claim.id)).toEqual({ failedPaymentId: failed.id, problem: null });

    const seen = (await claimNamed(ref)).version;
    await db().claim.update({ where: { id: claim.id }, data: { version: { increment: 1 } } }); // someone else's change
    await expect(reissue(ref, failed.id, maker, seen)).rejects.toMatchObject({
      code: "STALE",
      message: expect.stringMatching(/^Checker changed this claim at \d{2}:\d{2}: .+ Reload the page/),
    });

    const made = await reissue(ref, failed.id, maker);
    expect(made).toEqual({ id: expect.any(String), reference: `${ref}-02` });
    expect(await db().payment.findUniqueOrThrow({ where: { id: made.id } })).toMatchObject({
      status: "NEW",
      method: "BANK",
      amountPence: failed.amountPence,
      replacesId: failed.id,
      holdReason: null,
    });
    expect(await claimNamed(ref)).toMatchObject({
      status: "APPROVED",
      informationRequestKind: null,
      needsAttention: false,
      version: seen + 2,
    });
    expect(await db().auditLog.count({ where: { entityId: made.id, action: "payment.reissued" } })).toBe(1);
    expect(await db().auditLog.count({ where: { entityId: claim.id, action: "claim.payment-reissued" } })).toBe(1);
    const event = await db().claimEvent.findFirstOrThrow({ where: { claimId: claim.id, kind: "payment.reissued" } });
    expect(event.summary).toBe(
      `Payment ${failed.reference} reissued as ${ref}-02 (£12.40) to the new bank details (account *****958)`,
    );
    expect(await reissueState(db(), key, claim.id)).toBeNull();

    // Twice: refused, and still one new payment.
    await expect(reissue(ref, failed.id, maker)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: REISSUE_MESSAGES.alreadyReplaced,
    });
    expect(await db().payment.count({ where: { claimId: claim.id } })).toBe(2);

    // The next run pays the new payment, to the new details.
    expect(await run(db(), store(), { now: tick() })).toMatchObject({ status: "SUCCEEDED", payments: 1 });
    expect((await db().payment.findUniqueOrThrow({ where: { id: made.id } })).status).toBe("SENT");
    const line = await db().fileLine.findFirstOrThrow({
      where: { paymentId: made.id },
      include: { batch: { include: { files: true } } },
    });
    expect(decryptBankDetails(line.bankDetailsCiphertext!, key)).toMatchObject({
      sortCode: "089999",
      accountNumber: "66374958",
      nameOnAccount: "Ada Lovelace",
    });
    const csv = (await store().get(line.batch.files.find((f) => f.kind === "ACCESSPAY_CSV")!.storageKey)).toString("ascii");
    expect(csv).toBe(`089999,66374958,Ada Lovelace,12.40,${ref}-02\n`);
    expect((await db().payment.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe("FAILED");
  });

  it("two reissues of one failed payment at once make one payment", async () => {
    const maker = await caseworker("Maker");
    const checker = await caseworker("Checker");
    const { claim, payment: failed } = await failedClaim(2000);
    await proposeBankDetailsForClaim({
      db: db(),
      key,
      lookupKey: TEST_LOOKUP_KEY,
      reference: claim.reference,
      fields: NEW_DETAILS,
      actor: maker,
    });
    const change = await db().bankDetailChange.findFirstOrThrow({ where: { claimantId: claim.claimantId, status: "PENDING" } });
    await decideBankDetailsChange({ db: db(), key, changeId: change.id, approve: true, actor: checker, now: tick() });

    const version = (await claimNamed(claim.reference)).version;
    const results = await Promise.allSettled([
      reissue(claim.reference, failed.id, maker, version),
      reissue(claim.reference, failed.id, checker, version),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "STALE" } });
    expect(await db().payment.count({ where: { claimId: claim.id, replacesId: failed.id } })).toBe(1);
  });

  it("does not count details approved before the failure, nor reissue a payment that has not failed", async () => {
    const maker = await caseworker("Maker");
    const checker = await caseworker("Checker");
    const made = await approvedBankPayment(db(), { pence: 3000 });
    await proposeBankDetailsForClaim({
      db: db(),
      key,
      lookupKey: TEST_LOOKUP_KEY,
      reference: made.claim.reference,
      fields: NEW_DETAILS,
      actor: maker,
    });
    const change = await db().bankDetailChange.findFirstOrThrow({ where: { claimantId: made.claimant.id, status: "PENDING" } });
    await decideBankDetailsChange({ db: db(), key, changeId: change.id, approve: true, actor: checker, now: tick() });

    await expect(reissue(made.claim.reference, made.payment.id, maker)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: REISSUE_MESSAGES.notFailed("NEW"),
    });
    expect(await reissueState(db(), key, made.claim.id)).toBeNull();

    // Sent to the approved details, which then bounce: those details are the ones that failed.
    expect(await run(db(), store(), { now: tick() })).toMatchObject({ status: "SUCCEEDED" });
    expect((await db().payment.findUniqueOrThrow({ where: { id: made.payment.id } })).status).toBe("SENT");
    await forcePaymentUpdate(db(), {
      where: { id: made.payment.id },
      data: { status: "FAILED", failureReason: "Account closed", failedAt: tick() },
    });
    await db().claim.update({
      where: { id: made.claim.id },
      data: { status: "INFORMATION_REQUESTED", informationRequestKind: "BANK_DETAILS" },
    });
    expect(await reissueState(db(), key, made.claim.id)).toEqual({
      failedPaymentId: made.payment.id,
      problem: REISSUE_MESSAGES.noNewDetails,
    });
    await expect(reissue(made.claim.reference, "00000000-0000-4000-8000-000000000000", maker)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("starts the reissued payment held while a change of the person's name or address waits, and its approval releases it", async () => {
    const maker = await caseworker("Maker");
    const checker = await caseworker("Checker");
    const { claim, payment: failed } = await failedClaim();
    await proposeBankDetailsForClaim({
      db: db(),
      key,
      lookupKey: TEST_LOOKUP_KEY,
      reference: claim.reference,
      fields: NEW_DETAILS,
      actor: maker,
    });
    const bankChange = await db().bankDetailChange.findFirstOrThrow({
      where: { claimantId: claim.claimantId, status: "PENDING" },
    });
    await decideBankDetailsChange({ db: db(), key, changeId: bankChange.id, approve: true, actor: checker, now: tick() });
    const person = await db().claimant.findUniqueOrThrow({ where: { id: claim.claimantId } });
    const { changeId } = await proposePersonDetails({
      db: db(),
      personId: person.id,
      fields: {
        firstName: person.firstName,
        lastName: person.lastName,
        addressLine1: "2 Park Row",
        addressLine2: person.addressLine2 ?? "",
        town: person.town,
        county: person.county ?? "",
        postcode: "LS1 5AB",
        country: person.country,
      },
      actor: maker,
      now: tick(),
    });

    const made = await reissue(claim.reference, failed.id, maker);
    expect(await db().payment.findUniqueOrThrow({ where: { id: made.id } })).toMatchObject({
      status: "NEW",
      holdReason: "PERSON_DETAILS_CHANGE_PENDING",
    });
    await decidePersonDetails({ db: db(), changeId, approve: true, actor: checker, now: tick() });
    expect((await db().payment.findUniqueOrThrow({ where: { id: made.id } })).holdReason).toBeNull();
  });
});
