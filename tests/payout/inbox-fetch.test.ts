// The Payout inbox (lib/payout/inbox) against a real OpenSSH sshd (tests/support/sshd.ts) and a real
// database: return files put in the inbox folder are imported through the upload shell as the
// "Payout inbox" actor and moved on the server to processed/ or error/ (with a note), oldest first,
// a few a run; a bad file applies nothing; the same bytes twice are a DUPLICATE; a connection lost
// between the import and the move is made good by the next run without applying anything twice.
// Where /usr/sbin/sshd is missing the tests are skipped with a message; CI installs openssh-server.
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";

import { MB } from "@/lib/uploads/upload-limits";
import { fetchPayoutReturns, type FetchPayoutReturnsOptions, type InboxRunResult } from "@/lib/payout/inbox/fetch-payout-returns";
import { PAYOUT_INBOX_EMAIL, PAYOUT_INBOX_NAME } from "@/lib/payout/inbox/inbox-actor";
import { sftpInbox } from "@/lib/payout/inbox/sftp-inbox";
import { useTempStore } from "../runs/run-test-support";
import { hasSshd } from "../support/sshd";
import { useSshd } from "../support/use-sshd";
import { useTestDatabase } from "../support/test-db";
import {
  makeVoucherBatch,
  paymentCodeLine,
  RECONCILIATION_HEADER,
  reconciliationLine,
  voucherCode,
  voucherPence,
  voucherReference,
} from "./voucher-upload-support";

if (!hasSshd) console.warn("Skipping the Payout inbox tests: /usr/sbin/sshd is missing (apt-get install -y openssh-server).");

const { db, url } = useTestDatabase();
const store = useTempStore();
const sshd = useSshd();

const NOW = new Date("2026-11-28T12:00:00.000Z");
const DELIVERED = new Date("2026-11-20T09:00:00.000Z");
const SUPPORT = "support@example.gov.uk";

let inboxCount = 0;
let inboxDir = "";

/** A fresh inbox folder on the server for each test (no chroot: the remote path is the local one). */
function newInbox(): string {
  inboxCount += 1;
  inboxDir = path.join(sshd().uploadDir, `inbox-${inboxCount}`);
  mkdirSync(inboxDir);
  return inboxDir;
}

function fetch(overrides: Partial<FetchPayoutReturnsOptions> = {}): Promise<InboxRunResult> {
  const server = sshd();
  return fetchPayoutReturns({
    db: db(),
    store: store(),
    server: sftpInbox({
      host: server.host,
      port: server.port,
      username: server.username,
      privateKeyPath: server.clientKey.privateKeyPath,
      hostKey: server.hostKeyFingerprint,
      dir: inboxDir,
    }),
    now: NOW,
    maxBytes: 100 * MB,
    voucherValidityDays: 30,
    alertAddresses: [SUPPORT],
    ...overrides,
  });
}

let minute = 0;
/** Puts a file in the inbox, each one a minute newer than the last (the order the run takes them in). */
function put(name: string, text: string | Buffer, modified?: Date): Buffer {
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  const file = path.join(inboxDir, name);
  writeFileSync(file, bytes);
  const at = modified ?? new Date(Date.UTC(2026, 10, 28, 8, (minute += 1)));
  utimesSync(file, at, at);
  return bytes;
}

/** What the server's inbox folder holds now: its files, and each subfolder's. */
function onServer(): Record<string, string[]> {
  const tree: Record<string, string[]> = { ".": [] };
  for (const entry of readdirSync(inboxDir, { withFileTypes: true })) {
    if (entry.isDirectory()) tree[entry.name] = readdirSync(path.join(inboxDir, entry.name)).sort();
    else tree["."].push(entry.name);
  }
  tree["."].sort();
  return tree;
}

const read = (relative: string) => readFileSync(path.join(inboxDir, relative));

/** A payment-code file for payments 1..n of a batch made by makeVoucherBatch. */
const codeFile = (tag: string, items: number[]) =>
  `${items.map((i) => paymentCodeLine(voucherReference(tag, i), voucherPence(i), voucherCode(tag, i))).join("\n")}\n`;

const inboxUser = () => db().user.findUniqueOrThrow({ where: { email: PAYOUT_INBOX_EMAIL } });

