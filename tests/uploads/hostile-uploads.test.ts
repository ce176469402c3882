// Files that once hurt the portal: each is refused with a message naming what is wrong, changes no
// payment, leaves an Upload record, and costs bounded work: the bytes read before a refusal, the
// rows and the message sizes stored, and the error report. No timings: the bounds are counts.
import { beforeAll, describe, expect, it } from "vitest";
import { failedPaymentsUpload } from "@/lib/direct-payments/failed-payments/import-failed-payments";
import { loadUploadErrorReport, UNLISTED_ROWS_SHOWN } from "@/lib/uploads/load-upload-error-report";
import { MAX_MESSAGE_CHARS, MESSAGES_PER_KIND, processUpload, storeUpload } from "@/lib/uploads/receive-upload";
import { MB } from "@/lib/uploads/upload-limits";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { useTempStore } from "../runs/run-test-support";
import { failedLine, key, makeSentBatch, type SentBatch } from "./upload-test-support";

const { db } = useTestDatabase();
const store = useTempStore();

const CHUNK = 64 * 1024;
const NOW = new Date("2026-11-23T09:00:00.000Z");

let actor: { id: string; email: string };
let batch: SentBatch;
beforeAll(async () => {
  const finance = await makeUser(db(), { role: "SSCL_FINANCE" });
  actor = { id: finance.id, email: finance.email };
  batch = await makeSentBatch(db(), 3, "H", new Date(NOW.getTime() - 86_400_000));
});

/** A source that hands out `bytes` in chunks of CHUNK and counts how many bytes were taken. */
function counted(bytes: Buffer) {
  const seen = { bytes: 0, chunks: 0 };
  async function* source() {
    for (let at = 0; at < bytes.length; at += CHUNK) {
      const chunk = bytes.subarray(at, at + CHUNK);
      seen.bytes += chunk.length;
      seen.chunks += 1;
      yield chunk;
    }
  }
  return { source: source(), seen };
}

async function upload(fileName: string, bytes: Buffer, maxBytes = 100 * MB) {
  const { source, seen } = counted(bytes);
  const spec = failedPaymentsUpload(key);
  const received = await storeUpload({ db: db(), store: store(), spec, fileName, source, actor, now: NOW, maxBytes });
  const outcome = received.refused ?? (await processUpload({ db: db(), store: store(), stored: received.stored }));
  const record = await db().upload.findUniqueOrThrow({ where: { id: outcome.uploadId }, include: { rows: true } });
  return { outcome, seen, record, rows: record.rows };
}

/** Nothing about the payments changed: all still SENT, nothing failed, no message queued. */
async function expectNoPaymentChanged() {
  const statuses = await db().payment.groupBy({ by: ["status"], _count: true });
  expect(statuses).toEqual([{ status: "SENT", _count: 3 }]);
  expect(await db().notification.count()).toBe(0);
}

function expectBoundedMessages(rows: { message: string | null }[], record: { message: string | null }) {
  for (const r of rows) expect(r.message?.length ?? 0).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
  expect(record.message?.length ?? 0).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
}

