// The document routes end to end (route handler, PostgreSQL, a real clamd, a local store):
// POST /api/claims/<reference>/documents for the online service, POST …/documents/attach for
// caseworkers on the claim page, and GET …/documents/<id> to view one: who may call each, what
// each answers, the headers a document is served with, and the audit row of every view.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/auth/roles";
import { makeClaim } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { useFreshRoutes } from "../support/fresh-routes";
import { useClamd } from "../support/use-clamd";
import { useTestDatabase } from "../support/test-db";
import { EICAR, EXE, filesUnder, multipart, PDF, PNG } from "./document-fixtures";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));

const { db, url } = useTestDatabase();
const clamd = useClamd();
const fresh = useFreshRoutes();
const key = randomBytes(32);
const files = mkdtempSync(path.join(tmpdir(), "disburse-document-routes-"));
chmodSync(files, 0o755);

type Routes = Awaited<ReturnType<typeof loadRoutes>>;
let routes: Routes;
let token: string;
const users: Partial<Record<Role, CurrentUser>> = {};

async function loadRoutes(env: Record<string, string | undefined> = {}) {
  return fresh(
    {
      DISBURSE_MODE: "production",
      DATABASE_URL: url(),
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      BANK_DETAILS_KEY: key.toString("base64"),
      BANK_DETAILS_LOOKUP_KEY: Buffer.alloc(32, 6).toString("base64"),
      FILE_STORE_DIR: files,
      AZURE_STORAGE_CONNECTION_STRING: undefined,
      CLAMD_HOST: clamd().address,
      DOCUMENT_MAX_MB: "1",
      ...env,
    },
    async () => {
      const intake = await import("@/app/api/claims/[reference]/documents/route");
      const attach = await import("@/app/api/claims/[reference]/documents/attach/route");
      const view = await import("@/app/api/claims/[reference]/documents/[documentId]/route");
      return {
        post: (reference: string, request: Request) => intake.POST(request, { params: Promise.resolve({ reference }) }),
        attach: (reference: string, request: Request) => attach.POST(request, { params: Promise.resolve({ reference }) }),
        get: (reference: string, documentId: string) =>
          view.GET(new Request(`http://localhost/api/claims/${reference}/documents/${documentId}`), {
            params: Promise.resolve({ reference, documentId }),
          }),
      };
    },
  );
}

beforeAll(async () => {
  routes = await loadRoutes();
  for (const role of ["CASEWORKER", "ADMIN", "SSCL_FINANCE", "ACCOUNTANT", "PLAN_MANAGER"] as const) {
    const u = await makeUser(db(), { role, name: `${role} person` });
    users[role] = { id: u.id, email: u.email, name: u.name, role, mustChangePassword: false };
  }
  token = (await createApiToken({ db: db(), actor: { id: users.ADMIN!.id, email: users.ADMIN!.email }, name: "Online service" }))
    .token;
});

async function newClaim() {
  return (await makeClaim(db(), key)).claim;
}

function formRequest(
  path: string,
  file: { name: string; bytes: Uint8Array } | null,
  headers: Record<string, string> = {},
): Request {
  const { body, contentType } = multipart(file);
  return new Request(`http://127.0.0.1:3000${path}`, {
    method: "POST",
    headers: { "Content-Type": contentType, ...headers },
    body: new Uint8Array(body),
  });
}

const intake = (reference: string, file: { name: string; bytes: Uint8Array } | null, auth = `Bearer ${token}`) =>
  routes.post(reference, formRequest(`/api/claims/${reference}/documents`, file, auth ? { Authorization: auth } : {}));

