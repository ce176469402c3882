// The preview's figures are the run's: what it would pay, hold (and why) and clean, computed by the
// same selection and pure rules, equal what the run that follows does, for the bank and the Payout run.
import { describe, expect, it } from "vitest";
import { previewBankRun, previewPayoutRun } from "@/app/(portal)/runs/run-previews";
import type { RunPreview } from "@/lib/runs/preview/run-preview";
import type { RunSummary } from "@/lib/runs/run-summary";
import { forcePaymentUpdate } from "../../support/force-payment-update";
import { VALID_BANK } from "../../support/make-claim";
import { useTestDatabase } from "../../support/test-db";
import { approvedCashPayment, newCashPayments, payout, SETTINGS, usePayoutPlaces } from "../../payout/run-payout-test-support";
import { approvedBankPayment, key, newBankPayments, run, useTempStore } from "../run-test-support";

const { db } = useTestDatabase();
const store = useTempStore();
const places = usePayoutPlaces();

/** The preview's and the run's figures side by side, in the run's order. */
function figures(preview: RunPreview, summary: RunSummary) {
  return {
    preview: {
      payments: preview.payments,
      totalPence: preview.totalPence,
      held: preview.wouldHold.first.map((h) => [h.reference, h.reason, h.detail]),
      cleaned: preview.cleaned.first.map((w) => [w.reference, w.field, w.changes]),
    },
    run: {
      payments: summary.payments,
      totalPence: summary.totalPence,
      held: summary.held.map((h) => [h.reference, h.reason, h.detail]),
      cleaned: summary.warnings.flatMap((w) => (w.kind === "VALUE_CLEANED" ? [[w.reference, w.field, w.changes]] : [])),
    },
  };
}

describe("a run's preview", () => {
  it("shows what the bank run then pays, holds and cleans, and what stays on hold", async () => {
    await newBankPayments(db(), 3, 1500);
    const cleaned = await approvedBankPayment(db(), { bank: { ...VALID_BANK, nameOnAccount: "Zoë O'Brien" }, pence: 12399 });
    const badModulus = await approvedBankPayment(db(), { laterBank: { ...VALID_BANK, accountNumber: "55779912" }, pence: 500 });
    const noName = await approvedBankPayment(db(), { bank: { ...VALID_BANK, nameOnAccount: "*** ###" }, pence: 700 });
    const onHold = await approvedBankPayment(db(), { pence: 900 });
    await forcePaymentUpdate(db(), { where: { id: onHold.payment.id }, data: { holdReason: "BANK_DETAILS_CHANGE_PENDING" } });

    const preview = await previewBankRun({ db: db(), key });
    expect(preview).toMatchObject({
      kind: "DIRECT_PAYMENTS",
      payments: 4,
      totalPence: 1500 + 1501 + 1502 + 12399,
      files: 1,
      problem: null,
      alreadyHeld: {
        total: 1,
        totalPence: 900,
        byReason: [{ reason: "BANK_DETAILS_CHANGE_PENDING", count: 1 }],
        first: [
          {
            paymentId: onHold.payment.id,
            reference: onHold.payment.reference,
            reason: "BANK_DETAILS_CHANGE_PENDING",
            amountPence: 900,
          },
        ],
      },
    });
    expect(preview.wouldHold.byReason).toEqual([
      { reason: "BAD_BANK_DETAILS", count: 1 },
      { reason: "NAME_EMPTY_AFTER_CLEANING", count: 1 },
    ]);
    expect(preview.wouldHold.first.map((h) => h.paymentId).sort()).toEqual([badModulus.payment.id, noName.payment.id].sort());
    expect(preview.cleaned.first.map((w) => w.paymentId)).toContain(cleaned.payment.id);

    const summary = await run(db(), store());
    expect(summary.status).toBe("SUCCEEDED");
    const { preview: shown, run: done } = figures(preview, summary);
    expect(shown).toEqual(done);
    expect(summary.batchIds).toHaveLength(1);
    expect(summary.files.map((f) => f.batchId)).toEqual([summary.batchIds[0], summary.batchIds[0]]);

    // Afterwards nothing is left to pay; what the run held now waits on hold with the one held before.
    const after = await previewBankRun({ db: db(), key });
    expect(after).toMatchObject({ payments: 0, totalPence: 0, files: 0, wouldHold: { total: 0 }, cleaned: { total: 0 } });
    expect(after.alreadyHeld.total).toBe(3);
    expect(after.alreadyHeld.first.map((h) => h.reference)).toEqual([badModulus, noName, onHold].map((p) => p.payment.reference));
  });

  it("shows what the Payout run then pays in how many files, holds and cleans", async () => {
    const settings = { ...SETTINGS, maxPerFile: 2 };
    await newCashPayments(db(), 2, 2000);
    const zoe = await approvedCashPayment(db(), {
      pence: 123450,
      person: { firstName: "Zoë", lastName: "Brontë-Smith", addressLine1: "12 Cañon Close", postcode: "bs14dj" },
    });
    const noName = await approvedCashPayment(db(), { person: { firstName: "Иван", lastName: "Петров" } });
    const noAddress = await approvedCashPayment(db(), { person: { addressLine1: "***" } });
    const badPostcode = await approvedCashPayment(db(), { person: { postcode: "12345" } });

    const preview = await previewPayoutRun({ db: db(), settings });
    expect(preview).toMatchObject({ kind: "PAYOUT", payments: 3, totalPence: 2000 + 2001 + 123450, files: 2, problem: null });
    expect(preview.wouldHold.first.map((h) => [h.reference, h.reason])).toEqual([
      [noName.payment.reference, "NAME_EMPTY_AFTER_CLEANING"],
      [noAddress.payment.reference, "ADDRESS_EMPTY_AFTER_CLEANING"],
      [badPostcode.payment.reference, "INVALID_POSTCODE"],
    ]);
    expect(preview.cleaned.first.map((w) => w.paymentId)).toContain(zoe.payment.id);

    const summary = await payout(db(), places, { settings });
    expect(summary.status).toBe("SUCCEEDED");
    const { preview: shown, run: done } = figures(preview, summary);
    expect(shown).toEqual(done);
    expect(summary.batchIds).toHaveLength(preview.files);
  });
});
