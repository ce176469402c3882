// The intake API against hostile input: every request below is answered 4xx (never 5xx) with a
// message, and changes no row of any table (the API token's own lastUsedAt aside). Both routes,
// POST /api/claims and POST /api/claims/<reference>/responses, are tried with every kind of caller
// (no token, malformed, unknown, revoked, valid); the valid caller then sends each hostile body.
// The file ends by printing one summary line built from these counts.
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { MAX_JSON_BODY_BYTES } from "@/lib/api/json-body";
import { MAX_JSON_DEPTH } from "@/lib/json/read-json-text";
import { validBody, type AnyBody } from "@/lib/claims/intake/test-fixtures";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { loadApiRoutes, newIdempotencyKey } from "../api/api-test-support";
import { hasMessage, newTally, reportTally, rowsChanged, snapshot, type Bookkeeping } from "./abuse-support";

const { db, url } = useTestDatabase();
let routes: Awaited<ReturnType<typeof loadApiRoutes>>;
const tokens: Record<string, string | null> = {};
const tally = newTally();
// verifyApiToken stamps the token's lastUsedAt on every call: bookkeeping, not a change.
const BOOKKEEPING: Bookkeeping = { ApiToken: "true" };

beforeAll(async () => {
  routes = await loadApiRoutes(url());
  const admin = await makeUser(db(), { role: "ADMIN" });
  const actor = { id: admin.id, email: admin.email };
  tokens.valid = (await createApiToken({ db: db(), actor, name: "Online service" })).token;
  const revoked = await createApiToken({ db: db(), actor, name: "Old service" });
  await revokeApiToken({ db: db(), actor, tokenId: revoked.id, now: new Date() });
  tokens.revoked = revoked.token;
  tokens.unknown = `${tokens.valid.slice(0, -4)}AAAA`;
});

afterAll(() => reportTally(tally));

const utf8 = (text: string) => Buffer.from(text, "utf8");
const json = (body: unknown) => utf8(JSON.stringify(body));
function withBody(change: (b: AnyBody) => void): Buffer {
  const body = validBody();
  change(body);
  return json(body);
}
/** The valid body's JSON text with `from` replaced by raw bytes. */
function withBytes(from: string, bytes: number[]): Buffer {
  const text = JSON.stringify(validBody());
  const at = text.indexOf(from);
  return Buffer.concat([utf8(text.slice(0, at)), Buffer.from(bytes), utf8(text.slice(at + from.length))]);
}

type Body = Buffer | (() => ReadableStream<Uint8Array>);
type Hostile = { name: string; body: Body; headers?: Record<string, string>; expect?: number };

/** 200 MB of spaces, offered 64 KB at a time; each stream's count of chunks taken is kept in `pulls`. */
const pulls: number[] = [];
function endless(): () => ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  return () => {
    const at = pulls.push(0) - 1;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls[at] === 3_200) return controller.close();
        pulls[at] += 1;
        controller.enqueue(chunk);
      },
    });
  };
}
const streamed = endless();

// A zip holding a file of zeros, as an attacker might send for "a document": bytes, never unpacked.
const zipBomb = Buffer.concat([Buffer.from("PK\u0003\u0004", "latin1"), gzipSync(Buffer.alloc(10 * 1024 * 1024))]);