describe("POST /api/claims/<reference>/documents (the online service)", () => {
  it("answers 201 {id} for a clean PNG and 200 with the same id when the same file comes again", async () => {
    const claim = await newClaim();
    const first = await intake(claim.reference, { name: "receipt.png", bytes: PNG });
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    const again = await intake(claim.reference.toLowerCase(), { name: "receipt.png", bytes: PNG });
    expect([again.status, await again.json()]).toEqual([200, { id }]);
    expect(await db().claimDocument.findUniqueOrThrow({ where: { id } })).toMatchObject({
      claimId: claim.id,
      source: "API",
      contentType: "image/png",
      addedById: null,
    });
  });

  it("refuses wrong types, empty files, a missing file part and too large files with 400 and a message", async () => {
    const claim = await newClaim();
    const cases: [string, Response, string][] = [
      ["exe", await intake(claim.reference, { name: "photo.png", bytes: EXE }), "The file must be a PNG or JPEG image or a PDF"],
      ["empty", await intake(claim.reference, { name: "photo.png", bytes: Buffer.alloc(0) }), "The file is empty"],
      [
        "no file",
        await intake(claim.reference, null),
        'Send the document as multipart/form-data, the file in a field named "file"',
      ],
      [
        "too large",
        await intake(claim.reference, { name: "big.pdf", bytes: Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024)]) }),
        "The file must be smaller than 1 MB",
      ],
    ];
    for (const [name, response, message] of cases) {
      expect([name, response.status, await response.json()]).toEqual([name, 400, { error: message }]);
    }
    expect(await db().claimDocument.count({ where: { claimId: claim.id } })).toBe(0);
  });

  it("refuses a streamed body over the limit after reading at most the limit and a little more", async () => {
    const claim = await newClaim();
    const { body: head, contentType } = multipart({ name: "big.pdf", bytes: PDF });
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(head.subarray(0, head.length - 50)); // the form's start, the file's first bytes
      },
      pull(controller) {
        pulled += 1;
        if (pulled > 3200) return controller.close(); // 200 MB if read to the end
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const request = new Request(`http://127.0.0.1:3000/api/claims/${claim.reference}/documents`, {
      method: "POST",
      headers: { "Content-Type": contentType, Authorization: `Bearer ${token}` },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const response = await routes.post(claim.reference, request);
    expect([response.status, await response.json()]).toEqual([400, { error: "The file must be smaller than 1 MB" }]);
    expect(pulled).toBeLessThan(20);
  });

  it("refuses an infected file with 422 and keeps it nowhere", async () => {
    const claim = await newClaim();
    const before = filesUnder(files).length;
    const response = await intake(claim.reference, { name: "receipt.pdf", bytes: EICAR });
    expect([response.status, await response.json()]).toEqual([422, { error: "The file contains a virus and was not kept" }]);
    expect(await db().claimDocument.count({ where: { claimId: claim.id } })).toBe(0);
    expect(filesUnder(files).length).toBe(before);
  });

  it("answers 404 for an unknown claim and 401 without a valid token", async () => {
    expect((await intake("ZZZZZZZ", { name: "r.png", bytes: PNG })).status).toBe(404);
    expect((await intake("not-a-ref", { name: "r.png", bytes: PNG })).status).toBe(404);
    const claim = await newClaim();
    expect((await intake(claim.reference, { name: "r.png", bytes: PNG }, "")).status).toBe(401);
    expect((await intake(claim.reference, { name: "r.png", bytes: PNG }, `Bearer ${token.slice(0, -4)}AAAA`)).status).toBe(401);
    expect(await db().claimDocument.count({ where: { claimId: claim.id } })).toBe(0);
  });

  it("in production without CLAMD_HOST refuses every document with 503 naming the setting", async () => {
    const claim = await newClaim();
    routes = await loadRoutes({ CLAMD_HOST: undefined });
    try {
      const response = await intake(claim.reference, { name: "receipt.png", bytes: PNG });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: string }).error).toContain("CLAMD_HOST");
      expect(await db().claimDocument.count({ where: { claimId: claim.id } })).toBe(0);
    } finally {
      routes = await loadRoutes();
    }
  });
});

describe("POST /api/claims/<reference>/documents/attach (caseworkers on the claim page)", () => {
  const attach = (reference: string, file: { name: string; bytes: Uint8Array } | null, accept: string) =>
    routes.attach(reference, formRequest(`/api/claims/${reference}/documents/attach`, file, { Accept: accept }));

  it("attaches a caseworker's document: one NDJSON result line for the page's script", async () => {
    const claim = await newClaim();
    signedIn = users.CASEWORKER!;
    const response = await attach(claim.reference, { name: "letter.pdf", bytes: PDF }, "application/x-ndjson");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(`${JSON.stringify({ result: { ok: true, message: "The document was attached." } })}\n`);
    const row = await db().claimDocument.findFirstOrThrow({ where: { claimId: claim.id } });
    expect(row).toMatchObject({ source: "STAFF", addedById: users.CASEWORKER!.id, fileName: "letter.pdf" });
  });

  it("sends a form posted without JavaScript back to the claim page, naming the outcome by id or reason", async () => {
    const claim = await newClaim();
    signedIn = users.CASEWORKER!;
    const ok = await attach(claim.reference, { name: "a.png", bytes: PNG }, "text/html");
    const row = await db().claimDocument.findFirstOrThrow({ where: { claimId: claim.id } });
    expect([ok.status, ok.headers.get("location")]).toEqual([303, `/claims/${claim.reference}?document=${row.id}#documents`]);
    const infected = await attach(claim.reference, { name: "a.png", bytes: EICAR }, "text/html");
    expect(infected.headers.get("location")).toBe(`/claims/${claim.reference}?document-error=infected#documents`);
    const wrong = await attach(claim.reference, { name: "a.png", bytes: EXE }, "text/html");
    expect(wrong.headers.get("location")).toBe(`/claims/${claim.reference}?document-error=wrong-type#documents`);
  });

  it("refuses with the file field's message in the action result shape", async () => {
    const claim = await newClaim();
    signedIn = users.CASEWORKER!;
    const response = await attach(claim.reference, { name: "a.png", bytes: EICAR }, "application/json");
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      result: {
        ok: false,
        code: "VALIDATION",
        message: "The file contains a virus and was not kept",
        fieldErrors: { file: ["The file contains a virus and was not kept"] },
      },
    });
  });

  it("is for caseworkers only: 401 signed out, 403 for every other role, nothing attached", async () => {
    const claim = await newClaim();
    signedIn = null;
    expect((await attach(claim.reference, { name: "a.png", bytes: PNG }, "application/json")).status).toBe(401);
    for (const role of ["ADMIN", "SSCL_FINANCE", "ACCOUNTANT", "PLAN_MANAGER"] as const) {
      signedIn = users[role]!;
      expect([role, (await attach(claim.reference, { name: "a.png", bytes: PNG }, "application/json")).status]).toEqual([
        role,
        403,
      ]);
    }
    expect(await db().claimDocument.count({ where: { claimId: claim.id } })).toBe(0);
  });
});

