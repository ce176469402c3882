// An admin replaces the England and Wales bank holidays with an upload (our JSON or gov.uk's); a
// bad file changes nothing, and the runs use the table once it has rows.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { holidaySet, SHIPPED_BANK_HOLIDAYS } from "@/lib/bank-holidays/bank-holidays";
import { importBankHolidays } from "@/lib/bank-holidays/import-bank-holidays";
import { listBankHolidays } from "@/lib/bank-holidays/list-bank-holidays";
import { loadBankHolidays } from "@/lib/bank-holidays/load-bank-holidays";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { NOW, useTempStore } from "../runs/run-test-support";

const { db } = useTestDatabase();
const store = useTempStore();
const SHIPPED_BYTES = readFileSync(path.join(process.cwd(), "lib", "bank-holidays", "bank-holidays-england-and-wales.json"));

let actor: { id: string; email: string };
beforeAll(async () => {
  const admin = await makeUser(db(), { role: "ADMIN", name: "Ada Admin" });
  actor = { id: admin.id, email: admin.email };
});

let slot = 0;
function nextNow() {
  slot += 1;
  return new Date(NOW.getTime() + slot * 60_000);
}

function upload(fileName: string, bytes: Buffer | string, now = nextNow()) {
  return importBankHolidays({ db: db(), store: store(), fileName, bytes: Buffer.from(bytes), actor, now });
}

async function table() {
  return (await db().bankHoliday.findMany({ orderBy: { date: "asc" } })).map((h) => ({
    date: h.date.toISOString().slice(0, 10),
    title: h.title,
  }));
}

/** gov.uk's bank-holidays.json shape, with Scotland alongside (ignored). */
function govUk(events: { date: string; title: string }[]) {
  const division = (name: string, list: { date: string; title: string }[]) => ({
    division: name,
    events: list.map((e) => ({ ...e, notes: "", bunting: true })),
  });
  return JSON.stringify({
    "england-and-wales": division("england-and-wales", events),
    scotland: division("scotland", [{ date: "2026-01-02", title: "2nd January" }, ...events]),
  });
}

async function expectRejected(fileName: string, bytes: Buffer | string, message: RegExp) {
  const before = await table();
  const uploads = await db().upload.count({ where: { status: "APPLIED" } });
  const outcome = await upload(fileName, bytes);
  expect(outcome.status).toBe("REJECTED");
  if (outcome.status !== "REJECTED") return;
  expect(outcome.errors).toHaveLength(1);
  expect(outcome.errors[0].lineNo).toBe(0);
  expect(outcome.errors[0].message).toMatch(message);
  const rows = await db().uploadRow.findMany({ where: { uploadId: outcome.uploadId } });
  expect(rows).toMatchObject([{ lineNo: 0, outcome: "ERROR" }]);
  expect(await table()).toEqual(before);
  expect(await db().upload.count({ where: { status: "APPLIED" } })).toBe(uploads);
}

