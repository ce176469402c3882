import { describe, expect, it } from "vitest";
import { classifySearch } from "./claim-search";

describe("classifySearch", () => {
  it("takes a claim reference in any case", () => {
    expect(classifySearch("7kq2m9x")).toEqual({ kind: "claimReference", reference: "7KQ2M9X" });
  });

  it("keeps the name reading of a reference made only of letters (BENNETT is a surname too)", () => {
    expect(classifySearch("Bennett")).toEqual({ kind: "claimReference", reference: "BENNETT", orName: { whole: "Bennett%" } });
  });

  it("takes a payment reference, with or without the hyphen", () => {
    expect(classifySearch("7kq2m9x-01")).toEqual({ kind: "paymentReference", reference: "7KQ2M9X-01" });
    expect(classifySearch("7KQ2M9X01")).toEqual({ kind: "paymentReference", reference: "7KQ2M9X-01" });
    expect(classifySearch("7KQ2M9X 01")).toEqual({ kind: "paymentReference", reference: "7KQ2M9X-01" });
  });

  it("does not take look-alike letters outside the alphabet as a reference", () => {
    expect(classifySearch("LOVELAC").kind).toBe("name");
    expect(classifySearch("7KQ2M9").kind).toBe("name");
  });

  it("reads anything else as a name prefix (lower-cased by the query, in the database)", () => {
    expect(classifySearch("Love")).toEqual({ kind: "name", name: { whole: "Love%" } });
  });

  it("splits several words into first word and the rest", () => {
    expect(classifySearch("Ada Love")).toEqual({ kind: "name", name: { whole: "Ada Love%", head: "Ada%", tail: "Love%" } });
    expect(classifySearch("Jan van der")).toEqual({
      kind: "name",
      name: { whole: "Jan van der%", head: "Jan%", tail: "van der%" },
    });
  });

  it("escapes LIKE wildcards so they match themselves", () => {
    expect(classifySearch("50%_a\\b")).toEqual({ kind: "name", name: { whole: "50\\%\\_a\\\\b%" } });
  });

  it("reads a prison number (A1234BC), in any case and with spaces, and knows it may also be a claim reference", () => {
    expect(classifySearch("a1234bc")).toEqual({ kind: "claimReference", reference: "A1234BC", orPrisonerNumber: "A1234BC" });
    expect(classifySearch("A 1234 BC")).toEqual({ kind: "prisonerNumber", prisonerNumber: "A1234BC" });
    // I, L, O and U are not in the claim alphabet: only a prison number.
    expect(classifySearch("L1234OU")).toEqual({ kind: "prisonerNumber", prisonerNumber: "L1234OU" });
    expect(classifySearch("A12345B").kind).toBe("claimReference");
    expect(classifySearch("A12345B")).not.toHaveProperty("orPrisonerNumber");
  });
});