describe("GET /api/claims/<reference>/documents/<id>", () => {
  it("serves the bytes inline with the recorded type, a safe name, nosniff and a sandbox, and audits each view", async () => {
    const claim = await newClaim();
    const posted = await intake(claim.reference, { name: 'my "receipt"\u202Egnp.exe.png', bytes: PNG });
    const { id } = (await posted.json()) as { id: string };
    signedIn = users.CASEWORKER!;
    const response = await routes.get(claim.reference, id);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "image/png",
      "content-length": String(PNG.length),
      "content-disposition": `inline; filename="my _receipt_gnp.exe.png"; filename*=UTF-8''my%20%22receipt%22gnp.exe.png`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
      "cache-control": "private, no-store",
    });
    signedIn = users.ADMIN!;
    expect((await routes.get(claim.reference, id)).status).toBe(200);
    const views = await db().auditLog.findMany({
      where: { action: "claim.document-viewed", entityId: id },
      orderBy: { at: "asc" },
    });
    expect(views.map((v) => [v.actorId, v.actorLabel, v.entityType])).toEqual([
      [users.CASEWORKER!.id, users.CASEWORKER!.email, "ClaimDocument"],
      [users.ADMIN!.id, users.ADMIN!.email, "ClaimDocument"],
    ]);
  });

  it("serves a PDF for the browser's viewer in a sandbox that lets only the viewer's scripts run", async () => {
    const claim = await newClaim();
    const { id } = (await (await intake(claim.reference, { name: "ticket.pdf", bytes: PDF })).json()) as { id: string };
    signedIn = users.CASEWORKER!;
    const response = await routes.get(claim.reference, id);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-security-policy")).toBe(
      "sandbox allow-scripts allow-downloads; object-src 'none'; base-uri 'none'; form-action 'none'",
    );
  });

  it("is for caseworkers and admins: 401 signed out, 403 for the other roles, and no view recorded", async () => {
    const claim = await newClaim();
    const { id } = (await (await intake(claim.reference, { name: "r.png", bytes: PNG })).json()) as { id: string };
    signedIn = null;
    expect((await routes.get(claim.reference, id)).status).toBe(401);
    for (const role of ["SSCL_FINANCE", "ACCOUNTANT", "PLAN_MANAGER"] as const) {
      signedIn = users[role]!;
      expect([role, (await routes.get(claim.reference, id)).status]).toEqual([role, 403]);
    }
    expect(await db().auditLog.count({ where: { action: "claim.document-viewed", entityId: id } })).toBe(0);
  });

  it("answers 404 for a document of another claim, an unknown id or a malformed one", async () => {
    const claim = await newClaim();
    const other = await newClaim();
    const { id } = (await (await intake(claim.reference, { name: "r.png", bytes: PNG })).json()) as { id: string };
    signedIn = users.CASEWORKER!;
    expect((await routes.get(other.reference, id)).status).toBe(404);
    expect((await routes.get(claim.reference, "6f1c1f36-5a43-4f3e-9d55-3c0a8d1f2b11")).status).toBe(404);
    expect((await routes.get(claim.reference, "../../etc/passwd")).status).toBe(404);
    expect(await db().auditLog.count({ where: { action: "claim.document-viewed", entityId: id } })).toBe(0);
  });
});
