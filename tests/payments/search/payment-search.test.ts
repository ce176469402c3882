// Finding a payment (docs/payment-search.md): each kind of text the header's box takes finds the
// right payment (exactly one opens its journey), a claim with two payments and a file's lines are
// listed, a voided batch's line is still found, and the list's filters and keyset pages.
import { beforeAll, describe, expect, it } from "vitest";
import { listPayments, resolvePaymentSearch, singleMatch } from "@/lib/payments/search/list-payments";
import { parsePaymentListParams } from "@/lib/payments/search/payment-list-params";
import { useTestDatabase } from "../../support/test-db";
import { CODE, FILE, IDS, JOURNAL, makeSearchWorld, VOID_FILE } from "./payment-fixtures";

const { db } = useTestDatabase();

beforeAll(async () => {
  await makeSearchWorld(db());
});

async function find(query: Record<string, string>) {
  const { params, problems } = parsePaymentListParams(query);
  const search = await resolvePaymentSearch(db(), params.q);
  const only = await singleMatch(db(), params, search);
  const page = await listPayments({ db: db(), params, search });
  return { only, references: page.rows.map((r) => r.reference), rows: page.rows, problems, page };
}

describe("a search that finds one payment opens its journey", () => {
  it.each([
    ["its payment reference", "7kq2m9x-02 ", "7KQ2M9X-02"],
    ["its UUID, in capitals", ` ${IDS.coded.toUpperCase()} `, "8MR3N4Y-01"],
    ["a claim reference with one payment", "9ms4p5z", "9MS4P5Z-01"],
    ["its Payout payment code, in another case", CODE.toLowerCase(), "8MR3N4Y-01"],
    ["a file name and line", `${FILE.toUpperCase()} line 2`, "5NT6Q7R-01"],
    ["a file name and line written name:line", `${FILE}:1`, "9MS4P5Z-01"],
    ["a voided batch's file and line", `${VOID_FILE} line 1`, "6PV7R8S-01"],
    ["a person reference (no claim has it)", "4hj6t2w", "8MR3N4Y-01"],
  ])("by %s", async (_kind, q, reference) => {
    const { only, references } = await find({ q });
    expect(only).toBe(reference);
    expect(references).toEqual([reference]);
  });
});

describe("a search that finds several lists them", () => {
  it("lists both payments of a claim that was reissued, newest first", async () => {
    const { only, references } = await find({ q: "7KQ2M9X" });
    expect(only).toBeNull();
    expect(references).toEqual(["7KQ2M9X-02", "7KQ2M9X-01"]);
  });

  it("lists a file's lines, each with its line in that file", async () => {
    const { only, rows } = await find({ q: FILE });
    expect(only).toBeNull();
    expect(rows.map((r) => [r.reference, r.fileLine])).toEqual([
      ["5NT6Q7R-01", { fileName: FILE, lineNo: 2, isVoid: false }],
      ["9MS4P5Z-01", { fileName: FILE, lineNo: 1, isVoid: false }],
    ]);
  });

  it("shows a voided batch's line as void", async () => {
    const { rows } = await find({ q: VOID_FILE });
    expect(rows.map((r) => r.fileLine)).toEqual([{ fileName: VOID_FILE, lineNo: 1, isVoid: true }]);
  });
});

describe("a search that finds nothing", () => {
  it.each([
    ["a payment reference that does not exist", "7KQ2M9X-03"],
    ["a line past the end of the file", `${FILE} line 3`],
    ["the ADI journal's line (journal lines are not payments)", `${JOURNAL} line 1`],
    ["a claim reference nobody has", "ZZZZZZZ"],
    ["text of no kind", "Ada Lovelace"],
    ["a UUID of no payment", IDS.batch],
  ])("%s", async (_kind, q) => {
    const { only, references } = await find({ q });
    expect(only).toBeNull();
    expect(references).toEqual([]);
  });
});

describe("the filters", () => {
  it("by status and method", async () => {
    expect((await find({ status: "sent" })).references).toEqual(["8MR3N4Y-01", "5NT6Q7R-01", "9MS4P5Z-01"]);
    expect((await find({ status: "SENT", method: "cash" })).references).toEqual(["8MR3N4Y-01"]);
  });

  it("by the UK day created, both ends included", async () => {
    expect((await find({ createdFrom: "2026-11-19", createdTo: "2026-11-19" })).references).toEqual([
      "8MR3N4Y-01",
      "5NT6Q7R-01",
      "9MS4P5Z-01",
    ]);
    expect((await find({ createdTo: "2026-11-17" })).references).toEqual(["6PV7R8S-01"]);
  });

  it("by batch ID, file name and run", async () => {
    expect((await find({ batch: IDS.batch.toUpperCase() })).references).toEqual(["5NT6Q7R-01", "9MS4P5Z-01"]);
    expect((await find({ batch: VOID_FILE })).references).toEqual(["6PV7R8S-01"]);
    expect((await find({ run: IDS.run })).references).toEqual(["5NT6Q7R-01", "9MS4P5Z-01", "6PV7R8S-01"]);
  });

  it("combine with a search", async () => {
    expect((await find({ q: "7KQ2M9X", status: "FAILED" })).only).toBe("7KQ2M9X-01");
  });

  it("report what they cannot read and drop it", async () => {
    const { problems, references } = await find({ createdFrom: "2026-02-30", batch: "../x", run: "not-a-run" });
    expect(problems.map((p) => p.field)).toEqual(["createdFrom", "batch", "run"]);
    expect(references).toHaveLength(6);
  });
});

describe("keyset pages", () => {
  it("walk every payment once, newest first, and back", async () => {
    const all = (await find({})).references;
    expect(all).toEqual(["7KQ2M9X-02", "8MR3N4Y-01", "5NT6Q7R-01", "9MS4P5Z-01", "7KQ2M9X-01", "6PV7R8S-01"]);
    const seen: string[] = [];
    let params = parsePaymentListParams({}).params;
    let last;
    for (;;) {
      last = await listPayments({ db: db(), params, search: undefined, pageSize: 4 });
      seen.push(...last.rows.map((r) => r.reference));
      if (!last.nextCursor) break;
      params = { ...params, after: last.nextCursor };
    }
    expect(seen).toEqual(all);
    const back = await listPayments({ db: db(), params: { before: last.previousCursor }, search: undefined, pageSize: 4 });
    expect(back.rows.map((r) => r.reference)).toEqual(all.slice(0, 4));
    expect(back.previousCursor).toBeUndefined();
  });
});
