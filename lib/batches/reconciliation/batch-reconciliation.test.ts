import { describe, expect, it } from "vitest";
import { batchProgress, tallyBatch, type LineCount } from "./batch-reconciliation";

/** The figures of a tally that adds up (a mismatch fails the test). */
function reconciled(input: Parameters<typeof tallyBatch>[0]) {
  const { figures, mismatch } = tallyBatch(input);
  expect(mismatch).toBeNull();
  return figures;
}

const live = (status: LineCount["status"], count: number, pence: number, lateFailures = 0): LineCount => ({
  lineVoid: false,
  status,
  count,
  pence,
  lateFailures,
});

describe("tallyBatch", () => {
  it("sorts a bank batch's lines into paid, failed and waiting that add up to the file", () => {
    const r = reconciled({
      method: "BANK",
      lines: [live("PAID", 90, 400_000), live("FAILED", 2, 12_345), live("SENT", 4, 25_620)],
      fileTotal: { count: 96, pence: 437_965 },
    });
    expect(r).toEqual({
      sent: { count: 96, pence: 437_965 },
      paid: { count: 90, pence: 400_000 },
      failed: { count: 2, pence: 12_345 },
      waiting: { count: 4, pence: 25_620 },
      removed: { count: 0, pence: 0 },
      lateFailures: 0,
    });
  });

  it("moves a late failure from paid to failed, keeping the total", () => {
    const before = reconciled({
      method: "BANK",
      lines: [live("PAID", 3, 3000)],
      fileTotal: { count: 3, pence: 3000 },
    });
    const after = reconciled({
      method: "BANK",
      lines: [live("PAID", 2, 2000), live("FAILED", 1, 1000, 1)],
      fileTotal: { count: 3, pence: 3000 },
    });
    expect(before.paid).toEqual({ count: 3, pence: 3000 });
    expect(after.paid).toEqual({ count: 2, pence: 2000 });
    expect(after.failed).toEqual({ count: 1, pence: 1000 });
    expect(after.lateFailures).toBe(1);
    expect(after.sent).toEqual(before.sent);
  });

  it("reads Payout outcomes: cashed is paid, expired and cancelled are failed, returned lines are no longer held", () => {
    const r = reconciled({
      method: "CASH",
      lines: [
        live("CASHED", 5, 5000),
        live("EXPIRED", 1, 700),
        live("CANCELLED", 1, 300),
        live("SENT", 2, 2000),
        { lineVoid: true, status: "NEW", count: 1, pence: 999 },
        // A returned line whose payment went out again in a later batch is still not this batch's.
        { lineVoid: true, status: "CASHED", count: 1, pence: 1 },
      ],
      fileTotal: { count: 11, pence: 9000 },
    });
    expect(r.paid).toEqual({ count: 5, pence: 5000 });
    expect(r.failed).toEqual({ count: 2, pence: 1000 });
    expect(r.waiting).toEqual({ count: 2, pence: 2000 });
    expect(r.removed).toEqual({ count: 2, pence: 1000 });
  });

  it("does not count a bank status as a Payout outcome", () => {
    expect(tallyBatch({ method: "CASH", lines: [live("PAID", 1, 100)], fileTotal: { count: 1, pence: 100 } }).mismatch).toBe(
      "a live line's payment is PAID, which no batch holds",
    );
  });

  it("refuses figures that do not add up to the file's total", () => {
    expect(tallyBatch({ method: "BANK", lines: [live("PAID", 2, 200)], fileTotal: { count: 2, pence: 201 } }).mismatch).toContain(
      "the file holds 2 lines, 201p",
    );
    expect(tallyBatch({ method: "BANK", lines: [live("PAID", 2, 200)], fileTotal: { count: 3, pence: 200 } }).mismatch).toContain(
      "the file holds 3 lines, 200p",
    );
  });
});

describe("batchProgress", () => {
  const figures = (sent: number, waiting: number, removed = 0) => ({
    sent: { count: sent, pence: sent * 100 },
    waiting: { count: waiting, pence: waiting * 100 },
    removed: { count: removed, pence: removed * 100 },
  });

  it("follows a bank batch from ready to downloaded to settled", () => {
    const bank = { method: "BANK" as const, status: "STORED" as const };
    expect(batchProgress({ ...bank, downloaded: false, reconciliation: figures(3, 3) })).toBe("READY_TO_DOWNLOAD");
    expect(batchProgress({ ...bank, downloaded: true, reconciliation: figures(3, 3) })).toBe("DOWNLOADED");
    expect(batchProgress({ ...bank, downloaded: true, reconciliation: figures(3, 1) })).toBe("DOWNLOADED");
    expect(batchProgress({ ...bank, downloaded: true, reconciliation: figures(3, 0) })).toBe("SETTLED");
  });

  it("keeps a void batch void, even with nothing waiting", () => {
    expect(batchProgress({ method: "BANK", status: "VOID", downloaded: true, reconciliation: figures(3, 0, 3) })).toBe("VOID");
  });

  it("follows a Payout batch from delivered to settled", () => {
    const cash = { method: "CASH" as const, downloaded: false };
    expect(batchProgress({ ...cash, status: "STORED", reconciliation: figures(2, 2) })).toBe("NOT_DELIVERED");
    expect(batchProgress({ ...cash, status: "DELIVERY_UNCERTAIN", reconciliation: figures(2, 2) })).toBe("DELIVERY_UNCERTAIN");
    expect(batchProgress({ ...cash, status: "DELIVERED", reconciliation: figures(2, 1) })).toBe("DELIVERED");
    expect(batchProgress({ ...cash, status: "DELIVERED", reconciliation: figures(2, 0) })).toBe("SETTLED");
    // Every line returned: nothing is held, so it is not settled by payments.
    expect(batchProgress({ ...cash, status: "DELIVERED", reconciliation: figures(2, 0, 2) })).toBe("DELIVERED");
  });
});
