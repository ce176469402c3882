import { describe, expect, it } from "vitest";
import {
  beyondCursor,
  decodeInstantCursor,
  decodeOpaqueCursor,
  encodeInstantCursor,
  encodeOpaqueCursor,
  fetchLimit,
  ISO_INSTANT,
  keysetPage,
  keysetStart,
  readOrder,
  setPagePosition,
} from "./keyset";

const ID = "3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
const AT = new Date("2026-11-22T10:00:00.000Z");

describe("instant cursors", () => {
  it("encode as the instant and the id, and decode back", () => {
    const text = encodeInstantCursor({ at: AT, id: ID });
    expect(text).toBe(`2026-11-22T10:00:00.000Z_${ID}`);
    expect(decodeInstantCursor(text)).toEqual({ at: AT, id: ID });
  });

  it("read the id in any case and give it back lower-cased", () => {
    expect(decodeInstantCursor(`2026-11-22T10:00:00.000Z_${ID.toUpperCase()}`)).toEqual({ at: AT, id: ID });
  });

  it.each([
    undefined,
    "",
    "nonsense",
    `2026-11-22T10:00:00.000Z`,
    `2026-11-22T10:00:00.000Z_`,
    `2026-11-22T10:00:00.000Z_not-a-uuid`,
    `2026-11-22T10:00:00Z_${ID}`,
    `2026-11-22T10:00:00.000+00:00_${ID}`,
    `2026-02-30T10:00:00.000Z_${ID}`,
    `2026-11-22T25:00:00.000Z_${ID}`,
    `2026-11-22T10:00:00.000Z_${ID}_${ID}`,
    ` 2026-11-22T10:00:00.000Z_${ID}`,
  ])("refuse %j", (text) => {
    expect(decodeInstantCursor(text)).toBeUndefined();
  });

  it("share the instant pattern with keys the database prints", () => {
    expect(ISO_INSTANT.test(AT.toISOString())).toBe(true);
    expect(ISO_INSTANT.test("2026-11-22 10:00:00")).toBe(false);
  });
});

describe("opaque cursors", () => {
  it("carry any JSON as base64url and decode back", () => {
    const value = { s: "claimant", k: ["o'brien", "ada & co", ID] };
    const text = encodeOpaqueCursor(value);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeOpaqueCursor(text, 1200)).toEqual(value);
  });

  it("refuse text that is empty, too long, not base64url or not JSON", () => {
    const text = encodeOpaqueCursor({ k: ["x".repeat(100)] });
    expect(decodeOpaqueCursor(undefined, 1200)).toBeUndefined();
    expect(decodeOpaqueCursor("", 1200)).toBeUndefined();
    expect(decodeOpaqueCursor(text, text.length - 1)).toBeUndefined();
    expect(decodeOpaqueCursor(text, text.length)).toEqual({ k: ["x".repeat(100)] });
    expect(decodeOpaqueCursor("abc=", 1200)).toBeUndefined();
    expect(decodeOpaqueCursor("not a cursor", 1200)).toBeUndefined();
    expect(decodeOpaqueCursor(Buffer.from("{oops").toString("base64url"), 1200)).toBeUndefined();
  });
});

describe("keysetStart, readOrder and beyondCursor", () => {
  it("starts at the first page without a cursor", () => {
    expect(keysetStart({})).toEqual({ cursor: undefined, backwards: false });
  });

  it("reads forwards after the next-page cursor and backwards before the previous-page one", () => {
    expect(keysetStart({ next: "n" })).toEqual({ cursor: "n", backwards: false });
    expect(keysetStart({ previous: "p" })).toEqual({ cursor: "p", backwards: true });
  });

  it("follows the next-page cursor when both are given", () => {
    expect(keysetStart({ next: "n", previous: "p" })).toEqual({ cursor: "n", backwards: false });
  });

  it("reverses the order going backwards and keeps rows beyond the cursor in that order", () => {
    expect(readOrder("asc", false)).toBe("asc");
    expect(readOrder("desc", false)).toBe("desc");
    expect(readOrder("asc", true)).toBe("desc");
    expect(readOrder("desc", true)).toBe("asc");
    expect(beyondCursor("asc")).toBe("gt");
    expect(beyondCursor("desc")).toBe("lt");
  });
});