const HOSTILE: Hostile[] = [
  // Size.
  { name: "a 2 MB body", body: withBody((b) => (b.expenses[0].description = "x".repeat(2 * 1024 * 1024))), expect: 413 },
  { name: "a streamed 200 MB body", body: streamed, expect: 413 },
  {
    name: "a declared Content-Length of 200 MB",
    body: json(validBody()),
    headers: { "Content-Length": "209715200" },
    expect: 413,
  },
  { name: "a body one byte over the limit", body: Buffer.alloc(MAX_JSON_BODY_BYTES + 1, 0x20), expect: 413 },
  // Bytes that are not UTF-8 JSON.
  { name: "binary (a PNG header)", body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) },
  { name: "a zip file", body: zipBomb },
  { name: "gzip-compressed JSON", body: gzipSync(json(validBody())) },
  { name: "UTF-16LE with a BOM", body: Buffer.from(`\uFEFF${JSON.stringify(validBody())}`, "utf16le") },
  { name: "UTF-16BE with a BOM", body: Buffer.from(`\uFEFF${JSON.stringify(validBody())}`, "utf16le").swap16() },
  { name: "Latin-1 é in a name", body: withBytes("Ada", [0x41, 0xe9]) },
  { name: "a surrogate encoded as UTF-8 (CESU-8)", body: withBytes("Ada", [0xed, 0xa0, 0x80]) },
  { name: "an overlong encoding", body: withBytes("Ada", [0xc0, 0xaf]) },
  { name: "a raw NUL byte", body: withBytes("Ada", [0x41, 0x00]) },
  // Text PostgreSQL cannot hold, sent as JSON escapes.
  { name: "NUL in the first name", body: withBody((b) => (b.claimant.firstName = "Ada\u0000")) },
  { name: "NUL in an expense description", body: withBody((b) => (b.expenses[0].description = "\u0000")) },
  { name: "NUL in a key", body: withBody((b) => (b.claimant["first\u0000Name"] = "x")) },
  { name: "a lone high surrogate in the last name", body: withBody((b) => (b.claimant.lastName = "Love\ud800lace")) },
  { name: "a lone low surrogate in the town", body: withBody((b) => (b.claimant.address.town = "\udc00Leeds")) },
  // Spoofable names.
  { name: "a right-to-left override in the first name", body: withBody((b) => (b.claimant.firstName = "Ada\u202Egpj.exe")) },
  { name: "a right-to-left isolate in the last name", body: withBody((b) => (b.claimant.lastName = "\u2067Lovelace")) },
  { name: "a zero-width space in the last name", body: withBody((b) => (b.claimant.lastName = "Love\u200Blace")) },
  { name: "a zero-width joiner in an address line", body: withBody((b) => (b.claimant.address.line1 = "1 High\u200D Street")) },
  {
    name: "a byte order mark inside the name on the account",
    body: withBody((b) => (b.bankDetails.nameOnAccount = "A\uFEFFLovelace")),
  },
  { name: "a left-to-right mark in the country", body: withBody((b) => (b.claimant.address.country = "Eng\u200Eland")) },
  { name: "an escape sequence in the county", body: withBody((b) => (b.claimant.address.county = "\u001B[31mRed")) },
  { name: "a tab in the first name", body: withBody((b) => (b.claimant.firstName = "A\tda")) },
  // Shapes JSON allows and readers disagree on, or that cost work.
  { name: `JSON nested 400,000 deep`, body: utf8("[".repeat(400_000) + "]".repeat(400_000)) },
  {
    name: `objects nested ${MAX_JSON_DEPTH + 1} deep`,
    body: utf8('{"a":'.repeat(MAX_JSON_DEPTH + 1) + "1" + "}".repeat(MAX_JSON_DEPTH + 1)),
  },
  {
    name: "a duplicate top-level key",
    body: utf8(JSON.stringify(validBody()).replace('"paymentMethod":"BANK"', '"paymentMethod":"CASH","paymentMethod":"BANK"')),
  },
  {
    name: "a duplicate nested key",
    body: utf8(JSON.stringify(validBody()).replace('"firstName":"Ada"', '"firstName":"Ada","firstName":"Eve"')),
  },
  { name: "__proto__ as a key", body: utf8(JSON.stringify(validBody()).replace("{", '{"__proto__":{"isAdmin":true},')) },
  { name: "10,000 expense lines", body: withBody((b) => (b.expenses = Array.from({ length: 10_000 }, () => b.expenses[0]))) },
  { name: "a 500,000-character key", body: withBody((b) => (b["k".repeat(500_000)] = 1)) },
  { name: "an empty body", body: Buffer.alloc(0) },
  { name: "null", body: utf8("null") },
  { name: "a list", body: utf8("[]") },
  { name: "trailing garbage", body: utf8(`${JSON.stringify(validBody())}x`) },
  { name: "NaN as an amount", body: utf8(JSON.stringify(validBody()).replace('"amountPence":1240', '"amountPence":NaN')) },
  // Numbers and dates out of range.
  { name: "an amount of 1e400", body: utf8(JSON.stringify(validBody()).replace('"amountPence":1240', '"amountPence":1e400')) },
  {
    name: "an amount past 2^53",
    body: utf8(JSON.stringify(validBody()).replace('"amountPence":1240', '"amountPence":9007199254740993')),
  },
  { name: "a negative amount", body: withBody((b) => (b.expenses[0].amountPence = -1240)) },
  { name: "a fractional amount", body: withBody((b) => (b.expenses[0].amountPence = 12.4)) },
  { name: "an amount as text", body: withBody((b) => (b.expenses[0].amountPence = "1240")) },
  { name: "an event date in year 1", body: withBody((b) => (b.eventDate = "0001-01-01")) },
  { name: "an event date in 1999", body: withBody((b) => (b.eventDate = "1999-12-31")) },
  { name: "an event date in 9999", body: withBody((b) => (b.eventDate = "9999-12-31")) },
  { name: "an event date of 30 February", body: withBody((b) => (b.eventDate = "2026-02-30")) },
  { name: "a date of birth in year 0", body: withBody((b) => (b.claimant.dateOfBirth = "0000-01-01")) },
  { name: "a date of birth with a time", body: withBody((b) => (b.claimant.dateOfBirth = "1985-12-10T00:00:00Z")) },
];

