// The run streams the AccessPay file one payment at a time (AccessPayFormatter): the lines it gives,
// joined, must be formatAccessPay's file, byte for byte, with the same records, exclusions and
// warnings; so the golden file and the properties pinned on formatAccessPay (format-accesspay.test.ts)
// hold for the stream too.
import { describe, expect, it } from "vitest";
import { AccessPayFormatter, formatAccessPay, type AccessPayInput } from "./format-accesspay";
import { prng, randomPaymentSet } from "./random-payment-sets.test-helper";

function streamed(inputs: readonly AccessPayInput[]) {
  const formatter = new AccessPayFormatter();
  const chunks: Buffer[] = [];
  const lines = [];
  const excluded = [];
  const warnings = [];
  for (const input of inputs) {
    const outcome = formatter.add(input);
    if (outcome.kind === "excluded") {
      excluded.push(outcome.exclusion);
      continue;
    }
    chunks.push(Buffer.from(outcome.text, "ascii"));
    lines.push(outcome.line);
    warnings.push(...outcome.warnings);
  }
  return {
    bytes: Buffer.concat(chunks),
    lines,
    excluded,
    warnings,
    lineCount: formatter.lineCount,
    totalPence: formatter.totalPence,
  };
}

describe("AccessPayFormatter: the file one payment at a time", () => {
  it("gives formatAccessPay's file, records, exclusions, warnings and totals over 200 random payment sets", () => {
    const random = prng(20261128);
    for (let set = 0; set < 200; set++) {
      const inputs = randomPaymentSet(random, set, 60);
      const whole = formatAccessPay(inputs);
      const stream = streamed(inputs);
      expect(stream.bytes.toString("ascii")).toBe(whole.text);
      expect(stream.lines).toEqual(whole.lines);
      expect(stream.excluded).toEqual(whole.excluded);
      expect(stream.warnings).toEqual(whole.warnings);
      expect([stream.lineCount, stream.totalPence]).toEqual([whole.lineCount, whole.totalPence]);
    }
  });

  it("refuses a total beyond the safe integer range", () => {
    const formatter = new AccessPayFormatter();
    const bank = { sortCode: "089999", accountNumber: "66374958", nameOnAccount: "Tom Swann", rollNumber: null };
    formatter.add({ paymentId: "a", paymentReference: "AAAAAAA-01", amountPence: Number.MAX_SAFE_INTEGER - 1, bank });
    expect(() => formatter.add({ paymentId: "b", paymentReference: "BBBBBBB-01", amountPence: 5, bank })).toThrow("safe integer");
    expect([formatter.lineCount, formatter.totalPence]).toEqual([1, Number.MAX_SAFE_INTEGER - 1]);
  });
});
