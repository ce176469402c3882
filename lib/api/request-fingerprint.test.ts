import { describe, expect, it } from "vitest";
import { canonicalJson, requestFingerprint } from "./request-fingerprint";
import { validBody } from "../claims/intake/test-fixtures";

describe("requestFingerprint", () => {
  it("is a sha256 hex digest", () => {
    expect(requestFingerprint(validBody())).toMatch(/^[0-9a-f]{64}$/);
  });

  it("ignores key order at every depth", () => {
    const a = { b: 1, a: { y: [1, 2], x: "s" } };
    const b = { a: { x: "s", y: [1, 2] }, b: 1 };
    expect(requestFingerprint(a)).toBe(requestFingerprint(b));
    expect(canonicalJson(b)).toBe('{"a":{"x":"s","y":[1,2]},"b":1}');
  });

  it("ignores key order in a real body parsed from JSON", () => {
    const body = validBody();
    const reordered = JSON.parse(
      JSON.stringify({
        expenses: body.expenses,
        bankDetails: { rollNumber: null, accountNumber: "55779911", sortCode: "200000", nameOnAccount: "A Lovelace" },
        paymentMethod: body.paymentMethod,
        eventDate: body.eventDate,
        claimant: body.claimant,
      }),
    );
    expect(requestFingerprint(reordered)).toBe(requestFingerprint(body));
  });

  it("changes when a value changes", () => {
    const body = validBody();
    const changed = validBody();
    changed.expenses[0].amountPence = 1241;
    expect(requestFingerprint(changed)).not.toBe(requestFingerprint(body));
    expect(requestFingerprint({ a: "1" })).not.toBe(requestFingerprint({ a: 1 }));
    expect(requestFingerprint({ a: null })).not.toBe(requestFingerprint({}));
  });

  it("respects array order", () => {
    expect(requestFingerprint([1, 2])).not.toBe(requestFingerprint([2, 1]));
    const body = validBody();
    body.expenses.push({ type: "BUS", description: "Bus", amountPence: 200 });
    const swapped = validBody();
    swapped.expenses = [body.expenses[1], body.expenses[0]];
    expect(requestFingerprint(swapped)).not.toBe(requestFingerprint(body));
  });
});
