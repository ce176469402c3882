// The document intake (POST /api/claims/<reference>/documents) against hostile files and forms:
// every one is answered 4xx with a message, keeps no file in the store and changes no row (the
// token's lastUsedAt and the audit record of an infected attempt aside, both by design). Callers
// without a valid token get 401. Ends with the corpora's summary line (tests/security/abuse-support.ts).
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { makeClaim } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { useFreshRoutes } from "../support/fresh-routes";
import { useClamd } from "../support/use-clamd";
import { useTestDatabase } from "../support/test-db";
import { hasMessage, newTally, reportTally, rowsChanged, snapshot, type Bookkeeping } from "../security/abuse-support";
import { EICAR, EXE, filesUnder, INFECTED_PNG, INFECTED_PNG_SIGNATURE, JPEG, multipart, PDF, PNG } from "./document-fixtures";

const { db, url } = useTestDatabase();
const clamd = useClamd([INFECTED_PNG_SIGNATURE]);
const fresh = useFreshRoutes();
const key = randomBytes(32);
const files = mkdtempSync(path.join(tmpdir(), "disburse-document-abuse-"));
chmodSync(files, 0o755);
const tally = newTally();
// The token's lastUsedAt is stamped on every call; an infected file's attempt is recorded on purpose.
const BOOKKEEPING: Bookkeeping = { ApiToken: "true", AuditLog: "action = 'claim.document-infected'" };

let post: (reference: string, request: Request) => Promise<Response>;
let reference: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const routes = await fresh(
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
    },
    () => import("@/app/api/claims/[reference]/documents/route"),
  );
  post = (ref, request) => routes.POST(request, { params: Promise.resolve({ reference: ref }) });
  reference = (await makeClaim(db(), key)).claim.reference;
  const admin = await makeUser(db(), { role: "ADMIN" });
  const actor = { id: admin.id, email: admin.email };
  tokens.valid = (await createApiToken({ db: db(), actor, name: "Online service" })).token;
  const revoked = await createApiToken({ db: db(), actor, name: "Old service" });
  await revokeApiToken({ db: db(), actor, tokenId: revoked.id, now: new Date() });
  tokens.revoked = revoked.token;
});

afterAll(() => reportTally(tally));

const latin1 = (s: string) => Buffer.from(s, "latin1");
const file = (name: string, bytes: Uint8Array, type?: string) => multipart({ name, bytes, type });

/** A form body by hand, for shapes multipart() will not make. */
function rawForm(text: string, boundary = "XyZ"): { body: Buffer; contentType: string } {
  return { body: latin1(text), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** 200 MB of zeros after a form's start, offered 64 KB at a time; `pulls` counts chunks taken. */
let pulls = 0;
function endless(): ReadableStream<Uint8Array> {
  const { body } = file("big.pdf", PDF);
  const start = body.subarray(0, body.indexOf(latin1("%PDF")) + 5);
  pulls = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array(start));
    },
    pull(controller) {
      if (++pulls > 3200) return controller.close();
      controller.enqueue(new Uint8Array(64 * 1024));
    },
  });
}

type Hostile = {
  name: string;
  form: () => { body: Buffer | ReadableStream<Uint8Array>; contentType: string };
  headers?: Record<string, string>;
  status: number;
  reference?: string;
};

const streamedForm = () => ({ body: endless(), contentType: file("big.pdf", PDF).contentType });