describe("hostile failed-payments uploads", () => {
  it("2,000 copies of one valid line: every row a duplicate, 20 messages stored, a bounded report", async () => {
    const bytes = Buffer.from(`${failedLine(batch, 1)}\n`.repeat(2_000));
    expect(bytes.length).toBeGreaterThan(80_000);
    const { outcome, record, rows } = await upload("copies.csv", bytes);

    expect(outcome).toMatchObject({ status: "REJECTED", counts: { rows: 2_000, matched: 0, unchanged: 0, errors: 2_000 } });
    expect(record).toMatchObject({ status: "REJECTED", errors: 2_000, byteSize: bytes.length });
    expect(rows).toHaveLength(MESSAGES_PER_KIND);
    const byLine = rows.sort((a, b) => a.lineNo - b.lineNo);
    expect(byLine[0].message).toBe("Line 1: duplicate row (also line 2, 3, 4 and 1,996 more) for the same payment");
    expect(byLine[MESSAGES_PER_KIND - 1].message).toBe(
      "Line 20: duplicate row (also line 1, 2, 3 and 1,996 more) for the same payment (also on lines 21, 22 and 1,978 more)",
    );
    expectBoundedMessages(rows, record);
    await expectNoPaymentChanged();

    const report = (await loadUploadErrorReport(db(), store(), outcome.uploadId))!;
    const lines = report.bytes.toString("utf8").split("\n");
    // Header, the 20 described rows, the first rows not described, one line counting the rest.
    expect(lines).toHaveLength(1 + MESSAGES_PER_KIND + UNLISTED_ROWS_SHOWN + 1 + 1);
    expect(lines.at(-2)).toMatch(/,980 more rows with errors left out of this report/);
    expect(report.bytes.length).toBeLessThan(300_000);
  });

  it("one line of 40,000 fields: refused at the first chunk, before anything is kept", async () => {
    const bytes = Buffer.from(`${"1,".repeat(40_000)}1\n`);
    const { outcome, seen, record, rows } = await upload("wide.csv", bytes);

    expect(outcome).toMatchObject({
      status: "REJECTED",
      counts: { errors: 1 },
      errors: [{ lineNo: 0, message: "Line 1 has more than 100 columns; expected 5 or 6: the file was not read further" }],
    });
    expect(seen.bytes).toBeLessThanOrEqual(CHUNK);
    expect(record).toMatchObject({
      status: "REJECTED",
      byteSize: seen.bytes,
      message: expect.stringMatching(/^Line 1 has more/),
    });
    expect(rows).toHaveLength(1);
    expect(await store().exists(record.storageKey)).toBe(false);
    expectBoundedMessages(rows, record);
    await expectNoPaymentChanged();
    const report = (await loadUploadErrorReport(db(), store(), outcome.uploadId))!;
    expect(report.bytes.length).toBeLessThan(1_000);
  });

  it("a line longer than the format allows: refused as it arrives", async () => {
    const bytes = Buffer.from(`${failedLine(batch, 1)},${"x".repeat(10_000)}\n`);
    const { outcome, seen, rows } = await upload("long-line.csv", bytes);
    expect(outcome).toMatchObject({
      status: "REJECTED",
      errors: [{ lineNo: 0, message: expect.stringMatching(/^Line 1 is longer than 4,096 bytes/) }],
    });
    expect(seen.bytes).toBeLessThanOrEqual(CHUNK);
    expect(rows).toHaveLength(1);
    await expectNoPaymentChanged();
  });

  it("130,000 short rows: every one an error, counted, and only 20 stored", { timeout: 120_000 }, async () => {
    const bytes = Buffer.from("1\n".repeat(130_000));
    const { outcome, record, rows } = await upload("short-rows.csv", bytes);

    expect(outcome).toMatchObject({ status: "REJECTED", counts: { rows: 130_000, errors: 130_000 } });
    expect(outcome.status === "REJECTED" && outcome.errors[0]).toEqual({
      lineNo: 1,
      message: "Line 1 has 1 column; expected 5 or 6",
    });
    expect(rows).toHaveLength(MESSAGES_PER_KIND);
    expect(rows.find((r) => r.lineNo === MESSAGES_PER_KIND)?.message).toBe(
      "Line 20 has 1 column; expected 5 or 6 (also on lines 21, 22 and 129,978 more)",
    );
    expectBoundedMessages(rows, record);
    await expectNoPaymentChanged();

    // The report answers, streams, and is bounded.
    const report = (await loadUploadErrorReport(db(), store(), outcome.uploadId))!;
    const lines = report.bytes.toString("utf8").split("\n");
    expect(lines).toHaveLength(1 + MESSAGES_PER_KIND + UNLISTED_ROWS_SHOWN + 1 + 1);
    expect(lines.at(-2)).toMatch(/128,980 more rows with errors left out/);
    expect(report.bytes.length).toBeLessThan(300_000);
  });

  it("a file of exactly the limit is read; one byte more is refused after the limit plus one byte", async () => {
    const limit = 1 * MB;
    const line = `${failedLine(batch, 2)}\n`;
    const fill = (size: number) => {
      const body = line.repeat(Math.floor(size / line.length));
      return Buffer.from(body + "\n".repeat(size - body.length)); // trailing blank lines are allowed
    };

    const exact = await upload("exact.csv", fill(limit), limit);
    expect(exact.outcome.status).toBe("REJECTED"); // the same payment many times: read and checked, not refused for size
    expect(exact.seen.bytes).toBe(limit);
    expect(exact.outcome.status === "REJECTED" && exact.outcome.errors[0].message).toMatch(/duplicate row/);

    const over = await upload("over.csv", fill(limit + 1), limit);
    expect(over.outcome).toMatchObject({
      status: "REJECTED",
      errors: [
        {
          lineNo: 0,
          message: "The file is larger than 1 MB, the most this upload takes: split it and upload the parts one by one",
        },
      ],
    });
    expect(over.seen.bytes).toBeLessThanOrEqual(limit + CHUNK);
    expect(over.record).toMatchObject({ status: "REJECTED", byteSize: over.seen.bytes, fileName: "over.csv" });
    expect(await store().exists(over.record.storageKey)).toBe(false);
    await expectNoPaymentChanged();
  });

  it("a 7 MB file with the limit at 5 MB: reading stops at 5 MB plus one chunk", async () => {
    const bytes = Buffer.alloc(7 * MB, `${failedLine(batch, 3)}\n`);
    const { outcome, seen, record, rows } = await upload("seven.csv", bytes, 5 * MB);
    expect(outcome).toMatchObject({
      status: "REJECTED",
      errors: [{ lineNo: 0, message: expect.stringMatching(/larger than 5 MB/) }],
    });
    expect(seen.bytes).toBeLessThanOrEqual(5 * MB + CHUNK);
    expect(seen.bytes).toBeLessThan(bytes.length);
    expect(record.byteSize).toBe(seen.bytes);
    expect(rows).toHaveLength(1);
    await expectNoPaymentChanged();
  });

  it("binary: refused whole, naming where the binary starts", async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const { outcome, record, rows } = await upload("picture.csv", bytes);
    expect(outcome).toMatchObject({
      status: "REJECTED",
      counts: { rows: 1, errors: 1 },
      errors: [{ lineNo: 0, message: expect.stringMatching(/^Line 1, column 1: not UTF-8\. The file is not a CSV text file/) }],
    });
    expect(rows.map((r) => [r.lineNo, r.outcome])).toEqual([[0, "ERROR"]]);
    expect(record.message).toMatch(/binary data/);
    await expectNoPaymentChanged();

    const nul = await upload("nul.csv", Buffer.from(`${failedLine(batch, 1)}\nab\u0000c\n`));
    expect(nul.outcome).toMatchObject({
      errors: [{ lineNo: 0, message: expect.stringMatching(/^Line 2, column 3: a NUL byte/) }],
    });
    await expectNoPaymentChanged();
  });

  it("not UTF-8: the first bad line and column are named", async () => {
    const latin1 = Buffer.concat([
      Buffer.from(`${failedLine(batch, 1)}\n${failedLine(batch, 2)}\n200001,55770001,Zo`),
      Buffer.from([0xeb]),
      Buffer.from(",10.01,H000001-01\n"),
    ]);
    const { outcome, rows } = await upload("latin1.csv", latin1);
    expect(outcome).toMatchObject({
      status: "REJECTED",
      errors: [{ lineNo: 0, message: expect.stringMatching(/^Line 3, column 19: not UTF-8/) }],
    });
    expect(rows).toHaveLength(1);
    await expectNoPaymentChanged();
  });

  it("left an Upload record for every attempt", async () => {
    const names = (await db().upload.findMany({ select: { fileName: true } })).map((u) => u.fileName).sort();
    expect(names).toEqual(
      [
        "copies.csv",
        "wide.csv",
        "long-line.csv",
        "short-rows.csv",
        "exact.csv",
        "over.csv",
        "seven.csv",
        "picture.csv",
        "nul.csv",
        "latin1.csv",
      ].sort(),
    );
    expect(await db().upload.count({ where: { status: { not: "REJECTED" } } })).toBe(0);
  });
});
