// GET /api/uploads/<id>/error-report from the Payout upload result page: a caseworker downloads the
// report of a Payout return file (they upload those), never of SSCL's failed-payments file; SSCL
// finance and admins download any, as before.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/auth/roles";
import { importReconciliation } from "@/lib/payout/reconciliation/import-reconciliation";
import { LocalFileStore } from "@/lib/storage/local-file-store";
import { useFreshRoutes } from "../support/fresh-routes";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));

const { db, url } = useTestDatabase();
const freshRoutes = useFreshRoutes();
const files = mkdtempSync(path.join(tmpdir(), "disburse-error-report-"));

type Get = (request: Request, context: { params: Promise<{ uploadId: string }> }) => Promise<Response>;
let GET: Get;
let reconciliationId: string;
let failedPaymentsId: string;

beforeAll(async () => {
  const env = {
    DATABASE_URL: url(),
    DISBURSE_MODE: "production",
    AUTH_SECRET: "a".repeat(40),
    BANK_DETAILS_KEY: Buffer.alloc(32, 7).toString("base64"),
    BANK_DETAILS_LOOKUP_KEY: Buffer.alloc(32, 6).toString("base64"),
    FILE_STORE_DIR: files,
  };
  ({ GET } = (await freshRoutes(env, () => import("@/app/api/uploads/[uploadId]/error-report/route"))) as { GET: Get });

  const caseworker = await makeUser(db(), { role: "CASEWORKER" });
  // A report with a header and no rows: refused, with one error, its file kept.
  const outcome = await importReconciliation({
    db: db(),
    store: new LocalFileStore(files),
    fileName: "reconciliation.csv",
    bytes: Buffer.from("Reference,Payment Code,Amount,Status,Status Date\r\n"),
    actor: caseworker,
    now: new Date("2026-12-01T10:00:00Z"),
  });
  expect(outcome.status).toBe("REJECTED");
  reconciliationId = outcome.uploadId;
  const finance = await makeUser(db(), { role: "SSCL_FINANCE" });
  failedPaymentsId = (
    await db().upload.create({
      data: {
        kind: "SSCL_FAILED_PAYMENTS",
        status: "REJECTED",
        fileName: "failed.csv",
        storageKey: "uploads/none",
        sha256: "1".repeat(64),
        byteSize: 10,
        uploadedById: finance.id,
        errors: 1,
      },
    })
  ).id;
});

afterAll(() => rmSync(files, { recursive: true, force: true }));

function as(role: Role): CurrentUser {
  return { id: "00000000-0000-4000-8000-000000000009", email: `${role}@test`, name: role, role, mustChangePassword: false };
}

async function download(role: Role, uploadId: string) {
  signedIn = as(role);
  return GET(new Request(`http://test/api/uploads/${uploadId}/error-report`), { params: Promise.resolve({ uploadId }) });
}

describe("error reports of Payout uploads", () => {
  it("lets a caseworker download the report of a Payout return file", async () => {
    const response = await download("CASEWORKER", reconciliationId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(await response.text()).toContain("Error");
  });

  it("still lets SSCL finance and admins download it", async () => {
    for (const role of ["SSCL_FINANCE", "ADMIN"] as const) expect((await download(role, reconciliationId)).status).toBe(200);
  });

  it("refuses a caseworker the report of SSCL's failed-payments file, and other roles any", async () => {
    expect((await download("CASEWORKER", failedPaymentsId)).status).toBe(403);
    for (const role of ["ACCOUNTANT", "PLAN_MANAGER"] as const) expect((await download(role, reconciliationId)).status).toBe(403);
  });
});
