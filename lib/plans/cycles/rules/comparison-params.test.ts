import { describe, expect, it } from "vitest";
import { comparisonHref, parseComparisonParams } from "./comparison-params";

const ID = "8e2f6a4c-1b3d-4c5e-9f7a-2b4c6d8e0f13";

describe("the comparison's URL", () => {
  it("keeps what it can use and drops the rest", () => {
    expect(parseComparisonParams({ changes: "Joined", changesAfter: "7kq2m9x" })).toEqual({
      changes: "joined",
      after: "7KQ2M9X",
      before: undefined,
    });
    expect(parseComparisonParams({ changes: "everyone", changesAfter: "7KQ2M9X-202611", changesBefore: "7KQ2M9X" })).toEqual({
      changes: undefined,
      after: undefined,
      before: "7KQ2M9X",
    });
    expect(parseComparisonParams({ changes: ["left", "joined"], changesAfter: "A", changesBefore: "B" })).toEqual({
      changes: "left",
      after: undefined,
      before: undefined,
    });
  });

  it("links to the changes section, with one page position", () => {
    expect(comparisonHref(ID, {})).toBe(`/payment-cycles/${ID}#changes`);
    expect(comparisonHref(ID, { changes: "changed" }, { after: "7KQ2M9X", before: "8LR3N4Y" })).toBe(
      `/payment-cycles/${ID}?changes=changed&changesAfter=7KQ2M9X#changes`,
    );
  });
});