const HOSTILE: Hostile[] = [
  // Viruses, whatever they are named or claim to be.
  { name: "EICAR named receipt.png", form: () => file("receipt.png", EICAR, "image/png"), status: 422 },
  { name: "EICAR named ticket.pdf", form: () => file("ticket.pdf", EICAR, "application/pdf"), status: 422 },
  { name: "an infected file that is a real PNG", form: () => file("photo.png", INFECTED_PNG, "image/png"), status: 422 },
  // Not an allowed type, whatever the name and the declared type say.
  { name: "a Windows program renamed .png", form: () => file("holiday.png", EXE, "image/png"), status: 400 },
  {
    name: "a Linux program renamed .pdf",
    form: () => file("ticket.pdf", latin1("\x7fELF\x02\x01\x01\0"), "application/pdf"),
    status: 400,
  },
  {
    name: "an HTML page with a script, named .png",
    form: () => file("x.png", latin1("<html><script>alert(1)</script>"), "image/png"),
    status: 400,
  },
  {
    name: "an SVG with a script",
    form: () => file("x.svg", latin1('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), "image/svg+xml"),
    status: 400,
  },
  { name: "a GIF", form: () => file("x.gif", latin1("GIF89a\x01\0\x01\0\0\0\0;"), "image/gif"), status: 400 },
  {
    name: "a zip bomb named .pdf",
    form: () => file("x.pdf", Buffer.concat([latin1("PK\x03\x04"), gzipSync(Buffer.alloc(512 * 1024))])),
    status: 400,
  },
  {
    name: "a Word document named .pdf",
    form: () => file("letter.pdf", latin1("PK\x03\x04\x14\0\x06\0[Content_Types].xml")),
    status: 400,
  },
  { name: "a PDF header after a space (a polyglot)", form: () => file("x.pdf", latin1(" %PDF-1.4\n%%EOF")), status: 400 },
  {
    name: "an HTML page with a PDF header later on",
    form: () => file("x.pdf", latin1("<html>\n%PDF-1.4\n<script>1</script>")),
    status: 400,
  },
  { name: "%PDF without its version", form: () => file("x.pdf", latin1("%PDF\n%%EOF")), status: 400 },
  { name: "a PNG signature cut short", form: () => file("x.png", PNG.subarray(0, 7)), status: 400 },
  { name: "a JPEG start cut short", form: () => file("x.jpg", JPEG.subarray(0, 2)), status: 400 },
  {
    name: "a PHP web shell named shell.php.jpg",
    form: () => file("shell.php.jpg", latin1("<?php system($_GET['c']); ?>"), "image/jpeg"),
    status: 400,
  },
  { name: "JavaScript named .jpg", form: () => file("x.jpg", latin1("fetch('/api/claims')"), "image/jpeg"), status: 400 },
  { name: "RTF named .pdf", form: () => file("x.pdf", latin1("{\\rtf1\\ansi hello}")), status: 400 },
  { name: "UTF-16 text with a BOM named .pdf", form: () => file("x.pdf", Buffer.from("\uFEFF%PDF-1.4", "utf16le")), status: 400 },
  // Size.
  { name: "an empty file", form: () => file("x.png", Buffer.alloc(0)), status: 400 },
  {
    name: "a PDF of 2 MB (the limit is 1 MB)",
    form: () => file("x.pdf", Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024)])),
    status: 400,
  },
  { name: "a streamed 200 MB PDF", form: streamedForm, status: 400 },
  {
    name: "a declared Content-Length of 200 MB",
    form: () => file("x.png", PNG),
    headers: { "Content-Length": "209715200" },
    status: 400,
  },
  // Forms that are not what they should be.
  { name: "no file part", form: () => multipart(null, { message: "hello" }), status: 400 },
  { name: "a file input left empty", form: () => multipart({ name: "", bytes: Buffer.alloc(0) }), status: 400 },
  {
    name: "the file in a field not named file",
    form: () =>
      rawForm(
        `--XyZ\r\nContent-Disposition: form-data; name="document"; filename="r.png"\r\n\r\n${PNG.toString("latin1")}\r\n--XyZ--\r\n`,
      ),
    status: 400,
  },
  {
    name: "a JSON body",
    form: () => ({ body: latin1('{"file":"iVBORw0KGgo="}'), contentType: "application/json" }),
    status: 400,
  },
  {
    name: "multipart without a boundary",
    form: () => ({ body: file("r.png", PNG).body, contentType: "multipart/form-data" }),
    status: 400,
  },
  {
    name: "the wrong boundary",
    form: () => ({ body: file("r.png", PNG).body, contentType: "multipart/form-data; boundary=nope" }),
    status: 400,
  },
  {
    name: "a form cut off inside the file",
    form: () =>
      rawForm(`--XyZ\r\nContent-Disposition: form-data; name="file"; filename="r.png"\r\n\r\n${PNG.toString("latin1")}`),
    status: 400,
  },
  {
    name: "two files, the first infected and the second clean",
    form: () =>
      rawForm(
        `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n${EICAR.toString("latin1")}\r\n` +
          `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="b.png"\r\n\r\n${PNG.toString("latin1")}\r\n--XyZ--\r\n`,
      ),
    status: 422,
  },
  {
    name: "a part without Content-Disposition",
    form: () => rawForm(`--XyZ\r\nContent-Type: image/png\r\n\r\n${PNG.toString("latin1")}\r\n--XyZ--\r\n`),
    status: 400,
  },
  // Where it is sent.
  { name: "a clean PNG for no such claim", form: () => file("r.png", PNG), status: 404, reference: "ZZZZZZZ" },
  {
    name: "a clean PNG for a reference with a path in it",
    form: () => file("r.png", PNG),
    status: 404,
    reference: "../../admin",
  },
];

