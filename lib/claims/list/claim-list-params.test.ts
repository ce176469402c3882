import { describe, expect, it } from "vitest";
import { encodeCursor } from "./claim-list-cursor";
import { claimListHref, DEFAULT_CLAIM_LIST_PARAMS, hasFilters, parseClaimListParams, sortLink } from "./claim-list-params";
import { describeSort } from "./claim-list-sort";

const ID = "3f1c2a4e-8b9d-4c1e-9f2a-1b2c3d4e5f60";
const parse = (query: string) => parseClaimListParams(new URLSearchParams(query));

describe("parseClaimListParams", () => {
  it("gives the default view for an empty URL", () => {
    expect(parse("")).toEqual({ params: { ...DEFAULT_CLAIM_LIST_PARAMS }, problems: [] });
    expect(DEFAULT_CLAIM_LIST_PARAMS).toMatchObject({ status: "OPEN", sort: "received", dir: "asc", attention: false });
  });

  it("shows open claims unless a status or every status is asked for", () => {
    expect(parse("").params.status).toBe("OPEN");
    expect(parse("status=open").params.status).toBe("OPEN");
    expect(parse("status=all").params.status).toBeUndefined();
    expect(parse("status=ALL&q=ada").params).toMatchObject({ status: undefined, q: "ada" });
    expect(parse("status=NEW").params.status).toBe("NEW");
    expect(claimListHref(parse("").params)).toBe("/claims");
    expect(claimListHref(parse("status=all").params)).toBe("/claims?status=all");
    expect(hasFilters(parse("").params)).toBe(false);
    expect(hasFilters(parse("status=all").params)).toBe(true);
  });

  it("reads every filter", () => {
    const { params, problems } = parse(
      "status=APPROVED&method=CASH&eventFrom=2026-01-01&eventTo=2026-02-28&assigned=me&attention=1&q=lovelace",
    );
    expect(problems).toEqual([]);
    expect(params).toMatchObject({
      status: "APPROVED",
      method: "CASH",
      eventFrom: "2026-01-01",
      eventTo: "2026-02-28",
      assigned: "me",
      attention: true,
      q: "lovelace",
    });
  });

  it("reads the voucher filter in any case and drops a state that is not in the list", () => {
    expect(parse("voucher=expired").params.voucher).toBe("expired");
    expect(parse("voucher=CODED").params.voucher).toBe("coded");
    expect(parse("voucher=lost").params.voucher).toBeUndefined();
    expect(hasFilters(parse("voucher=cashed").params)).toBe(true);
    const { params } = parse("method=CASH&voucher=waiting");
    expect(claimListHref(params)).toBe("/claims?method=CASH&voucher=waiting");
    expect(claimListHref(params, { voucher: undefined })).toBe("/claims?method=CASH");
  });

  it("accepts Next.js searchParams objects, taking the first of repeated values", () => {
    const { params } = parseClaimListParams({ status: ["NEW", "REJECTED"], assigned: "unassigned", q: undefined });
    expect(params).toMatchObject({ status: "NEW", assigned: "unassigned" });
    expect(params.q).toBeUndefined();
  });

  it("upper-cases status and method, and drops values that are not in the lists", () => {
    expect(parse("status=approved&method=bank").params).toMatchObject({ status: "APPROVED", method: "BANK" });
    const { params, problems } = parse("status=PAID&method=CHEQUE&assigned=them&attention=yes&sort=amount&dir=up");
    expect(problems).toEqual([]);
    expect(params).toEqual(DEFAULT_CLAIM_LIST_PARAMS);
  });

  it("drops values holding a NUL, another control character or a lone surrogate, never passing them on", () => {
    expect(parse("q=a%00b").params.q).toBeUndefined();
    expect(parse("q=a%1Bb&status=NEW%00").params).toEqual(DEFAULT_CLAIM_LIST_PARAMS);
    expect(parseClaimListParams({ q: "Smi\uD800th", eventFrom: "2026-01-01\u0000" })).toEqual({
      params: DEFAULT_CLAIM_LIST_PARAMS,
      problems: [],
    });
    expect(parse("after=%00&before=%00").params).toEqual(DEFAULT_CLAIM_LIST_PARAMS);
    // Whitespace inside a search is still collapsed, not refused.
    expect(parse("q=Ada%09%0ALovelace").params.q).toBe("Ada Lovelace");
  });

  it("treats empty form fields as not set (a GET form submits every field)", () => {
    expect(parse("q=&status=&method=&eventFrom=&eventTo=&assigned=").params).toEqual(DEFAULT_CLAIM_LIST_PARAMS);
  });

  it("reports dates that are not real dates, and ignores them", () => {
    const { params, problems } = parse("eventFrom=2026-02-30&eventTo=31/03/2026");
    expect(params.eventFrom).toBeUndefined();
    expect(params.eventTo).toBeUndefined();
    expect(problems).toEqual([
      { field: "eventFrom", message: "Event date from must be a real date" },
      { field: "eventTo", message: "Event date to must be a real date" },
    ]);
    expect(parse("eventFrom=2028-02-29").params.eventFrom).toBe("2028-02-29");
    expect(parse("eventFrom=2027-02-29").problems).toHaveLength(1);
  });

  it("reports a 'to' date before the 'from' date and keeps only the 'from'", () => {
    const { params, problems } = parse("eventFrom=2026-03-01&eventTo=2026-02-01");
    expect(params).toMatchObject({ eventFrom: "2026-03-01", eventTo: undefined });
    expect(problems).toEqual([{ field: "eventTo", message: "Event date to must be the same as or after event date from" }]);
    expect(parse("eventFrom=2026-03-01&eventTo=2026-03-01").problems).toEqual([]);
  });

  it("trims the search, collapses inner spaces and keeps at most 100 characters", () => {
    expect(parse("q=%20%20Ada%20%20%20Lovelace%20").params.q).toBe("Ada Lovelace");
    expect(parse(`q=${"x".repeat(150)}`).params.q).toHaveLength(100);
    expect(parse("q=%20%20").params.q).toBeUndefined();
  });

  it("defaults the direction by sort: received oldest first, event date newest first, text A to Z", () => {
    expect(parse("").params).toMatchObject({ sort: "received", dir: "asc" });
    expect(parse("sort=eventDate").params).toMatchObject({ sort: "eventDate", dir: "desc" });
    expect(parse("sort=reference").params).toMatchObject({ sort: "reference", dir: "asc" });
    expect(parse("sort=claimant").params).toMatchObject({ sort: "claimant", dir: "asc" });
    expect(parse("sort=claimant&dir=desc").params).toMatchObject({ sort: "claimant", dir: "desc" });
  });

  it("decodes cursors made for the same sort and drops any other", () => {
    const after = encodeCursor({ sort: "received", key: ["2026-11-22T10:00:00.000Z", ID] });
    expect(parse(`after=${after}`).params.after).toEqual({ sort: "received", key: ["2026-11-22T10:00:00.000Z", ID] });
    expect(parse(`sort=eventDate&after=${after}`).params.after).toBeUndefined();
    expect(parse("after=not-a-cursor").params.after).toBeUndefined();
    const badKey = encodeCursor({ sort: "received", key: ["yesterday", ID] });
    expect(parse(`after=${badKey}`).params.after).toBeUndefined();
  });

  it("prefers after when both cursors are given", () => {
    const a = encodeCursor({ sort: "reference", key: ["AAAAAAA"] });
    const b = encodeCursor({ sort: "reference", key: ["BBBBBBB"] });
    const { params } = parse(`sort=reference&after=${a}&before=${b}`);
    expect(params.after?.key).toEqual(["AAAAAAA"]);
    expect(params.before).toBeUndefined();
    expect(parse(`sort=reference&before=${b}`).params.before?.key).toEqual(["BBBBBBB"]);
  });
});

