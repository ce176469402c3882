// POST /api/uploads/failed-payments, the route the upload form posts to (with or without
// JavaScript): who may call it, the file streamed in as multipart/form-data, progress lines for the
// page's script, a redirect for a plain form, and a file over UPLOAD_MAX_MB refused after the limit
// plus a chunk of the request body.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { useFreshRoutes } from "../support/fresh-routes";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { failedLine, key, makeSentBatch, type SentBatch } from "./upload-test-support";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));

const { db, url } = useTestDatabase();
const freshRoutes = useFreshRoutes();
const files = mkdtempSync(path.join(tmpdir(), "disburse-upload-route-"));
const CHUNK = 64 * 1024;
const BOUNDARY = "----disburse-test-boundary";

let POST: (request: Request) => Promise<Response>;
let batch: SentBatch;
let finance: CurrentUser;

beforeAll(async () => {
  const env = {
    DATABASE_URL: url(),
    DISBURSE_MODE: "production",
    AUTH_SECRET: "a".repeat(40),
    BANK_DETAILS_KEY: key.toString("base64"),
    BANK_DETAILS_LOOKUP_KEY: Buffer.alloc(32, 6).toString("base64"),
    FILE_STORE_DIR: files,
    UPLOAD_MAX_MB: "1",
  };
  ({ POST } = await freshRoutes(env, () => import("@/app/api/uploads/failed-payments/route")));
  const user = await makeUser(db(), { role: "SSCL_FINANCE" });
  finance = { id: user.id, email: user.email, name: user.name, role: "SSCL_FINANCE", mustChangePassword: false };
  batch = await makeSentBatch(db(), 3, "R", new Date("2026-11-22T09:00:00Z"));
});

afterAll(() => rmSync(files, { recursive: true, force: true }));

/** A multipart body holding `file`, handed out in chunks, counting what the route reads. */
function form(file: Buffer, fileName = "failed.csv") {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
  );
  const body = Buffer.concat([head, file, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
  const read = { bytes: 0 };
  let at = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= body.length) return controller.close();
      const chunk = body.subarray(at, at + CHUNK);
      at += chunk.length;
      read.bytes += chunk.length;
      controller.enqueue(new Uint8Array(chunk));
    },
  });
  return { stream, read, size: body.length };
}

function post(
  body: ReadableStream<Uint8Array> | string,
  accept: string,
  contentType = `multipart/form-data; boundary=${BOUNDARY}`,
) {
  return POST(
    new Request("http://localhost/api/uploads/failed-payments", {
      method: "POST",
      body,
      headers: { "Content-Type": contentType, Accept: accept },
      duplex: "half",
    } as RequestInit),
  );
}

describe("POST /api/uploads/failed-payments", () => {
  it("asks a signed-out caller to sign in, and refuses other roles and a one-time password", async () => {
    signedIn = null;
    expect((await post("{}", "*/*", "application/json")).status).toBe(401);
    signedIn = { ...finance, role: "CASEWORKER" };
    expect((await post("{}", "*/*", "application/json")).status).toBe(403);
    signedIn = { ...finance, mustChangePassword: true };
    expect((await post("{}", "*/*", "application/json")).status).toBe(403);
    expect(await db().upload.count()).toBe(0);
  });

  it("records a post with no file in it, and answers 400", async () => {
    signedIn = finance;
    const response = await post("{}", "*/*", "application/json");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      result: { ok: false, data: { status: "REJECTED", errors: [{ lineNo: 0, message: "Choose a file to upload" }] } },
    });
    expect(await db().upload.findFirst({ where: { status: "REJECTED" } })).toMatchObject({ message: "Choose a file to upload" });
  });

  it("streams the page's upload: progress lines, then the result", async () => {
    signedIn = finance;
    const { stream } = form(Buffer.from(`${failedLine(batch, 1)}\n${failedLine(batch, 2)}\n`));
    const response = await post(stream, "application/x-ndjson");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/x-ndjson");
    const lines = (await response.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.slice(0, -1).map((l) => l.progress?.stage)).toEqual(["matching", "applying"]);
    expect(lines.at(-1)).toEqual({
      result: {
        ok: true,
        message:
          "2 payments marked as failed, £20.03: R000001-01 £10.01 (Account closed), R000002-01 £10.02 (Account closed). " +
          "The claims are back with caseworkers for new bank details.",
        data: { uploadId: expect.any(String), status: "APPLIED" },
      },
    });
    expect(await db().payment.count({ where: { status: "FAILED" } })).toBe(2);
  });

  it("sends a form posted without JavaScript back to the page with the upload's id", async () => {
    signedIn = finance;
    const { stream } = form(Buffer.from(`${failedLine(batch, 3)}\n${failedLine(batch, 3)}\n`), "twice.csv");
    const response = await post(stream, "text/html,application/xhtml+xml");
    expect(response.status).toBe(303);
    const location = response.headers.get("location")!;
    expect(location).toMatch(/^\/bank-admin\?upload=[0-9a-f-]{36}#upload-result$/);
    const uploadId = new URLSearchParams(location.split("?")[1].split("#")[0]).get("upload")!;
    const { loadUploadResult } = await import("@/app/(portal)/_actions/upload-result");
    expect(await loadUploadResult(db(), uploadId, "SSCL_FAILED_PAYMENTS")).toMatchObject({
      ok: false,
      message: "The file has 2 errors. Nothing was changed: correct the file and upload it again.",
      data: { status: "REJECTED", errors: [{ lineNo: 1 }, { lineNo: 2 }] },
    });
  });

  it("refuses a file over UPLOAD_MAX_MB after reading the limit plus a chunk, and records the attempt", async () => {
    signedIn = finance;
    const big = Buffer.alloc(3 * 1024 * 1024, `${failedLine(batch, 3)}\n`);
    const { stream, read, size } = form(big, "big.csv");
    const response = await post(stream, "application/json");
    expect(response.status).toBe(400);
    // The rest of the body is never read: the connection closes once the answer is out.
    expect(response.headers.get("connection")).toBe("close");
    expect(await response.json()).toMatchObject({
      result: { data: { errors: [{ lineNo: 0, message: expect.stringMatching(/^The file is larger than 1 MB/) }] } },
    });
    expect(read.bytes).toBeLessThanOrEqual(1024 * 1024 + 2 * CHUNK);
    expect(read.bytes).toBeLessThan(size);
    const record = await db().upload.findFirstOrThrow({ where: { fileName: "big.csv" } });
    expect(record).toMatchObject({ status: "REJECTED", uploadedById: finance.id });
    expect(record.byteSize).toBeLessThanOrEqual(1024 * 1024 + CHUNK);
  });
});
