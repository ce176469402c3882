import { describe, expect, it } from "vitest";
import { normalisePaymentSearch, parsePaymentSearch } from "./parse-payment-search";

describe("parsePaymentSearch", () => {
  it("reads a claim payment's reference, whatever its case and surrounding spaces", () => {
    expect(parsePaymentSearch("7KQ2M9X-01")).toEqual({ kind: "paymentReference", reference: "7KQ2M9X-01" });
    expect(parsePaymentSearch("  7kq2m9x-01 \t")).toEqual({ kind: "paymentReference", reference: "7KQ2M9X-01" });
    // Read out over the phone, the hyphen becomes a space.
    expect(parsePaymentSearch("7kq2m9x 01")).toEqual({ kind: "paymentReference", reference: "7KQ2M9X-01" });
  });

  it("reads a cycle payment's reference, with and without the suffix another plan's payment gets", () => {
    expect(parsePaymentSearch("8mr3n4y-202611")).toEqual({ kind: "paymentReference", reference: "8MR3N4Y-202611" });
    expect(parsePaymentSearch("8MR3N4Y-202611-2")).toEqual({ kind: "paymentReference", reference: "8MR3N4Y-202611-2" });
  });

  it("reads a UUID in any case, with or without hyphens, as the payment's id in lower case", () => {
    const id = "9d3c1e7a-4b2f-4a6e-8c1d-2e3f4a5b6c7d";
    expect(parsePaymentSearch(` ${id.toUpperCase()} `)).toEqual({ kind: "paymentId", id });
    expect(parsePaymentSearch(id.replace(/-/g, ""))).toEqual({ kind: "paymentId", id });
  });

  it("reads seven characters of the reference alphabet as a claim reference, upper-cased", () => {
    expect(parsePaymentSearch(" 7kq2m9x ")).toEqual({ kind: "claimReference", reference: "7KQ2M9X" });
    // I, L, O and U are not in the alphabet: not a reference (and too short for a code).
    expect(parsePaymentSearch("7KQ2M9I")).toEqual({ kind: "unknown", text: "7KQ2M9I" });
  });

  it("reads 13 letters and digits as a Payout payment code, keeping its case (the lookup ignores it)", () => {
    expect(parsePaymentSearch(" Ab12Cd34Ef56G ")).toEqual({ kind: "paymentCode", code: "Ab12Cd34Ef56G" });
    expect(parsePaymentSearch("AB12CD34EF56")).toEqual({ kind: "unknown", text: "AB12CD34EF56" });
    expect(parsePaymentSearch("AB12CD34EF56GH")).toEqual({ kind: "unknown", text: "AB12CD34EF56GH" });
  });

  it("reads a file name with a line number written several ways", () => {
    const fileLine = { kind: "fileLine", fileName: "DISBURSE_ACCESSPAY_20261120_0800.csv", lineNo: 12 };
    for (const text of [
      "DISBURSE_ACCESSPAY_20261120_0800.csv line 12",
      "  DISBURSE_ACCESSPAY_20261120_0800.csv   LINE   12 ",
      "DISBURSE_ACCESSPAY_20261120_0800.csv:12",
      "DISBURSE_ACCESSPAY_20261120_0800.csv, line 12",
      "DISBURSE_ACCESSPAY_20261120_0800.csv#12",
      "DISBURSE_ACCESSPAY_20261120_0800.csv 12",
      "DISBURSE_ACCESSPAY_20261120_0800.csv l.12",
    ]) {
      expect(parsePaymentSearch(text), text).toEqual(fileLine);
    }
    expect(parsePaymentSearch("disburse_payout_22112026_001.csv line 3")).toEqual({
      kind: "fileLine",
      fileName: "disburse_payout_22112026_001.csv",
      lineNo: 3,
    });
  });

  it("reads a file name alone as the whole file", () => {
    expect(parsePaymentSearch(" accesspay_20261120_080000.csv ")).toEqual({
      kind: "file",
      fileName: "accesspay_20261120_080000.csv",
    });
  });

  it("refuses line 0 and a line number no file can have", () => {
    expect(parsePaymentSearch("a.csv line 0").kind).toBe("unknown");
    expect(parsePaymentSearch("a.csv line 99999999999").kind).toBe("unknown");
  });

  it("calls anything else unknown: names, half references, paths, empty text", () => {
    for (const text of [
      "Ada Lovelace",
      "7KQ2M9X-1",
      "7KQ2M9X-001",
      "../etc/passwd",
      "a b.csv",
      "",
      "   ",
      "file.csv line twelve",
    ]) {
      expect(parsePaymentSearch(text).kind, JSON.stringify(text)).toBe("unknown");
    }
  });

  it("tells apart texts that look alike: a reference, a code and a UUID are never one another", () => {
    expect(parsePaymentSearch("7KQ2M9X01ABCD").kind).toBe("paymentCode");
    expect(parsePaymentSearch("7KQ2M9X-01").kind).toBe("paymentReference");
    expect(parsePaymentSearch("1234567").kind).toBe("claimReference");
    expect(parsePaymentSearch("1234567890123").kind).toBe("paymentCode");
    expect(parsePaymentSearch("12345678901234567890123456789012").kind).toBe("paymentId");
  });
});

describe("normalisePaymentSearch", () => {
  it("trims, collapses inner spaces and caps the length", () => {
    expect(normalisePaymentSearch("  a \n\t b  ")).toBe("a b");
    expect(normalisePaymentSearch("x".repeat(500))).toHaveLength(200);
  });
});