describe("claimListHref", () => {
  it("is /claims for the default view", () => {
    expect(claimListHref(DEFAULT_CLAIM_LIST_PARAMS)).toBe("/claims");
    expect(claimListHref(DEFAULT_CLAIM_LIST_PARAMS, { status: "NEW" })).toBe("/claims?status=NEW");
  });

  it("keeps the other filters and the sort, and round-trips through the parser", () => {
    const { params } = parse(
      "q=ada&status=UPDATED&method=BANK&eventFrom=2026-01-01&eventTo=2026-12-31&assigned=me&attention=1&sort=claimant&dir=desc",
    );
    const href = claimListHref(params, { method: "CASH" });
    const reparsed = parse(href.split("?")[1]).params;
    expect(reparsed).toEqual({ ...params, method: "CASH" });
  });

  it("removes a filter set to undefined", () => {
    const { params } = parse("status=NEW&attention=1");
    expect(claimListHref(params, { status: "OPEN" })).toBe("/claims?attention=1");
    expect(claimListHref(params, { status: undefined })).toBe("/claims?status=all&attention=1");
    expect(claimListHref(params, { attention: false })).toBe("/claims?status=NEW");
  });

  it("drops page cursors on any change unless the change sets one", () => {
    const cursor = { sort: "received" as const, key: ["2026-11-22T10:00:00.000Z", ID] };
    const { params } = parse(`status=NEW&after=${encodeCursor(cursor)}`);
    expect(claimListHref(params, { method: "BANK" })).toBe("/claims?status=NEW&method=BANK");
    const next = claimListHref(params, { after: cursor });
    expect(parse(next.split("?")[1]).params.after).toEqual(cursor);
    const prev = claimListHref(params, { before: cursor });
    expect(prev).toContain("before=");
    expect(prev).not.toContain("after=");
  });

  it("encodes search text safely", () => {
    const { params } = parse("");
    const href = claimListHref(params, { q: "O'Brien & Sons 100%" });
    expect(parse(href.split("?")[1]).params.q).toBe("O'Brien & Sons 100%");
  });
});

describe("sortLink", () => {
  it("marks the current column and flips its direction", () => {
    const { params } = parse("status=NEW");
    expect(sortLink(params, "received")).toEqual({ href: "/claims?status=NEW&dir=desc", direction: "ascending" });
    expect(sortLink(params, "claimant")).toEqual({ href: "/claims?status=NEW&sort=claimant", direction: "none" });
    expect(sortLink(params, "eventDate")).toEqual({ href: "/claims?status=NEW&sort=eventDate", direction: "none" });
    const byName = parse("sort=claimant").params;
    expect(sortLink(byName, "claimant")).toEqual({ href: "/claims?sort=claimant&dir=desc", direction: "ascending" });
  });
});

describe("hasFilters", () => {
  it("ignores sort and page", () => {
    expect(hasFilters(parse("sort=reference&dir=desc").params)).toBe(false);
    expect(hasFilters(parse("attention=1").params)).toBe(true);
    expect(hasFilters(parse("q=ada").params)).toBe(true);
  });
});

describe("describeSort", () => {
  it("says dates as newest or oldest first and text as A to Z", () => {
    expect(describeSort("received", "desc")).toBe("date received, newest first");
    expect(describeSort("eventDate", "asc")).toBe("event date, oldest first");
    expect(describeSort("claimant", "asc")).toBe("claimant name, A to Z");
    expect(describeSort("reference", "desc")).toBe("claim reference, Z to A");
  });
});