describe("keysetPage", () => {
  // A list of the numbers 1 to 10 in ascending order, 3 to a page, read as a database would.
  const all = Array.from({ length: 10 }, (_, i) => i + 1);
  const pageSize = 3;
  function read(position: { next?: number; previous?: number }) {
    const start = keysetStart(position);
    const order = readOrder("asc", start.backwards);
    const beyond = beyondCursor(order);
    const rows = (order === "asc" ? all : [...all].reverse())
      .filter((n) => start.cursor === undefined || (beyond === "gt" ? n > start.cursor : n < start.cursor))
      .slice(0, fetchLimit(pageSize));
    return keysetPage(rows, { pageSize, start, cursorOf: (n) => n });
  }

  it("fetches one row more than a page", () => {
    expect(fetchLimit(50)).toBe(51);
  });

  it("walks forwards from the first page to the last and back again without gaps or repeats", () => {
    const forwards = [read({})];
    while (forwards[forwards.length - 1].next !== undefined) forwards.push(read({ next: forwards[forwards.length - 1].next }));
    expect(forwards.map((p) => p.rows)).toEqual([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10]]);
    expect(forwards.map((p) => [p.previous, p.next])).toEqual([
      [undefined, 3],
      [4, 6],
      [7, 9],
      [10, undefined],
    ]);

    const backwards = [read({ previous: forwards[3].previous })];
    while (backwards[backwards.length - 1].previous !== undefined)
      backwards.push(read({ previous: backwards[backwards.length - 1].previous }));
    expect(backwards.map((p) => p.rows)).toEqual([
      [7, 8, 9],
      [4, 5, 6],
      [1, 2, 3],
    ]);
    expect(backwards.map((p) => [p.previous, p.next])).toEqual([
      [7, 9],
      [4, 6],
      [undefined, 3],
    ]);
  });

  it("knows a full last page is the last when the extra row does not come back", () => {
    const page = keysetPage([1, 2, 3], { pageSize: 3, start: keysetStart({}), cursorOf: (n: number) => n });
    expect(page).toEqual({ rows: [1, 2, 3], next: undefined, previous: undefined });
  });

  it("gives an empty page no cursors, even when it was reached from one", () => {
    expect(keysetPage([], { pageSize: 3, start: keysetStart({ next: 5 }), cursorOf: (n: number) => n })).toStrictEqual({
      rows: [],
    });
    expect(keysetPage([], { pageSize: 3, start: keysetStart({ previous: 5 }), cursorOf: (n: number) => n })).toStrictEqual({
      rows: [],
    });
  });

  it("does not change the rows it was given", () => {
    const fetched = [3, 2, 1, 0];
    expect(keysetPage(fetched, { pageSize: 3, start: keysetStart({ previous: 4 }), cursorOf: (n: number) => n }).rows).toEqual([
      1, 2, 3,
    ]);
    expect(fetched).toEqual([3, 2, 1, 0]);
  });
});

describe("setPagePosition", () => {
  const names = { next: "after", previous: "before" };
  const query = (position: { next?: string; previous?: string }) => {
    const q = new URLSearchParams("status=NEW");
    setPagePosition(q, names, position);
    return q.toString();
  };

  it("adds the cursor under the list's name for its direction", () => {
    expect(query({ next: "a b" })).toBe("status=NEW&after=a+b");
    expect(query({ previous: "x" })).toBe("status=NEW&before=x");
  });

  it("adds nothing for the first page, and only the next-page cursor when given both", () => {
    expect(query({})).toBe("status=NEW");
    expect(query({ next: "n", previous: "p" })).toBe("status=NEW&after=n");
  });
});