/** A POST with the valid token unless `authorization` says otherwise. */
function request(path: string, hostile: Pick<Hostile, "body" | "headers">, authorization?: string | null): Request {
  const headers = new Headers({ "Content-Type": "application/json", "Idempotency-Key": newIdempotencyKey(), ...hostile.headers });
  const auth = authorization === undefined ? `Bearer ${tokens.valid}` : authorization;
  if (auth !== null) headers.set("Authorization", auth);
  const body = typeof hostile.body === "function" ? hostile.body() : new Uint8Array(hostile.body);
  return new Request(`http://127.0.0.1:3000${path}`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

const ROUTES = {
  "POST /api/claims": (r: Request) => routes.postClaim(r),
  // A well-formed reference of no claim: the body is read and checked before the claim is looked up.
  "POST /api/claims/<reference>/responses": (r: Request) => routes.postResponse("7KQ2M9X", r),
};
const PATHS = { "POST /api/claims": "/api/claims", "POST /api/claims/<reference>/responses": "/api/claims/7KQ2M9X/responses" };

async function expectRefused(route: keyof typeof ROUTES, label: string, send: () => Promise<Response>, status?: number) {
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
  const ok = (status ? response.status === status : response.status >= 400 && response.status < 500) && hasMessage(answer);
  if (!ok || n > 0)
    tally.unexpected.push(`${route} ${label}: ${response.status} ${text.slice(0, 200)} ${JSON.stringify(changed)}`);
  return { status: response.status, answer };
}

describe("the intake API refuses hostile input", () => {
  it("answers every caller without a valid token 401, before reading the body", async () => {
    const callers: Record<string, string | null> = {
      "no token": null,
      malformed: "Basic dXNlcjpwYXNz",
      unknown: `Bearer ${tokens.unknown}`,
      revoked: `Bearer ${tokens.revoked}`,
    };
    for (const route of Object.keys(ROUTES) as (keyof typeof ROUTES)[]) {
      tally.routes.add(route);
      for (const [caller, authorization] of Object.entries(callers)) {
        tally.roles.add(caller);
        const from = pulls.length;
        await expectRefused(
          route,
          `as ${caller}`,
          () => ROUTES[route](request(PATHS[route], { body: streamed }, authorization)),
          401,
        );
        // At most the one chunk a stream queues up before anyone reads.
        expect(pulls.slice(from).every((n) => n <= 1)).toBe(true);
      }
      tally.roles.add("valid token");
    }
  });

  it.each(Object.keys(ROUTES) as (keyof typeof ROUTES)[])(
    "%s: every hostile body is a 4xx with a message and changes nothing",
    async (route) => {
      for (const hostile of HOSTILE) {
        tally.inputs += 1;
        await expectRefused(route, hostile.name, () => ROUTES[route](request(PATHS[route], hostile)), hostile.expect);
      }
    },
    120_000,
  );

  it("stopped reading every streamed 200 MB body just past the limit", () => {
    // Refused at the chunk that passed 1 MB (the 17th of 64 KB), plus the one the stream queued.
    expect(pulls.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...pulls)).toBeLessThanOrEqual(MAX_JSON_BODY_BYTES / (64 * 1024) + 2);
  });

  it("answers the findings with the message that names them", async () => {
    const post = (hostile: Pick<Hostile, "body" | "headers">) => routes.postClaim(request("/api/claims", hostile));
    expect(await (await post({ body: withBody((b) => (b.claimant.firstName = "Ada\u0000")) })).json()).toEqual({
      errors: { "claimant.firstName": ["Text must not contain a NUL character (\\u0000)"] },
    });
    expect(await (await post({ body: withBody((b) => (b.claimant.firstName = "Ada\u202E")) })).json()).toEqual({
      errors: { "claimant.firstName": ["First name must not contain hidden or direction-changing characters"] },
    });
    expect(await (await post({ body: utf8("[".repeat(400_000) + "]".repeat(400_000)) })).json()).toEqual({
      errors: { body: [`Objects and lists must not nest more than ${MAX_JSON_DEPTH} levels deep`] },
    });
    expect(await (await post({ body: withBody((b) => (b.eventDate = "1999-12-31")) })).json()).toEqual({
      errors: { eventDate: ["Event date must be 1 January 2000 or later"] },
    });
    const big = await post({ body: streamed });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: "The request body is larger than 1 MB, the most this API takes" });
  });

  it("still takes a good claim, with the intake's usual answer (id, reference and the person's reference)", async () => {
    const response = await routes.postClaim(request("/api/claims", { body: json(validBody()) }));
    expect(response.status).toBe(201);
    expect(Object.keys(await response.json()).sort()).toEqual(["claimant", "id", "reference"]);
  });
});