function request(ref: string, hostile: Pick<Hostile, "form" | "headers">, authorization: string | null): Request {
  const { body, contentType } = hostile.form();
  const headers = new Headers({ "Content-Type": contentType, ...hostile.headers });
  if (authorization) headers.set("Authorization", authorization);
  const payload = body instanceof ReadableStream ? body : new Uint8Array(body);
  return new Request(`http://127.0.0.1:3000/api/claims/${ref}/documents`, {
    method: "POST",
    headers,
    body: payload,
    duplex: "half",
  } as RequestInit);
}

async function expectRefused(label: string, send: () => Promise<Response>, status: number) {
  const before = await snapshot(db(), BOOKKEEPING);
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
  tally.rowsChanged += n;
  tally.inputs += 1;
  if (response.status !== status || !hasMessage(answer) || n > 0) {
    tally.unexpected.push(`${label}: ${response.status} ${text.slice(0, 200)} ${JSON.stringify(changed)}`);
  }
}

describe("the document intake refuses hostile files", () => {
  it("has at least 30 hostile documents", () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(30);
  });

  it("answers every caller without a valid token 401", async () => {
    tally.routes.add("POST /api/claims/<reference>/documents");
    const callers: Record<string, string | null> = {
      "no token": null,
      malformed: "Basic dXNlcjpwYXNz",
      unknown: `Bearer ${tokens.valid.slice(0, -4)}AAAA`,
      revoked: `Bearer ${tokens.revoked}`,
    };
    for (const [caller, authorization] of Object.entries(callers)) {
      tally.roles.add(caller);
      await expectRefused(
        `${caller} caller`,
        () => post(reference, request(reference, { form: () => file("r.png", PNG) }, authorization)),
        401,
      );
    }
  });

  it("refuses each hostile file 4xx with a message, keeping nothing", async () => {
    tally.roles.add("valid token");
    for (const hostile of HOSTILE) {
      const ref = hostile.reference ?? reference;
      await expectRefused(hostile.name, () => post(ref, request(ref, hostile, `Bearer ${tokens.valid}`)), hostile.status);
    }
    // The streamed 200 MB body was cut off at the limit, not read to its end.
    expect(pulls).toBeGreaterThan(0);
    expect(pulls).toBeLessThan(20);
    expect(filesUnder(files)).toEqual([]);
    expect(await db().claimDocument.count()).toBe(0);
    // Each infected file's attempt is on record, with what was found.
    const infected = await db().auditLog.findMany({ where: { action: "claim.document-infected" } });
    expect(infected.map((a) => (a.after as { signature: string }).signature).sort()).toEqual([
      "Test.EICAR.UNOFFICIAL",
      "Test.EICAR.UNOFFICIAL",
      "Test.EICAR.UNOFFICIAL",
      "Test.InfectedPng.UNOFFICIAL",
    ]);
  });
});
