// A payment's journey (docs/payment-journey.md) from histories made by the real services: a claim
// approved, a run, the AccessPay file downloaded, SSCL's failure upload, new bank details approved by
// a second caseworker, a reissue paid by the next run; and a payment paid by the 5-working-day rule.
import { describe, expect, it } from "vitest";
import { openFileDownload } from "@/lib/batches/open-file-download";
import { decideBankDetailsChange } from "@/lib/bank-details/decide-bank-details-change";
import { proposeBankDetailsForClaim } from "@/lib/claims/propose-bank-details-for-claim";
import { reissuePayment } from "@/lib/claims/reissue-payment";
import { DEFAULT_APPROVAL_LIMITS } from "@/lib/claims/rules/second-approval";
import { importFailedPayments } from "@/lib/direct-payments/failed-payments/import-failed-payments";
import { loadPaymentJourney } from "@/lib/journey/load-payment-journey";
import { journeyText } from "@/lib/journey/journey-text";
import type { PaymentJourney } from "@/lib/journey/journey-types";
import { approvedBankPayment, key, run, useTempStore } from "../runs/run-test-support";
import { TEST_LOOKUP_KEY } from "../support/lookup-key";
import { approveClaim } from "../support/approve-claim";
import { makeClaim, VALID_BANK } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const store = useTempStore();

// Claims are approved at the real time (decideClaim takes no clock): every later step is after it.
let clock = Date.now() + 3_600_000;
const tick = (ms = 60_000) => new Date((clock += ms));
const DAY = 86_400_000;
const NEW_DETAILS = { nameOnAccount: "Ada Lovelace", sortCode: "089999", accountNumber: "66374958", rollNumber: "" };

const person = async (role: "CASEWORKER" | "SSCL_FINANCE", name: string) => {
  const u = await makeUser(db(), { role, name });
  return { id: u.id, email: u.email, name: u.name };
};

const journey = async (key_: string, viewerRole: "CASEWORKER" | "SSCL_FINANCE" | "ACCOUNTANT" = "CASEWORKER") => {
  const j = await loadPaymentJourney(db(), key_, { viewerRole, bankKey: key });
  if (!j) throw new Error(`no journey for ${key_}`);
  return j;
};
// The approval's message is stamped by the database's clock, not the test's: the order of the other
// steps is checked, and the messages apart.
const kinds = (j: PaymentJourney) => j.steps.filter((s) => s.kind !== "MESSAGE_SENT").map((s) => s.kind);
const step = (j: PaymentJourney, kind: string) => j.steps.find((s) => s.kind === kind)!;

async function accessPayFile(paymentId: string) {
  const line = await db().fileLine.findFirstOrThrow({
    where: { paymentId, isVoid: false },
    include: { batch: { include: { files: true } } },
  });
  return { line, file: line.batch.files.find((f) => f.kind === "ACCESSPAY_CSV")! };
}

