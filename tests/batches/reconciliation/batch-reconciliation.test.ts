// A bank batch's reconciliation against a real database (docs/batch-reconciliation.md): a
// direct-payments run sends three payments; the batch goes Ready to download -> Downloaded ->
// Settled as its file is downloaded, two payments fail by SSCL's upload and the third is paid by
// the next run's sweep; a failure reported after that is a late failure on the settled batch.
// Along the way, what each failed-payments upload says, and the CSV export's bytes and access.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { formatDateTime } from "@/components/format-date";
import { describeUploadOutcome, loadUploadResult } from "@/app/(portal)/_actions/upload-result";
import { loadBatchReconciliations } from "@/lib/batches/reconciliation/load-batch-reconciliations";
import { importFailedPayments } from "@/lib/direct-payments/failed-payments/import-failed-payments";
import type { UploadOutcome } from "@/lib/uploads/receive-upload";
import { approvedBankPayment, key, NOW, run, useTempStore } from "../../runs/run-test-support";
import { useFreshRoutes } from "../../support/fresh-routes";
import { makeUser } from "../../support/make-user";
import { useTestDatabase } from "../../support/test-db";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));

const { db, url } = useTestDatabase();
const store = useTempStore();
const freshRoutes = useFreshRoutes();

type Get = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
let GET: Get;
let finance: CurrentUser;
let batchId: string;
let paymentsByLine: { id: string; reference: string; amountPence: number }[];
let accessPayLines: string[];
let firstUploadId: string;

/** Monday 23 November 2026, 09:00 UTC, then a minute later each time. */
let clock = new Date("2026-11-23T09:00:00Z").getTime();
const tick = () => new Date((clock += 60_000));

const staff = (u: { id: string; email: string; name: string; role: CurrentUser["role"] }): CurrentUser => ({
  ...u,
  mustChangePassword: false,
});

async function upload(fileName: string, text: string): Promise<UploadOutcome> {
  return importFailedPayments({
    db: db(),
    store: store(),
    key,
    fileName,
    bytes: Buffer.from(text, "utf8"),
    actor: { id: finance.id, email: finance.email },
    now: tick(),
  });
}

async function reconciliation() {
  const view = (await loadBatchReconciliations(db(), [batchId])).get(batchId);
  if (!view) throw new Error("no reconciliation");
  return view;
}

