import { describe, expect, it } from "vitest";
import { bankAdminHref, encodePosition, parseBankAdminParams } from "./bank-admin-params";

const id = "3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
const at = new Date("2026-11-22T00:00:00.000Z");

describe("Bank Admin URL parameters", () => {
  it("reads a date range and a position", () => {
    const { params, problems } = parseBankAdminParams({
      from: "2026-11-01",
      to: "2026-11-30",
      before: encodePosition({ startedAt: at, id }),
    });
    expect(problems).toEqual([]);
    expect(params).toEqual({ from: "2026-11-01", to: "2026-11-30", before: { startedAt: at, id }, after: undefined });
  });

  it("names bad dates and a range the wrong way round, and then filters on nothing", () => {
    expect(parseBankAdminParams({ from: "2026-02-30" })).toEqual({
      params: { from: undefined, to: undefined, before: undefined, after: undefined },
      problems: [{ field: "from", message: "Runs from must be a real date, for example 2026-11-23" }],
    });
    expect(parseBankAdminParams({ from: "2026-11-30", to: "2026-11-01" }).problems).toEqual([
      { field: "to", message: "Runs to must be the same as or after runs from" },
    ]);
  });

  it("ignores tampered positions and treats empty fields as not set", () => {
    expect(parseBankAdminParams({ before: "2026-11-22T00:00:00.000Z_not-a-uuid", from: "", to: " " }).params).toEqual({
      from: undefined,
      to: undefined,
      before: undefined,
      after: undefined,
    });
  });

  it("builds links that keep the filter", () => {
    expect(bankAdminHref({ from: "2026-11-01" }, { before: { startedAt: at, id } })).toBe(
      `/bank-admin?from=2026-11-01&before=2026-11-22T00%3A00%3A00.000Z_${id}`,
    );
    expect(bankAdminHref({})).toBe("/bank-admin");
    const round = parseBankAdminParams(
      Object.fromEntries(
        new URL(`http://x${bankAdminHref({ to: "2026-12-01" }, { after: { startedAt: at, id } })}`).searchParams,
      ),
    );
    expect(round.params).toEqual({ from: undefined, to: "2026-12-01", before: undefined, after: { startedAt: at, id } });
  });
});
