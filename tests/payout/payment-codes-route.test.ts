// POST /api/uploads/payout-payment-codes and /api/uploads/payout-reconciliation, the routes the
// Payout forms post to: caseworkers only (SSCL finance and admins are refused before anything is
// read or recorded), the file streamed in through the one upload handler, `?batch=<id>` naming the
// batch a payment-code file answers, and a form posted without JavaScript sent back to that batch.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { londonDate } from "@/lib/dates/london-date";
import { useFreshRoutes } from "../support/fresh-routes";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import {
  makeVoucherBatch,
  paymentCodeLine,
  RECONCILIATION_HEADER,
  reconciliationLine,
  voucherCode,
  voucherPence,
  voucherReference,
  type VoucherBatch,
} from "./voucher-upload-support";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));

const { db, url } = useTestDatabase();
const freshRoutes = useFreshRoutes();
const files = mkdtempSync(path.join(tmpdir(), "disburse-payout-route-"));
const BOUNDARY = "----disburse-payout-boundary";

type Post = (request: Request) => Promise<Response>;
let postCodes: Post;
let postReconciliation: Post;
let batch: VoucherBatch;
let caseworker: CurrentUser;

beforeAll(async () => {
  const env = {
    DATABASE_URL: url(),
    DISBURSE_MODE: "production",
    AUTH_SECRET: "a".repeat(40),
    BANK_DETAILS_KEY: Buffer.alloc(32, 3).toString("base64"),
    BANK_DETAILS_LOOKUP_KEY: Buffer.alloc(32, 6).toString("base64"),
    FILE_STORE_DIR: files,
  };
  [{ POST: postCodes }, { POST: postReconciliation }] = await freshRoutes(env, () =>
    Promise.all([
      import("@/app/api/uploads/payout-payment-codes/route"),
      import("@/app/api/uploads/payout-reconciliation/route"),
    ]),
  );
  const user = await makeUser(db(), { role: "CASEWORKER" });
  caseworker = { id: user.id, email: user.email, name: user.name, role: "CASEWORKER", mustChangePassword: false };
  // Delivered yesterday, London time: the report's dates below are after the delivery and not in the future.
  const yesterday = new Date(Date.now() - 86_400_000);
  batch = await makeVoucherBatch(db(), { n: 2, tag: "W", deliveredAt: yesterday, expiresOn: "2099-12-31" });
});

afterAll(() => rmSync(files, { recursive: true, force: true }));

function request(route: string, file: string, accept: string): Request {
  const body = Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="file.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(file),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  return new Request(`http://localhost${route}`, {
    method: "POST",
    body,
    headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, Accept: accept },
  });
}

const codes = () => [1, 2].map((i) => paymentCodeLine(voucherReference("W", i), voucherPence(i), voucherCode("W", i))).join("\n");

describe("the Payout upload routes", () => {
  it("refuse every role but the caseworker's, reading and recording nothing", async () => {
    for (const role of ["SSCL_FINANCE", "ADMIN", "ACCOUNTANT", "PLAN_MANAGER"] as const) {
      signedIn = { ...caseworker, role };
      expect((await postCodes(request("/api/uploads/payout-payment-codes", codes(), "*/*"))).status).toBe(403);
      expect((await postReconciliation(request("/api/uploads/payout-reconciliation", codes(), "*/*"))).status).toBe(403);
    }
    signedIn = null;
    expect((await postCodes(request("/api/uploads/payout-payment-codes", codes(), "*/*"))).status).toBe(401);
    expect(await db().upload.count()).toBe(0);
  });

  it("take a caseworker's payment-code file for the batch named, and send a plain form back to that batch", async () => {
    signedIn = caseworker;
    const response = await postCodes(request(`/api/uploads/payout-payment-codes?batch=${batch.batchId}`, codes(), "text/html"));
    expect(response.status).toBe(303);
    const location = response.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^/payout/batches/${batch.batchId}\\?upload=[0-9a-f-]{36}#upload-result$`));
    const uploadId = new URLSearchParams(location.split("?")[1].split("#")[0]).get("upload")!;
    expect(await db().upload.findUniqueOrThrow({ where: { id: uploadId } })).toMatchObject({
      kind: "PAYOUT_PAYMENT_CODES",
      status: "APPLIED",
      batchId: batch.batchId,
      matched: 2,
    });
    expect(await db().notification.count({ where: { template: "payout-voucher" } })).toBe(2);
  });

  it("take a caseworker's reconciliation report", async () => {
    signedIn = caseworker;
    const today = londonDate(new Date());
    const report = [
      RECONCILIATION_HEADER,
      ...[1, 2].map((i) => reconciliationLine(voucherReference("W", i), voucherCode("W", i), voucherPence(i), "CASHED", today)),
    ].join("\n");
    const response = await postReconciliation(request("/api/uploads/payout-reconciliation", report, "application/json"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      result: {
        ok: true,
        message: "2 vouchers updated from the Post Office's report.",
        data: { uploadId: expect.any(String), status: "APPLIED" },
      },
    });
    expect(await db().payment.count({ where: { reference: { startsWith: "W" }, status: "CASHED" } })).toBe(2);
  });
});