/** The voucher messages queued for a tag's payments. */
async function voucherMessages(tag: string): Promise<number> {
  const ids = (await db().payment.findMany({ where: { reference: { startsWith: `${tag}0` } }, select: { id: true } })).map(
    (p) => p.id,
  );
  return db().notification.count({ where: { template: "payout-voucher", paymentId: { in: ids } } });
}

async function paymentsOf(tag: string) {
  return db().payment.findMany({
    where: { reference: { startsWith: `${tag}0` } },
    orderBy: { reference: "asc" },
    select: { reference: true, status: true, paymentCode: true, codeUploadId: true, postOfficeStatusDate: true },
  });
}

describe.skipIf(!hasSshd)("the Payout inbox against OpenSSH sshd", () => {
  beforeAll(() => {
    newInbox();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === "fail") console.error(sshd().log().slice(-3000));
    await sshd().restart();
  });

  it("imports a payment-code file and a reconciliation report as the inbox actor, oldest first, and moves them to processed/", async () => {
    newInbox();
    await makeVoucherBatch(db(), { n: 3, tag: "A", deliveredAt: DELIVERED, expiresOn: "2026-12-20" });
    await makeVoucherBatch(db(), { n: 2, tag: "B", deliveredAt: DELIVERED, expiresOn: "2026-12-20", codes: true });
    const recon = put(
      "report-2026-11-27.csv",
      [
        RECONCILIATION_HEADER,
        reconciliationLine(voucherReference("B", 1), voucherCode("B", 1), voucherPence(1), "CASHED", "25/11/2026"),
        reconciliationLine(voucherReference("B", 2), voucherCode("B", 2), voucherPence(2), "EXPIRED", "2026-11-26"),
      ].join("\n"),
      new Date("2026-11-28T09:00:00Z"),
    );
    const codes = put("codes-001.csv", codeFile("A", [1, 2, 3]), new Date("2026-11-28T08:00:00Z"));
    put("arriving.csv.part", "half a file");

    const result = await fetch();

    const user = await inboxUser();
    expect(user).toMatchObject({ name: PAYOUT_INBOX_NAME, role: "ACCOUNTANT", passwordHash: "!", disabledAt: expect.any(Date) });
    expect(result).toEqual({
      status: "DONE",
      target: `sftp://127.0.0.1:${sshd().port}${inboxDir}`,
      waiting: 0,
      files: [
        {
          fileName: "codes-001.csv",
          kind: "PAYOUT_PAYMENT_CODES",
          outcome: "APPLIED",
          uploadId: expect.any(String),
          movedTo: "processed/codes-001.csv",
        },
        {
          fileName: "report-2026-11-27.csv",
          kind: "PAYOUT_RECONCILIATION",
          outcome: "APPLIED",
          uploadId: expect.any(String),
          movedTo: "processed/report-2026-11-27.csv",
        },
      ],
    });
    if (result.status !== "DONE") throw new Error("unreachable");
    const [codesUpload, reconUpload] = result.files.map((f) => f.uploadId!);

    // On the server: moved byte for byte; the file still arriving is left alone.
    expect(onServer()).toEqual({ ".": ["arriving.csv.part"], processed: ["codes-001.csv", "report-2026-11-27.csv"] });
    expect(read("processed/codes-001.csv")).toEqual(codes);
    expect(read("processed/report-2026-11-27.csv")).toEqual(recon);

    // The uploads are the inbox's, recorded and audited as such.
    const uploads = await db().upload.findMany({ where: { id: { in: [codesUpload, reconUpload] } }, orderBy: { kind: "asc" } });
    expect(uploads.map((u) => [u.kind, u.status, u.fileName, u.uploadedById, u.matched])).toEqual([
      ["PAYOUT_PAYMENT_CODES", "APPLIED", "codes-001.csv", user.id, 3],
      ["PAYOUT_RECONCILIATION", "APPLIED", "report-2026-11-27.csv", user.id, 2],
    ]);
    // (The payments' own audit rows, code issued, cashed, expired, name the inbox too.)
    const audit = await db().auditLog.findMany({
      where: { actorId: user.id, OR: [{ action: { startsWith: "upload." } }, { action: { startsWith: "payout-inbox." } }] },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.action, a.actorLabel, a.entityId])).toEqual([
      ["upload.applied", PAYOUT_INBOX_EMAIL, codesUpload],
      ["payout-inbox.file-processed", PAYOUT_INBOX_EMAIL, "codes-001.csv"],
      ["upload.applied", PAYOUT_INBOX_EMAIL, reconUpload],
      ["payout-inbox.file-processed", PAYOUT_INBOX_EMAIL, "report-2026-11-27.csv"],
    ]);

    // The codes are stored and the vouchers messaged; the report's statuses are moved, by the system.
    expect(await paymentsOf("A")).toEqual(
      [1, 2, 3].map((i) => ({
        reference: voucherReference("A", i),
        status: "SENT",
        paymentCode: voucherCode("A", i),
        codeUploadId: codesUpload,
        postOfficeStatusDate: null,
      })),
    );
    expect(await voucherMessages("A")).toBe(3);
    expect((await paymentsOf("B")).map((p) => [p.status, p.postOfficeStatusDate?.toISOString().slice(0, 10)])).toEqual([
      ["CASHED", "2026-11-25"],
      ["EXPIRED", "2026-11-26"],
    ]);
    const history = await db().paymentStatusHistory.findMany({ where: { uploadId: reconUpload } });
    expect(history.map((h) => [h.actorId, h.actorLabel])).toEqual([
      [user.id, PAYOUT_INBOX_EMAIL],
      [user.id, PAYOUT_INBOX_EMAIL],
    ]);
    expect(await db().alert.count()).toBe(0);
  });

  it("a file that is not a return file goes to error/ with a note and an alert; nothing is imported", async () => {
    newInbox();
    const bytes = put("hello.txt", "Dear Post Office,\nthanks\n");
    const uploadsBefore = await db().upload.count();

    const result = await fetch();

    const reason =
      'Line 1 looks like a header row (it starts "Dear Post Office,") but names no Reference and Status columns: ' +
      "neither a payment-code file (no header row, 23 columns) nor a reconciliation report (a header row naming Reference and Status).";
    expect(result).toMatchObject({
      status: "DONE",
      files: [{ fileName: "hello.txt", kind: null, outcome: "REFUSED", movedTo: "error/hello.txt", reason }],
    });
    expect(onServer()).toEqual({ ".": [], error: ["hello.txt", "hello.txt.txt"] });
    expect(read("error/hello.txt")).toEqual(bytes);
    const note = read("error/hello.txt.txt").toString("utf8");
    expect(note).toContain("hello.txt was moved to error/hello.txt by the Disburse Payout inbox on 2026-11-28T12:00:00.000Z.");
    expect(note).toContain(reason);
    expect(await db().upload.count()).toBe(uploadsBefore);

    const alert = await db().alert.findFirstOrThrow({ where: { kind: "payout-inbox-file-refused" } });
    expect(alert.message).toContain("did not apply hello.txt and moved it to error/hello.txt.");
    expect(alert.message).toContain(reason);
    expect(await db().notification.count({ where: { template: "support-alert", recipient: SUPPORT } })).toBe(1);
    const user = await inboxUser();
    expect(
      await db().auditLog.findFirstOrThrow({ where: { action: "payout-inbox.file-refused", entityId: "hello.txt" } }),
    ).toMatchObject({
      actorId: user.id,
      after: expect.objectContaining({ movedTo: "error/hello.txt", outcome: "REFUSED", reason }),
    });
  });

  it("a return file with errors is rejected by the upload's checks: nothing applied, error/ with the errors in the note", async () => {
    newInbox();
    await makeVoucherBatch(db(), { n: 2, tag: "C", deliveredAt: DELIVERED, expiresOn: "2026-12-20" });
    const wrongAmount = paymentCodeLine(voucherReference("C", 2), 999, voucherCode("C", 2));
    put("codes-bad.csv", `${paymentCodeLine(voucherReference("C", 1), voucherPence(1), voucherCode("C", 1))}\n${wrongAmount}\n`);
    const messagesBefore = await db().notification.count();

    const result = await fetch();

    expect(result).toMatchObject({
      status: "DONE",
      files: [{ fileName: "codes-bad.csv", kind: "PAYOUT_PAYMENT_CODES", outcome: "REJECTED", movedTo: "error/codes-bad.csv" }],
    });
    if (result.status !== "DONE") throw new Error("unreachable");
    const { uploadId, reason } = result.files[0];
    expect(reason).toMatch(
      new RegExp(
        `^Rejected as a payment-code file: 1 of 2 rows have errors, so nothing in it was applied \\(upload ${uploadId}\\)\\. Line 2: `,
      ),
    );
    expect(await db().upload.findUniqueOrThrow({ where: { id: uploadId } })).toMatchObject({
      status: "REJECTED",
      uploadedById: (await inboxUser()).id,
      errors: 1,
    });
    expect((await paymentsOf("C")).map((p) => p.paymentCode)).toEqual([null, null]);
    expect(await voucherMessages("C")).toBe(0);
    expect(await db().notification.count()).toBe(messagesBefore + 1); // the support alert only
    expect(onServer()).toEqual({ ".": [], error: ["codes-bad.csv", "codes-bad.csv.txt"] });
    const note = read("error/codes-bad.csv.txt").toString("utf8");
    expect(note).toContain("Errors:\nLine 2: ");
  });

  it("a file larger than UPLOAD_MAX_MB goes to error/ as it was; nothing imported", async () => {
    newInbox();
    await makeVoucherBatch(db(), { n: 5, tag: "D", deliveredAt: DELIVERED, expiresOn: "2026-12-20" });
    const bytes = put("codes-big.csv", codeFile("D", [1, 2, 3, 4, 5]));
    const uploadsBefore = await db().upload.count();

    const result = await fetch({ maxBytes: 300 });

    expect(bytes.length).toBeGreaterThan(300);
    expect(result).toMatchObject({
      status: "DONE",
      files: [
        {
          fileName: "codes-big.csv",
          outcome: "REFUSED",
          movedTo: "error/codes-big.csv",
          reason: "The file is larger than 300 bytes (UPLOAD_MAX_MB): not imported.",
        },
      ],
    });
    expect(read("error/codes-big.csv")).toEqual(bytes);
    expect(await db().upload.count()).toBe(uploadsBefore);
    expect((await paymentsOf("D")).every((p) => p.paymentCode === null)).toBe(true);
  });

  it("the same file twice: the second is a DUPLICATE, nothing applied again, moved beside the first as name.1", async () => {
    newInbox();
    await makeVoucherBatch(db(), { n: 2, tag: "E", deliveredAt: DELIVERED, expiresOn: "2026-12-20" });
    const text = codeFile("E", [1, 2]);
    put("codes.csv", text);
    const first = await fetch();
    expect(first).toMatchObject({ status: "DONE", files: [{ outcome: "APPLIED", movedTo: "processed/codes.csv" }] });
    const messages = await db().notification.count();

    put("codes.csv", text);
    const second = await fetch();

    expect(second).toMatchObject({
      status: "DONE",
      files: [{ fileName: "codes.csv", kind: "PAYOUT_PAYMENT_CODES", outcome: "DUPLICATE", movedTo: "processed/codes.csv.1" }],
    });
    expect(onServer()).toEqual({ ".": [], processed: ["codes.csv", "codes.csv.1"] });
    expect(await db().notification.count()).toBe(messages);
    const uploads = await db().upload.findMany({ where: { fileName: "codes.csv" }, orderBy: { uploadedAt: "asc" } });
    expect(uploads.map((u) => u.status).sort()).toEqual(["APPLIED", "DUPLICATE"]);
  });

  it("a connection lost after the import, before the move: the run fails; the next re-imports it as a DUPLICATE and moves it", async () => {
    newInbox();
    await makeVoucherBatch(db(), { n: 2, tag: "F", deliveredAt: DELIVERED, expiresOn: "2026-12-20" });
    const bytes = put("codes-f.csv", codeFile("F", [1, 2]));

    const crashed = await fetch({
      faults: {
        after: async (step) => {
          if (step === "imported") await sshd().killSessions();
        },
      },
    });

    expect(crashed).toMatchObject({ status: "FAILED", files: [] });
    if (crashed.status !== "FAILED") throw new Error("unreachable");
    expect(crashed.error).toMatch(/^The connection to the SFTP server at 127\.0\.0\.1:\d+ was lost while trying to /);
    // Imported (codes stored, messages queued) but still in the inbox.
    expect(onServer()).toEqual({ ".": ["codes-f.csv"] });
    const applied = await paymentsOf("F");
    expect(applied.map((p) => p.paymentCode)).toEqual([voucherCode("F", 1), voucherCode("F", 2)]);
    const messages = await db().notification.count();

    const next = await fetch();

    expect(next).toMatchObject({
      status: "DONE",
      files: [{ fileName: "codes-f.csv", outcome: "DUPLICATE", movedTo: "processed/codes-f.csv" }],
    });
    expect(onServer()).toEqual({ ".": [], processed: ["codes-f.csv"] });
    expect(read("processed/codes-f.csv")).toEqual(bytes);
    expect(await paymentsOf("F")).toEqual(applied);
    expect(await db().notification.count()).toBe(messages);
    expect((await db().upload.findMany({ where: { fileName: "codes-f.csv" } })).map((u) => u.status).sort()).toEqual([
      "APPLIED",
      "DUPLICATE",
    ]);
  });

  it("a crash of the process after the import (the run never finishes) is made good the same way", async () => {
    newInbox();
    await makeVoucherBatch(db(), { n: 1, tag: "G", deliveredAt: DELIVERED, expiresOn: "2026-12-20" });
    put("codes-g.csv", codeFile("G", [1]));

    await expect(
      fetch({
        faults: {
          after: (step) => {
            if (step === "imported") throw new Error("the process died here");
          },
        },
      }),
    ).rejects.toThrow("the process died here");
    expect(onServer()).toEqual({ ".": ["codes-g.csv"] });

    expect(await fetch()).toMatchObject({ status: "DONE", files: [{ outcome: "DUPLICATE", movedTo: "processed/codes-g.csv" }] });
    expect((await paymentsOf("G")).map((p) => p.paymentCode)).toEqual([voucherCode("G", 1)]);
  });

  it("takes at most `limit` files a run, oldest first; the rest wait for the next run", async () => {
    newInbox();
    await makeVoucherBatch(db(), { n: 3, tag: "H", deliveredAt: DELIVERED, expiresOn: "2026-12-20" });
    put("h3.csv", codeFile("H", [3]), new Date("2026-11-28T09:03:00Z"));
    put("h1.csv", codeFile("H", [1]), new Date("2026-11-28T09:01:00Z"));
    put("h2.csv", codeFile("H", [2]), new Date("2026-11-28T09:02:00Z"));

    const first = await fetch({ limit: 2 });
    expect(first).toMatchObject({ status: "DONE", waiting: 1, files: [{ fileName: "h1.csv" }, { fileName: "h2.csv" }] });
    expect(onServer()).toEqual({ ".": ["h3.csv"], processed: ["h1.csv", "h2.csv"] });

    expect(await fetch({ limit: 2 })).toMatchObject({
      status: "DONE",
      waiting: 0,
      files: [{ fileName: "h3.csv", outcome: "APPLIED" }],
    });
  });

  it("an empty inbox does nothing; one fetch at a time (another holding the lock: BUSY, nothing read)", async () => {
    newInbox();
    expect(await fetch()).toEqual({ status: "DONE", target: expect.any(String), files: [], waiting: 0 });

    put("codes-busy.csv", "anything\n");
    const other = new pg.Client({ connectionString: url() });
    await other.connect();
    try {
      await other.query("SELECT pg_advisory_lock(hashtext('payout-inbox'))");
      expect(await fetch()).toEqual({
        status: "BUSY",
        message: "Another fetch of the Payout inbox is under way: nothing was done.",
      });
      expect(onServer()).toEqual({ ".": ["codes-busy.csv"] });
    } finally {
      await other.end();
    }
  });

  it("a server showing another host key is refused before anything is read; the files stay", async () => {
    newInbox();
    put("codes-key.csv", "anything\n");
    await sshd().restart({ replacementHostKey: true });

    const result = await fetch();

    expect(result).toMatchObject({ status: "FAILED", files: [] });
    if (result.status !== "FAILED") throw new Error("unreachable");
    expect(result.error).toContain("The SFTP server's host key has changed");
    expect(existsSync(path.join(inboxDir, "codes-key.csv"))).toBe(true);
  });
});
