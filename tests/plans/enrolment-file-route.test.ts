// POST /api/uploads/enrolment?plan=<code>, the route the plan's uploads page posts to: plan managers
// only; the plan must exist (and is recorded on the upload); a clean file is applied, a wrong one
// answers 422 and its error report goes to plan managers, never to a caseworker.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/auth/roles";
import { useFreshRoutes } from "../support/fresh-routes";
import { useTestDatabase } from "../support/test-db";
import { enrolmentFile, filePlan, NEW_ROW } from "./enrolments-file-support";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));

const { db, url } = useTestDatabase();
const freshRoutes = useFreshRoutes();
const files = mkdtempSync(path.join(tmpdir(), "disburse-enrolment-route-"));
const BOUNDARY = "----disburse-enrolment-boundary";

let POST: (request: Request) => Promise<Response>;
type Get = (request: Request, context: { params: Promise<{ uploadId: string }> }) => Promise<Response>;
let GET: Get;
let maker: CurrentUser;

beforeAll(async () => {
  const env = {
    DATABASE_URL: url(),
    DISBURSE_MODE: "production",
    AUTH_SECRET: "a".repeat(40),
    BANK_DETAILS_KEY: Buffer.alloc(32, 5).toString("base64"),
    BANK_DETAILS_LOOKUP_KEY: Buffer.alloc(32, 6).toString("base64"),
    FILE_STORE_DIR: files,
  };
  const routes = await freshRoutes(env, async () => ({
    upload: await import("@/app/api/uploads/enrolment/route"),
    report: await import("@/app/api/uploads/[uploadId]/error-report/route"),
  }));
  POST = routes.upload.POST;
  GET = routes.report.GET as Get;
  const plan = await filePlan(db(), "ROUTE");
  maker = { ...plan.maker, role: "PLAN_MANAGER", mustChangePassword: false };
});

afterAll(() => rmSync(files, { recursive: true, force: true }));

function upload(as: CurrentUser, planCode: string, file: Buffer) {
  signedIn = as;
  const body = Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="people.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  return POST(
    new Request(`http://localhost/api/uploads/enrolment?plan=${planCode}`, {
      method: "POST",
      body,
      headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, Accept: "application/json" },
    }),
  );
}

const other = (role: Role): CurrentUser => ({
  id: "00000000-0000-4000-8000-000000000042",
  email: `${role}@test`,
  name: role,
  role,
  mustChangePassword: false,
});

describe("POST /api/uploads/enrolment", () => {
  it("enrols a plan manager's file into the plan it names, and records the plan", async () => {
    const response = await upload(maker, "route", enrolmentFile([{ ...NEW_ROW, "First Name": "Routed" }]));
    expect(response.status).toBe(200);
    const { result } = (await response.json()) as { result: { ok: boolean; message: string; data: { uploadId: string } } };
    expect(result).toMatchObject({
      ok: true,
      message: "1 person enrolled or changed. New bank details and payment methods wait for a second plan manager.",
    });
    const plan = await db().benefitPlan.findUniqueOrThrow({ where: { code: "ROUTE" } });
    expect(await db().upload.findUniqueOrThrow({ where: { id: result.data.uploadId } })).toMatchObject({
      kind: "ENROLMENT",
      status: "APPLIED",
      benefitPlanId: plan.id,
      uploadedById: maker.id,
    });
    expect(await db().enrolment.count({ where: { benefitPlanId: plan.id } })).toBe(1);
  });

  it("refuses every other role before reading anything, and a plan that does not exist", async () => {
    const uploads = await db().upload.count();
    for (const role of ["CASEWORKER", "SSCL_FINANCE", "ACCOUNTANT", "ADMIN"] as const) {
      expect((await upload(other(role), "ROUTE", enrolmentFile([NEW_ROW]))).status).toBe(403);
    }
    const unknown = await upload(maker, "NOPE", enrolmentFile([NEW_ROW]));
    expect([unknown.status, await unknown.json()]).toEqual([404, { error: "There is no benefit plan with code NOPE" }]);
    expect(await db().upload.count()).toBe(uploads);
  });

  it("answers 422 for a wrong file, whose error report plan managers download and caseworkers never", async () => {
    const response = await upload(maker, "ROUTE", enrolmentFile([{ ...NEW_ROW, "First Name": "Wrong", Postcode: "nowhere" }]));
    expect(response.status).toBe(422);
    const { result } = (await response.json()) as { result: { data: { uploadId: string } } };
    const uploadId = result.data.uploadId;
    const download = (as: CurrentUser) => {
      signedIn = as;
      return GET(new Request(`http://test/api/uploads/${uploadId}/error-report`), { params: Promise.resolve({ uploadId }) });
    };
    const report = await download(maker);
    expect(report.status).toBe(200);
    expect(await report.text()).toContain(",Error\n");
    expect((await download(other("CASEWORKER"))).status).toBe(403);
  });
});
