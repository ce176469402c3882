// The /claims "Voucher" filter: a claim matches on its latest cash payment (the one no later payment
// replaces), so a reissued or switched voucher stops matching its old state.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseClaimListParams } from "@/lib/claims/list/claim-list-params";
import { listClaims } from "@/lib/claims/list/list-claims";
import { VOUCHER_STATES, type VoucherState } from "@/lib/claims/list/voucher-filter";
import type { PaymentMethod, PaymentStatus } from "@/lib/generated/prisma/enums";
import { forcePaymentUpdate } from "../support/force-payment-update";
import { makeClaim } from "../support/make-claim";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const key = randomBytes(32);

/** An approved claim with payments in order, each replacing the one before. */
async function claimWith(payments: { method: PaymentMethod; status: PaymentStatus; code?: boolean; postOffice?: boolean }[]) {
  const { claim, claimant } = await makeClaim(db(), key, {
    method: payments[payments.length - 1].method,
    bank: null,
    lines: [700],
  });
  await db().claim.update({ where: { id: claim.id }, data: { status: "APPROVED" } });
  let previous: string | null = null;
  for (const [i, p] of payments.entries()) {
    const made: { id: string } = await db().payment.create({
      data: {
        personId: claimant.id,
        claimId: claim.id,
        reference: `${claim.reference}-0${i + 1}`,
        method: p.method,
        amountPence: 700,
        replacesId: previous,
        createdAt: new Date(Date.UTC(2026, 10, 1 + i)),
      },
    });
    await forcePaymentUpdate(db(), {
      where: { id: made.id },
      data: {
        status: p.status,
        paymentCode: p.code ? randomBytes(8).toString("hex").slice(0, 13).toUpperCase() : null,
        postOfficeStatusDate: p.postOffice ? new Date("2026-12-01") : null,
      },
    });
    previous = made.id;
  }
  return claim.reference;
}

const cash = (status: PaymentStatus, more: { code?: boolean; postOffice?: boolean } = {}) => ({
  method: "CASH" as const,
  status,
  ...more,
});

async function referencesWith(voucher: VoucherState): Promise<string[]> {
  const { params } = parseClaimListParams({ voucher, status: "all" });
  const page = await listClaims({ db: db(), filter: params, userId: "00000000-0000-4000-8000-000000000000", pageSize: 100 });
  return page.rows.map((r) => r.reference).sort();
}

describe("the claim list's voucher filter", () => {
  it("matches each claim on its latest cash payment only", async () => {
    const waiting = await claimWith([cash("NEW")]);
    const sent = await claimWith([cash("SENT")]);
    const coded = await claimWith([cash("SENT", { code: true })]);
    const cashed = await claimWith([cash("CASHED", { code: true, postOffice: true })]);
    const expired = await claimWith([cash("EXPIRED", { code: true, postOffice: true })]);
    const cancelled = await claimWith([cash("CANCELLED", { postOffice: true })]);
    // Reissued: the expired voucher is replaced by a new one waiting for the run.
    const reissued = await claimWith([cash("EXPIRED", { code: true, postOffice: true }), cash("NEW")]);
    // Switched to bank: its old voucher is replaced, so the claim has no voucher state any more.
    const switched = await claimWith([cash("EXPIRED", { code: true, postOffice: true }), { method: "BANK", status: "NEW" }]);
    const bank = await claimWith([{ method: "BANK", status: "PAID" }]);

    const expected: Record<VoucherState, string[]> = {
      waiting: [waiting, reissued],
      sent: [sent],
      coded: [coded],
      cashed: [cashed],
      expired: [expired],
      cancelled: [cancelled],
    };
    for (const state of VOUCHER_STATES) {
      const found = await referencesWith(state);
      expect(found, state).toEqual([...expected[state]].sort());
      expect(found).not.toContain(switched);
      expect(found).not.toContain(bank);
    }
  });
});
