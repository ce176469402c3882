import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { formatPayoutFile, type PayoutPaymentInput } from "./format-payout-file";
import { decryptPayoutLine, encryptPayoutLine, payoutLineCopyProblem, payoutLineTexts } from "./payout-line-copy";

const key = randomBytes(32);

const input = (n: number, overrides: Partial<PayoutPaymentInput> = {}): PayoutPaymentInput => ({
  paymentId: `00000000-0000-4000-8000-00000000000${n}`,
  paymentReference: `7KQ2M9${n}-01`,
  amountPence: 1000 + n,
  firstName: "Tom",
  lastName: "Swann",
  addressLine1: "1 High Street",
  town: "Leeds",
  county: null,
  country: "United Kingdom",
  postcode: "LS1 1AA",
  letterTemplateCode: "NOMS1086-LET-003",
  eventDate: "2026-03-14",
  ...overrides,
});

describe("a Payout line's copy", () => {
  const file = formatPayoutFile([input(1), input(2, { postcode: "nowhere" }), input(3, { lastName: "O'Shea" })]);
  const texts = payoutLineTexts(file);

  it("is each formatted line's text, in the order of the file's lines, skipping the ones left out", () => {
    expect(texts).toHaveLength(2);
    expect(texts.join("")).toBe(file.text);
    expect(texts[1]).toBe(
      "10.03,,Tom,OShea,1 High Street,Leeds,,United Kingdom,LS1 1AA,2,,,7KQ2M93-01,,,,,,NOMS1086-LET-003,,,14 03 2026\n",
    );
  });

  it("decrypts to the same text when it agrees with its stored line", () => {
    const stored = { lineNo: 2, fileReference: "7KQ2M93-01", amountPence: 1003 };
    expect(decryptPayoutLine(encryptPayoutLine(texts[1], key), key, stored)).toBe(texts[1]);
  });

  it("is refused when missing, under another key, or for another reference or amount", () => {
    const stored = { lineNo: 2, fileReference: "7KQ2M93-01", amountPence: 1003 };
    const copy = encryptPayoutLine(texts[1], key);
    expect(() => decryptPayoutLine(null, key, stored)).toThrow("file line 2 has no copy");
    expect(() => decryptPayoutLine(copy, randomBytes(32), stored)).toThrow("could not be decrypted");
    expect(() => decryptPayoutLine(copy, key, { ...stored, fileReference: "7KQ2M91-01" })).toThrow(
      "names reference 7KQ2M93-01, not 7KQ2M91-01",
    );
    expect(() => decryptPayoutLine(copy, key, { ...stored, amountPence: 1004 })).toThrow("pays 10.03, not 10.04");
  });

  it("must be one line of 22 printable columns", () => {
    const stored = { lineNo: 1, fileReference: "7KQ2M91-01", amountPence: 1001 };
    expect(payoutLineCopyProblem(texts[0], stored)).toBeNull();
    expect(payoutLineCopyProblem(texts[0] + texts[0], stored)).toBe("is not one line");
    expect(payoutLineCopyProblem(texts[0].trimEnd(), stored)).toBe("is not one line");
    expect(payoutLineCopyProblem(texts[0].replace("Tom", "Tö"), stored)).toBe("is not printable ASCII");
    expect(payoutLineCopyProblem(texts[0].replace(",2,", ",2,x,"), stored)).toBe("has 23 columns, not 22");
  });
});
