import { describe, expect, it } from "vitest";
import { encodeInstantCursor } from "@/lib/pagination/keyset";
import { filtersForAudit, parsePaymentListParams, paymentExportHref, paymentListHref } from "./payment-list-params";

const BATCH = "6F1A2B3C-4D5E-4F60-8A7B-9C0D1E2F3A4B";

describe("parsePaymentListParams", () => {
  it("reads every filter, in any case, and normalises the search", () => {
    const { params, problems } = parsePaymentListParams({
      q: "  7kq2m9x   -01 ",
      status: "sent",
      method: "bank",
      createdFrom: "2026-11-01",
      createdTo: "2026-11-30",
      batch: BATCH,
      run: BATCH,
    });
    expect(problems).toEqual([]);
    expect(params).toEqual({
      q: "7kq2m9x -01",
      status: "SENT",
      method: "BANK",
      createdFrom: "2026-11-01",
      createdTo: "2026-11-30",
      batch: BATCH.toLowerCase(),
      run: BATCH.toLowerCase(),
      after: undefined,
      before: undefined,
    });
  });

  it("drops what it cannot use, and reports what people type", () => {
    const { params, problems } = parsePaymentListParams({
      status: "LOST",
      method: "cheque",
      createdFrom: "2026-11-31",
      createdTo: "yesterday",
      batch: "../../etc",
      run: "run-1",
      q: "a\u0000b",
      after: "garbage",
    });
    expect(params).toEqual({});
    expect(problems).toEqual([
      { field: "createdFrom", message: "Created from must be a real date" },
      { field: "createdTo", message: "Created to must be a real date" },
      { field: "batch", message: "Enter a batch ID or a file name, such as accesspay_20261120_080000.csv" },
      { field: "run", message: "Enter a run ID, as /runs shows it" },
    ]);
  });

  it("refuses a 'to' date before the 'from' date", () => {
    const { params, problems } = parsePaymentListParams({ createdFrom: "2026-11-20", createdTo: "2026-11-19" });
    expect(params.createdTo).toBeUndefined();
    expect(problems).toEqual([{ field: "createdTo", message: "Created to must be the same as or after created from" }]);
  });

  it("keeps a file name as typed in the batch filter", () => {
    expect(parsePaymentListParams({ batch: "accesspay_20261120_080000.csv" }).params.batch).toBe("accesspay_20261120_080000.csv");
  });
});

describe("links", () => {
  const { params } = parsePaymentListParams({ q: "7KQ2M9X", status: "FAILED", batch: "a.csv" });
  const cursor = { at: new Date("2026-11-20T10:00:00.000Z"), id: BATCH.toLowerCase() };

  it("the list's links keep the filters, and a page cursor only when asked", () => {
    expect(paymentListHref(params)).toBe("/payments?q=7KQ2M9X&status=FAILED&batch=a.csv");
    expect(paymentListHref({ ...params, after: cursor })).toBe("/payments?q=7KQ2M9X&status=FAILED&batch=a.csv");
    expect(paymentListHref(params, { after: cursor })).toBe(
      `/payments?q=7KQ2M9X&status=FAILED&batch=a.csv&after=${encodeURIComponent(encodeInstantCursor(cursor))}`,
    );
    expect(paymentListHref({})).toBe("/payments");
    // A cursor from a link reads back as the same page.
    const back = parsePaymentListParams(new URLSearchParams(paymentListHref(params, { before: cursor }).split("?")[1]));
    expect(back.params.before).toEqual(cursor);
  });

  it("the export takes the same filters, never the page", () => {
    expect(paymentExportHref({ ...params, after: cursor })).toBe("/api/payments/export.csv?q=7KQ2M9X&status=FAILED&batch=a.csv");
    expect(paymentExportHref({})).toBe("/api/payments/export.csv");
    expect(filtersForAudit(params)).toEqual({ q: "7KQ2M9X", status: "FAILED", batch: "a.csv" });
  });
});