const pence = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, "0")}`;

beforeAll(async () => {
  ({ GET } = (await freshRoutes(
    {
      DATABASE_URL: url(),
      DISBURSE_MODE: "production",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      BANK_DETAILS_KEY: key.toString("base64"),
      BANK_DETAILS_LOOKUP_KEY: randomBytes(32).toString("base64"),
    },
    () => import("@/app/api/batches/[id]/reconciliation.csv/route"),
  )) as { GET: Get });
  finance = staff(await makeUser(db(), { role: "SSCL_FINANCE", name: "Sam Sscl" }));
  for (const amount of [10_000, 2_345, 1_500]) await approvedBankPayment(db(), { pence: amount });
  expect(await run(db(), store(), { now: NOW })).toMatchObject({ status: "SUCCEEDED", payments: 3 });
  const batch = await db().batch.findFirstOrThrow({ include: { files: true, lines: { orderBy: { lineNo: "asc" } } } });
  batchId = batch.id;
  const payments = await db().payment.findMany({ where: { id: { in: batch.lines.map((l) => l.paymentId) } } });
  paymentsByLine = batch.lines.map((l) => payments.find((p) => p.id === l.paymentId)!);
  const file = batch.files.find((f) => f.kind === "ACCESSPAY_CSV")!;
  accessPayLines = (await store().get(file.storageKey)).toString("ascii").split("\n").filter(Boolean);
});

describe("a bank batch's reconciliation", () => {
  it("is Ready to download with every payment waiting, then Downloaded once any of its files is", async () => {
    const before = await reconciliation();
    expect(before.progress).toBe("READY_TO_DOWNLOAD");
    expect(before.figures).toEqual({
      sent: { count: 3, pence: 13_845 },
      paid: { count: 0, pence: 0 },
      failed: { count: 0, pence: 0 },
      waiting: { count: 3, pence: 13_845 },
      removed: { count: 0, pence: 0 },
      lateFailures: 0,
    });
    // The ADI journal holds a two-line journal, whatever the number of payments.
    const journal = await db().batchFile.findFirstOrThrow({ where: { batchId, kind: "ADI_JOURNAL" } });
    expect(journal.lineCount).toBe(2);

    await db().fileDownload.create({ data: { batchFileId: journal.id, userId: finance.id, downloadedAt: NOW } });
    expect((await reconciliation()).progress).toBe("DOWNLOADED");
  });

  it("names the two payments an upload failed, with their amounts and total, and counts them as failed", async () => {
    const [first, second] = paymentsByLine;
    const text = `${accessPayLines[0]},Account closed\n${accessPayLines[1]}\n`;
    const outcome = await upload("failed_20261123.csv", text);
    expect(outcome).toMatchObject({ status: "APPLIED", counts: { matched: 2, unchanged: 0, errors: 0 } });
    firstUploadId = outcome.uploadId;
    const expected =
      `2 payments marked as failed, £${pence(first.amountPence + second.amountPence)}: ` +
      `${first.reference} £${pence(first.amountPence)} (Account closed), ${second.reference} £${pence(second.amountPence)} (no reason given). ` +
      "The claims are back with caseworkers for new bank details.";
    expect(await describeUploadOutcome(db(), outcome, "SSCL_FAILED_PAYMENTS")).toEqual({
      ok: true,
      message: expected,
      data: { uploadId: outcome.uploadId, status: "APPLIED" },
    });
    // The page read back from ?upload=<id> says the same.
    expect(await loadUploadResult(db(), outcome.uploadId, "SSCL_FAILED_PAYMENTS")).toMatchObject({ message: expected });

    const view = await reconciliation();
    expect(view.progress).toBe("DOWNLOADED");
    expect(view.figures).toMatchObject({
      paid: { count: 0, pence: 0 },
      failed: { count: 2, pence: first.amountPence + second.amountPence },
      waiting: { count: 1, pence: paymentsByLine[2].amountPence },
    });
    expect(view.failures.map((f) => [f.lineNo, f.reference, f.amountPence, f.failureReason, f.late])).toEqual([
      [1, first.reference, first.amountPence, "Account closed", false],
      [2, second.reference, second.amountPence, "No reason given", false],
    ]);
  });

  it("tells a second upload of the same file as already uploaded, naming when, who and the earlier upload", async () => {
    const outcome = await upload("failed_20261123 (1).csv", `${accessPayLines[0]},Account closed\n${accessPayLines[1]}\n`);
    expect(outcome.status).toBe("DUPLICATE");
    const first = await db().upload.findUniqueOrThrow({ where: { id: firstUploadId } });
    const told = await describeUploadOutcome(db(), outcome, "SSCL_FAILED_PAYMENTS");
    expect(told).toEqual({
      ok: true,
      message: `This file was already uploaded on ${formatDateTime(first.uploadedAt)} by Sam Sscl. Nothing was changed.`,
      data: { uploadId: outcome.uploadId, status: "DUPLICATE", notice: true, previousUploadId: firstUploadId },
    });
    expect(await loadUploadResult(db(), outcome.uploadId, "SSCL_FAILED_PAYMENTS")).toEqual(told);
  });

  it("says a different file whose failures were all recorded before changed nothing, and which upload recorded them", async () => {
    const outcome = await upload("failed-again.csv", `${accessPayLines[0]},Account closed\r\n${accessPayLines[1]}\r\n`);
    expect(outcome).toMatchObject({ status: "APPLIED", counts: { matched: 0, unchanged: 2 } });
    const first = await db().upload.findUniqueOrThrow({ where: { id: firstUploadId } });
    expect(await describeUploadOutcome(db(), outcome, "SSCL_FAILED_PAYMENTS")).toEqual({
      ok: true,
      message: `All 2 failures in this file were recorded before (upload of failed_20261123.csv, ${formatDateTime(first.uploadedAt)} by Sam Sscl). Nothing changed.`,
      data: { uploadId: outcome.uploadId, status: "APPLIED", notice: true, previousUploadId: firstUploadId },
    });
  });

  it("is Settled once no payment is still sent, and shows a failure reported after that as a late failure", async () => {
    // The next run's sweep: paid 5 working days after the AccessPay file's first download (Sunday 22nd).
    const accessPay = await db().batchFile.findFirstOrThrow({ where: { batchId, kind: "ACCESSPAY_CSV" } });
    await db().fileDownload.create({ data: { batchFileId: accessPay.id, userId: finance.id, downloadedAt: NOW } });
    await run(db(), store(), { now: new Date("2026-12-01T10:00:00Z") });
    const third = paymentsByLine[2];
    expect((await db().payment.findUniqueOrThrow({ where: { id: third.id } })).status).toBe("PAID");
    const settled = await reconciliation();
    expect(settled.progress).toBe("SETTLED");
    expect(settled.figures).toMatchObject({
      paid: { count: 1, pence: third.amountPence },
      failed: { count: 2 },
      waiting: { count: 0, pence: 0 },
      lateFailures: 0,
    });

    await upload("late.csv", `${accessPayLines[2]},Beneficiary deceased\n`);
    const late = await reconciliation();
    expect(late.progress).toBe("SETTLED");
    expect(late.figures).toEqual({
      sent: { count: 3, pence: 13_845 },
      paid: { count: 0, pence: 0 },
      failed: { count: 3, pence: 13_845 },
      waiting: { count: 0, pence: 0 },
      removed: { count: 0, pence: 0 },
      lateFailures: 1,
    });
    expect(late.failures.at(-1)).toMatchObject({ lineNo: 3, reference: third.reference, late: true });
  });
});

describe("GET /api/batches/<id>/reconciliation.csv", () => {
  const get = (user: CurrentUser | null, id = batchId) => {
    signedIn = user;
    return GET(new Request(`http://test/api/batches/${id}/reconciliation.csv`), { params: Promise.resolve({ id }) });
  };

  it("asks a signed-out caller to sign in, refuses roles other than SSCL finance and admins, and 404s an unknown batch", async () => {
    expect((await get(null)).status).toBe(401);
    for (const role of ["CASEWORKER", "ACCOUNTANT", "PLAN_MANAGER"] as const) {
      expect((await get(staff(await makeUser(db(), { role })))).status).toBe(403);
    }
    expect((await get(finance, "5b0e6c1a-2f3d-4e4f-8a9b-1c2d3e4f5a6b")).status).toBe(404);
    expect((await get(finance, "not-a-uuid")).status).toBe(404);
    expect(await db().auditLog.count({ where: { action: "batch.reconciliation-exported" } })).toBe(0);
  });

  it("streams one row per payment of the batch, in line order, with no total row, and is audited", async () => {
    const admin = staff(await makeUser(db(), { role: "ADMIN" }));
    const response = await get(admin);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const file = await db().batchFile.findFirstOrThrow({ where: { batchId, kind: "ACCESSPAY_CSV" } });
    const stem = file.fileName.replace(/\.csv$/, "");
    expect(response.headers.get("content-disposition")).toContain(`filename="reconciliation_${stem}.csv"`);
    const [a, b, c] = paymentsByLine;
    // Read as bytes: text() would drop the byte order mark.
    expect(Buffer.from(await response.arrayBuffer()).toString("utf8")).toBe(
      "\uFEFFPayment reference,Payment UUID,Line,Amount,Reconciliation,Payment status,Failure reason or Post Office status,Date,File\n" +
        `${a.reference},${a.id},1,${pence(a.amountPence)},Failed,FAILED,Account closed,2026-11-23,${file.fileName}\n` +
        `${b.reference},${b.id},2,${pence(b.amountPence)},Failed,FAILED,No reason given,2026-11-23,${file.fileName}\n` +
        `${c.reference},${c.id},3,${pence(c.amountPence)},Failed,FAILED,Beneficiary deceased,2026-11-23,${file.fileName}\n`,
    );
    const audit = await db().auditLog.findMany({ where: { action: "batch.reconciliation-exported" } });
    expect(audit.map((x) => [x.actorId, x.entityType, x.entityId, x.after])).toEqual([[admin.id, "Batch", batchId, { rows: 3 }]]);
  });
});