describe("bank holidays upload", () => {
  it("starts on the shipped calendar", async () => {
    expect(await loadBankHolidays(db())).toEqual(holidaySet(SHIPPED_BANK_HOLIDAYS));
    expect(await listBankHolidays(db())).toEqual({ source: "shipped", holidays: [...SHIPPED_BANK_HOLIDAYS], lastUpload: null });
  });

  it("rejects a file that is not JSON, or not a calendar, or not covering this year and next, changing nothing", async () => {
    await expectRejected("holidays.json", "{ not json", /^The file is not valid JSON/);
    await expectRejected("holidays.json", Buffer.from([0x7b, 0x00, 0xff, 0xfe]), /not a JSON text file/);
    await expectRejected("holidays.json", "[]", /no bank holidays/);
    await expectRejected(
      "holidays.json",
      JSON.stringify([{ date: "2026-02-30", title: "Nope" }]),
      /Entry 1: date "2026-02-30" is not a real date/,
    );
    await expectRejected("holidays.json", JSON.stringify({ scotland: { events: [] } }), /england-and-wales/);
    const only2026 = SHIPPED_BANK_HOLIDAYS.filter((h) => h.date.startsWith("2026"));
    await expectRejected("holidays-2026.json", JSON.stringify(only2026), /no bank holidays in 2027.*2026 and 2027/);
    expect(await listBankHolidays(db())).toMatchObject({ source: "shipped", lastUpload: null });
  });

  it("applies the shipped file: the table is filled and the runs switch to it", async () => {
    const now = nextNow();
    const outcome = await upload("bank-holidays.json", SHIPPED_BYTES, now);
    const n = SHIPPED_BANK_HOLIDAYS.length;
    expect(outcome).toMatchObject({ status: "APPLIED", counts: { rows: n, matched: n, unchanged: 0, errors: 0 } });
    expect(await table()).toEqual(SHIPPED_BANK_HOLIDAYS);
    const rows = await db().uploadRow.findMany({ where: { uploadId: outcome.uploadId }, orderBy: { lineNo: "asc" } });
    expect(rows.map((r) => r.message)).toContain("2026-12-25 Christmas Day");
    expect(rows.every((r) => r.outcome === "MATCHED")).toBe(true);
    const upload_ = await db().upload.findUniqueOrThrow({ where: { id: outcome.uploadId } });
    expect(upload_).toMatchObject({ kind: "BANK_HOLIDAYS", status: "APPLIED", fileName: "bank-holidays.json" });
    expect((await store().stat(upload_.storageKey))?.contentType).toBe("application/json");
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "bank-holidays.replaced" } });
    expect(audit).toMatchObject({
      actorId: actor.id,
      before: { source: "shipped", count: n },
      after: { source: "upload", uploadId: outcome.uploadId, count: n, from: "2025-01-01", to: "2027-12-28", removed: 0 },
    });
    expect(await listBankHolidays(db())).toEqual({
      source: "upload",
      holidays: SHIPPED_BANK_HOLIDAYS,
      lastUpload: { uploadedAt: now, uploadedBy: "Ada Admin", fileName: "bank-holidays.json" },
    });
  });

  it("answers DUPLICATE to the same bytes again, changing nothing", async () => {
    const before = await table();
    const outcome = await upload("bank-holidays-again.json", SHIPPED_BYTES);
    expect(outcome).toMatchObject({ status: "DUPLICATE", previous: { uploadedBy: "Ada Admin" } });
    expect(await table()).toEqual(before);
    expect(await db().auditLog.count({ where: { action: "bank-holidays.replaced" } })).toBe(1);
    expect((await listBankHolidays(db())).lastUpload?.fileName).toBe("bank-holidays.json");
  });

  it("takes gov.uk's JSON with other divisions: new and retitled holidays MATCHED, the rest UNCHANGED, missing ones removed", async () => {
    const events = SHIPPED_BANK_HOLIDAYS.filter((h) => !h.date.startsWith("2025"))
      .map((h) => (h.date === "2026-12-28" ? { ...h, title: "Boxing Day (substitute)" } : h))
      .concat([{ date: "2027-06-07", title: "Special bank holiday" }]);
    const outcome = await upload("bank-holidays.gov.uk.json", govUk(events));
    const kept = events.length - 2;
    expect(outcome).toMatchObject({ status: "APPLIED", counts: { rows: events.length, matched: 2, unchanged: kept, errors: 0 } });
    const rows = await db().uploadRow.findMany({
      where: { uploadId: outcome.uploadId, outcome: "MATCHED" },
      orderBy: { lineNo: "asc" },
    });
    expect(rows.map((r) => r.message)).toEqual([
      '2026-12-28 Boxing Day (substitute) (was "Boxing Day (substitute day)")',
      "2027-06-07 Special bank holiday",
    ]);
    expect(
      await db().uploadRow.count({
        where: { uploadId: outcome.uploadId, outcome: "UNCHANGED", message: "2026-12-25 Christmas Day" },
      }),
    ).toBe(1);

    const sorted = [...events].sort((a, b) => a.date.localeCompare(b.date));
    expect(await table()).toEqual(sorted);
    const holidays = await loadBankHolidays(db());
    expect(holidays.has("2027-06-07")).toBe(true);
    expect(holidays.has("2025-12-25")).toBe(false);
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "bank-holidays.replaced", after: { path: ["uploadId"], equals: outcome.uploadId } },
    });
    expect(audit).toMatchObject({
      before: { source: "upload", count: SHIPPED_BANK_HOLIDAYS.length, from: "2025-01-01" },
      after: { count: events.length, from: "2026-01-01", to: "2027-12-28", removed: 8 },
    });
    expect(await listBankHolidays(db())).toMatchObject({
      source: "upload",
      lastUpload: { fileName: "bank-holidays.gov.uk.json" },
    });
  });

  it("keeps the uploaded calendar when a later upload is rejected", async () => {
    const before = await table();
    await expectRejected("bad.json", '[{"date": "2026-12-25"}]', /title must be a non-empty text/);
    expect(await table()).toEqual(before);
    expect((await loadBankHolidays(db())).has("2027-06-07")).toBe(true);
  });

  it("goes back to an earlier calendar when its file is uploaded again after another one", async () => {
    // The latest applied file is the gov.uk one; the shipped file was applied before it.
    const outcome = await upload("bank-holidays-back.json", SHIPPED_BYTES);
    expect(outcome).toMatchObject({ status: "APPLIED" });
    expect(await table()).toEqual([...SHIPPED_BANK_HOLIDAYS].sort((a, b) => a.date.localeCompare(b.date)));
    expect((await upload("bank-holidays-back-again.json", SHIPPED_BYTES)).status).toBe("DUPLICATE");
  });
});
