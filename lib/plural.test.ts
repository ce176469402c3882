import { describe, expect, it } from "vitest";
import { nounFor, plural } from "./plural";

describe("plural", () => {
  it("uses the singular for exactly one", () => {
    expect(plural(1, "payment")).toBe("1 payment");
  });
  it("adds an s for none and for more than one", () => {
    expect(plural(0, "payment")).toBe("0 payments");
    expect(plural(2, "claim")).toBe("2 claims");
  });
  it("takes an irregular plural and separates thousands", () => {
    expect(plural(1, "beneficiary", "beneficiaries")).toBe("1 beneficiary");
    expect(plural(2052, "beneficiary", "beneficiaries")).toBe("2,052 beneficiaries");
  });
  it("gives the noun alone", () => {
    expect(nounFor(1, "row")).toBe("row");
    expect(nounFor(3, "row")).toBe("rows");
  });
});