describe("a payment's journey", () => {
  it("follows a bank payment through run, download, failure and reissue, linked both ways", async () => {
    const finance = await person("SSCL_FINANCE", "Fran Finance");
    const maker = await person("CASEWORKER", "Mona Maker");
    const checker = await person("CASEWORKER", "Chris Checker");
    const { claim, payment } = await approvedBankPayment(db(), { pence: 1240 });
    const ref = claim.reference;

    expect(await run(db(), store(), { now: tick(), triggeredBy: "cron" })).toMatchObject({ status: "SUCCEEDED", payments: 1 });
    const { line, file } = await accessPayFile(payment.id);
    const downloadedAt = tick();
    await openFileDownload({ db: db(), store: store(), fileId: file.id, user: finance, now: downloadedAt });
    await openFileDownload({ db: db(), store: store(), fileId: file.id, user: maker, now: tick() }); // a second download: the first counts
    const csv = (await store().get(file.storageKey)).toString("ascii");
    const failedAt = tick();
    const upload = await importFailedPayments({
      db: db(),
      store: store(),
      key,
      fileName: "failed_journey.csv",
      bytes: Buffer.from(`${csv.split("\n")[line.lineNo - 1]},Account closed\n`),
      actor: finance,
      now: failedAt,
    });
    expect(upload).toMatchObject({ status: "APPLIED" });

    await proposeBankDetailsForClaim({
      db: db(),
      key,
      lookupKey: TEST_LOOKUP_KEY,
      reference: ref,
      fields: NEW_DETAILS,
      actor: maker,
    });
    const change = await db().bankDetailChange.findFirstOrThrow({ where: { claimantId: claim.claimantId, status: "PENDING" } });
    await decideBankDetailsChange({ db: db(), key, changeId: change.id, approve: true, actor: checker, now: tick() });
    const version = (await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).version;
    const reissued = await reissuePayment({
      db: db(),
      key,
      claimReference: ref,
      expectedVersion: version,
      failedPaymentId: payment.id,
      actor: maker,
      now: tick(),
    });
    expect(await run(db(), store(), { now: tick(), triggeredBy: "cron" })).toMatchObject({ status: "SUCCEEDED", payments: 1 });

    // The failed payment, by its reference in lower case.
    const first = await journey(payment.reference.toLowerCase());
    expect(first.payment).toMatchObject({
      id: payment.id,
      reference: payment.reference,
      method: "BANK",
      status: "FAILED",
      amountPence: 1240,
      claim: { id: claim.id, reference: ref },
      cycle: null,
      paymentCode: null,
      // What the failed line paid to, masked (VALID_BANK of tests/support/make-claim.ts).
      bankDetailsMasked: {
        sortCode: expect.stringMatching(/^\d\d-\*\*-\*\*$/),
        accountNumber: expect.stringMatching(/^\*{5}\d{3}$/),
      },
    });
    expect(kinds(first)).toEqual([
      "CLAIM_DECIDED",
      "PAYMENT_CREATED",
      "IN_RUN",
      "IN_FILE",
      "STATUS_CHANGED",
      "FILE_DOWNLOADED",
      "RETURNED",
      "REISSUED_AS",
    ]);
    expect(step(first, "IN_FILE")).toMatchObject({
      summary: `Put in the file ${file.fileName} at line ${line.lineNo}`,
      who: "the scheduled run",
    });
    expect(step(first, "FILE_DOWNLOADED")).toMatchObject({
      at: downloadedAt,
      who: "Fran Finance",
      summary: `${file.fileName} downloaded for the bank`,
      detail: expect.stringMatching(/^First download of 2/),
    });
    expect(step(first, "RETURNED")).toMatchObject({
      at: failedAt,
      who: "Fran Finance",
      summary: "Failed: Account closed",
      detail: "Reported in failed_journey.csv",
    });
    expect(step(first, "REISSUED_AS")).toMatchObject({
      summary: `Reissued as payment ${reissued.reference} (sent)`,
      links: [{ href: `/payments/${reissued.reference}`, label: `Payment ${reissued.reference}` }],
    });
    expect(first.after).toEqual({ id: reissued.id, reference: reissued.reference, status: "SENT" });
    expect(first.before).toBeNull();
    // Messages to the claimant: the approval and the failure (new bank details needed).
    const messages = first.steps.filter((s) => s.kind === "MESSAGE_SENT").map((s) => s.summary);
    expect(messages).toHaveLength(2);
    expect(messages.join("\n")).toMatch(/about the claim's approval/);
    expect(messages.join("\n")).toMatch(/about the failed payment and new bank details needed/);
    // A caseworker may open the claim: its link is there, with the claim page's address.
    expect(step(first, "CLAIM_DECIDED").links).toEqual([{ label: `Claim ${ref}`, href: `/claims/${ref}`, requires: "claim" }]);
    expect(first.links.claim?.href).toBe(`/claims/${ref}`);
    expect(first.links.person?.href).toBe(`/claimants/${claim.claimantId}`);

    // The reissue, by its UUID: linked back to the failed payment, with the new details masked.
    const second = await journey(reissued.id.toUpperCase());
    expect(second.before).toEqual({ id: payment.id, reference: payment.reference, status: "FAILED" });
    expect(second.after).toBeNull();
    expect(kinds(second)).toEqual(["CLAIM_DECIDED", "PAYMENT_CREATED", "REISSUE_OF", "IN_RUN", "IN_FILE", "STATUS_CHANGED"]);
    expect(step(second, "REISSUE_OF")).toMatchObject({
      who: "Mona Maker",
      summary: `Reissue of payment ${payment.reference} (failed)`,
      links: [{ href: `/payments/${payment.reference}` }],
    });
    expect(second.payment.bankDetailsMasked).toEqual({ sortCode: "08-**-**", accountNumber: "*****958" });
    expect(second.steps.filter((s) => s.kind === "MESSAGE_SENT")).toEqual([]);

    // SSCL finance may not open claims or people: no such links, but the bank admin and upload links stay.
    const asFinance = await journey(payment.reference, "SSCL_FINANCE");
    expect(asFinance.steps.flatMap((s) => s.links).some((l) => l.href.startsWith("/claims/"))).toBe(false);
    expect(asFinance.links).toMatchObject({ claim: null, person: null });
    expect(step(asFinance, "FILE_DOWNLOADED").links[0].href).toMatch(
      /^\/bank-admin\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d#run-/,
    );
    expect(step(asFinance, "RETURNED").links).toEqual([
      {
        label: "Upload failed_journey.csv",
        href: `/bank-admin?upload=${upload.status === "APPLIED" ? upload.uploadId : ""}`,
        requires: "bankAdmin",
      },
    ]);
    // A caseworker may not open bank admin: the same step has no link for them.
    expect(step(first, "RETURNED").links).toEqual([]);
    // An accountant sees the journey and the payment links only.
    const asAccountant = await journey(payment.reference, "ACCOUNTANT");
    expect(asAccountant.steps.flatMap((s) => s.links).map((l) => l.href)).toEqual([`/payments/${reissued.reference}`]);

    // The support CLI's text: every step, UK time, the masked details only.
    const text = journeyText(first);
    expect(text).toContain(`Payment ${payment.reference} (${payment.id})`);
    expect(text).toContain("Failed: Account closed — Fran Finance");
    expect(text).toContain("Sent: the bank file is ready to download — the scheduled run");
    expect(text).toContain(`Bank:     ${first.payment.bankDetailsMasked!.sortCode}`);
    expect(text).not.toContain(VALID_BANK.accountNumber);
    expect(text).not.toContain(VALID_BANK.sortCode);
  });

  it("marks a payment paid 5 working days after its file's first download", async () => {
    const finance = await person("SSCL_FINANCE", "Pat Payer");
    const { payment } = await approvedBankPayment(db(), { pence: 2222 });
    expect(await run(db(), store(), { now: tick(DAY) })).toMatchObject({ status: "SUCCEEDED" });
    const { file } = await accessPayFile(payment.id);
    await openFileDownload({ db: db(), store: store(), fileId: file.id, user: finance, now: tick() });
    const sweep = tick(10 * DAY);
    await run(db(), store(), { now: sweep });
    expect((await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("PAID");

    const j = await journey(payment.reference);
    expect(kinds(j).slice(-2)).toEqual(["FILE_DOWNLOADED", "PAID"]);
    expect(step(j, "PAID").at.getTime() - sweep.getTime()).toBeGreaterThanOrEqual(0);
    expect(step(j, "PAID").at.getTime() - sweep.getTime()).toBeLessThan(60_000);
    expect(step(j, "PAID")).toMatchObject({
      summary: "Paid: no failure reported 5 working days after the file was first downloaded",
    });
    expect(j.after).toBeNull();
  });

  it("shows a second approval after the first, and a Payout voucher waiting for its run", async () => {
    const first = await person("CASEWORKER", "Fiona First");
    const { claim } = await makeClaim(db(), key, { method: "CASH", lines: [60_000], bank: null });
    const payment = await approveClaim(db(), key, claim, first, DEFAULT_APPROVAL_LIMITS);
    const j = await journey(payment.reference);
    const others = j.steps.filter((s) => s.kind !== "MESSAGE_SENT");
    expect(others.map((s) => [s.kind, s.who, s.summary])).toEqual([
      ["CLAIM_DECIDED", "Fiona First", `Claim ${claim.reference} approved, waiting for a second caseworker`],
      ["SECOND_APPROVAL", "Second caseworker", `Claim ${claim.reference} approved by a second caseworker`],
      ["PAYMENT_CREATED", "Second caseworker", "Payment created: £600.00 by Post Office voucher"],
    ]);
    expect(j.steps.filter((s) => s.kind === "MESSAGE_SENT").map((s) => s.summary)).toEqual([
      expect.stringMatching(/^Message to Ada Lovelace by .+ about the claim's approval$/),
    ]);
    expect(j.payment).toMatchObject({ method: "CASH", status: "NEW", bankDetailsMasked: null, paymentCode: null });
  });

  it("finds nothing for an unknown reference or UUID, or a key too long to be a reference", async () => {
    expect(await loadPaymentJourney(db(), "ZZZZZZZ-01", { bankKey: key })).toBeNull();
    expect(await loadPaymentJourney(db(), "9d3c1e7a-4b2f-4a6e-8c1d-2e3f4a5b6c7d", { bankKey: key })).toBeNull();
    expect(await loadPaymentJourney(db(), "x".repeat(200), { bankKey: key })).toBeNull();
    expect(await loadPaymentJourney(db(), "", { bankKey: key })).toBeNull();
  });
});
