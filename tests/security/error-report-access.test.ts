// GET /api/uploads/<id>/error-report for every kind of upload and every role: the report repeats
// the file's rows, so it goes only to who may make that kind of upload or sees its uploads' page.
// The finding: SSCL finance could download the error report of an admin-only bank-holidays upload.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mayUse, routes } from "@/lib/auth/access";
import type { CurrentUser } from "@/lib/auth/current-user";
import { ALL_ROLES, type Role } from "@/lib/auth/roles";
import type { UploadKind } from "@/lib/generated/prisma/enums";
import { useFreshRoutes } from "../support/fresh-routes";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));

const { db, url } = useTestDatabase();
const freshRoutes = useFreshRoutes();
const files = mkdtempSync(path.join(tmpdir(), "disburse-report-access-"));

type Get = (request: Request, context: { params: Promise<{ uploadId: string }> }) => Promise<Response>;
let GET: Get;

// Who may read each kind's report: who sees that kind's uploads, or makes them. The route's own
// rule (routes.uploadErrorReport) comes first, so the answer is 200 for roles in both, else 403.
const READERS: Record<UploadKind, Role[]> = {
  SSCL_FAILED_PAYMENTS: ["SSCL_FINANCE", "ADMIN"],
  PAYOUT_PAYMENT_CODES: ["CASEWORKER", "SSCL_FINANCE", "ADMIN"],
  PAYOUT_RECONCILIATION: ["CASEWORKER", "SSCL_FINANCE", "ADMIN"],
  BANK_HOLIDAYS: ["ADMIN"],
  ENROLMENT: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
};
const uploads = new Map<UploadKind, string>();

beforeAll(async () => {
  ({ GET } = (await freshRoutes(
    {
      DATABASE_URL: url(),
      DISBURSE_MODE: "production",
      AUTH_SECRET: "a".repeat(40),
      BANK_DETAILS_KEY: Buffer.alloc(32, 7).toString("base64"),
      BANK_DETAILS_LOOKUP_KEY: Buffer.alloc(32, 6).toString("base64"),
      FILE_STORE_DIR: files,
    },
    () => import("@/app/api/uploads/[uploadId]/error-report/route"),
  )) as { GET: Get });
  const admin = await makeUser(db(), { role: "ADMIN" });
  for (const kind of Object.keys(READERS) as UploadKind[]) {
    // A whole-file refusal: its report is the message alone, so no stored file is needed.
    const upload = await db().upload.create({
      data: {
        kind,
        status: "REJECTED",
        fileName: `${kind.toLowerCase()}.csv`,
        storageKey: `uploads/test/${kind}`,
        sha256: "1".repeat(64),
        byteSize: 10,
        uploadedById: admin.id,
        errors: 1,
        rows: { create: { lineNo: 0, outcome: "ERROR", message: "The file is empty" } },
      },
    });
    uploads.set(kind, upload.id);
  }
});

afterAll(() => rmSync(files, { recursive: true, force: true }));

async function download(role: Role, uploadId: string) {
  signedIn = { id: "00000000-0000-4000-8000-000000000009", email: `${role}@test`, name: role, role, mustChangePassword: false };
  return GET(new Request(`http://test/api/uploads/${uploadId}/error-report`), { params: Promise.resolve({ uploadId }) });
}

describe("error reports by upload kind and role", () => {
  it("SSCL finance cannot download the report of a bank-holidays upload", async () => {
    const response = await download("SSCL_FINANCE", uploads.get("BANK_HOLIDAYS")!);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "You do not have permission to do this" });
  });

  it.each(Object.keys(READERS) as UploadKind[])("%s: the readers get the report, every other role 403", async (kind) => {
    for (const role of ALL_ROLES) {
      const response = await download(role, uploads.get(kind)!);
      const expected = READERS[kind].includes(role) && mayUse(routes.uploadErrorReport, role) ? 200 : 403;
      expect({ role, status: response.status }).toEqual({ role, status: expected });
      if (expected === 200) expect(await response.text()).toContain("The file is empty");
    }
  });
});
