// GET /api/payments/export.csv (docs/payment-search.md#the-csv-export): who may have it, the exact
// bytes of a small export, cells a spreadsheet would run made safe, the same filters as the list,
// every export audited with its filters and rows, and a large export streamed from a cursor:
// fetched as the client reads, released when it stops.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/auth/roles";
import { EXPORT_FETCH } from "@/lib/payments/export/open-payments-export";
import { useFreshRoutes } from "../../support/fresh-routes";
import { makeUser } from "../../support/make-user";
import { useTestDatabase } from "../../support/test-db";
import { CODE, FILE, IDS, makeClaimFor, makeSearchWorld } from "../search/payment-fixtures";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));

const { db, url } = useTestDatabase();
const freshRoutes = useFreshRoutes();

type Get = (request: Request) => Promise<Response>;
let GET: Get;
const users = {} as Record<Role, CurrentUser>;
let adaId: string;

async function download(user: CurrentUser | null, query = "") {
  signedIn = user;
  return GET(new Request(`http://test/api/payments/export.csv${query}`));
}

/** The body as sent, byte order mark included (Response.text() drops it). */
async function bodyText(response: Response): Promise<string> {
  return Buffer.from(await response.arrayBuffer()).toString("utf8");
}

const HEADER =
  "\uFEFFPayment reference,Payment UUID,Claim reference,Person reference,Paid to,Payment method,Status,Hold reason,Amount," +
  "Created (UK time),Sent (UK time),Paid (UK time),Failed (UK time),Failure reason,File name,Line\n";

beforeAll(async () => {
  ({ GET } = (await freshRoutes(
    {
      DATABASE_URL: url(),
      DISBURSE_MODE: "production",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      BANK_DETAILS_KEY: randomBytes(32).toString("base64"),
      BANK_DETAILS_LOOKUP_KEY: randomBytes(32).toString("base64"),
    },
    () => import("@/app/api/payments/export.csv/route"),
  )) as { GET: Get });
  for (const role of ["CASEWORKER", "SSCL_FINANCE", "ACCOUNTANT", "PLAN_MANAGER", "ADMIN"] as const) {
    const user = await makeUser(db(), { role });
    users[role] = { id: user.id, email: user.email, name: user.name, role, mustChangePassword: false };
  }
  ({
    ada: { id: adaId },
  } = await makeSearchWorld(db()));
});

describe("who may export", () => {
  it("401 signed out, 403 caseworkers and plan managers, 200 finance, accountants and admins", async () => {
    expect((await download(null)).status).toBe(401);
    expect((await download(users.CASEWORKER)).status).toBe(403);
    expect((await download(users.PLAN_MANAGER)).status).toBe(403);
    for (const role of ["SSCL_FINANCE", "ACCOUNTANT", "ADMIN"] as const) {
      const response = await download(users[role]);
      expect(response.status, role).toBe(200);
      await response.body?.cancel();
    }
  });
});

describe("the file", () => {
  it("is exactly these bytes for a claim's two payments, oldest first, with a dated name", async () => {
    const response = await download(users.SSCL_FINANCE, "?q=7kq2m9x");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="payments-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(response.body).toBeInstanceOf(ReadableStream);
    expect(await bodyText(response)).toBe(
      HEADER +
        `7KQ2M9X-01,${IDS.failed},7KQ2M9X,,Ada Lovelace,BANK,FAILED,,42.40,2026-11-18 09:00:00,2026-11-19 08:00:00,,2026-11-20 10:30:00,"'@SUM(1), account closed",,\n` +
        `7KQ2M9X-02,${IDS.reissue},7KQ2M9X,,Ada Lovelace,BANK,NEW,,42.40,2026-11-21 09:00:00,,,,,,\n`,
    );
  });

  it("names each payment's file and line, the file searched for first; never bank details or the payment code", async () => {
    const text = await bodyText(await download(users.ACCOUNTANT, `?q=${FILE}`));
    expect(text).toBe(
      HEADER +
        `9MS4P5Z-01,${IDS.inFile},9MS4P5Z,,Ada Lovelace,BANK,SENT,,9.99,2026-11-19 07:00:00,2026-11-20 08:00:00,,,,${FILE},1\n` +
        `5NT6Q7R-01,${IDS.secondInFile},5NT6Q7R,,Ada Lovelace,BANK,SENT,,1.00,2026-11-19 07:30:00,2026-11-20 08:00:00,,,,${FILE},2\n`,
    );
    const coded = await (await download(users.ACCOUNTANT, `?q=${CODE}`)).text();
    expect(coded).toContain(`"'=HYPERLINK(""http://evil.test"") Lovelace"`);
    expect(coded).not.toContain(CODE);
    expect(coded).not.toMatch(/(^|,)[=+@]/m);
  });

  it("holds what the list's filters find", async () => {
    const text = await (await download(users.ADMIN, "?status=SENT&method=BANK&batch=" + IDS.batch)).text();
    expect(
      text
        .split("\n")
        .slice(1, -1)
        .map((line) => line.split(",")[0]),
    ).toEqual(["9MS4P5Z-01", "5NT6Q7R-01"]);
    const voided = await (await download(users.ADMIN, "?createdTo=2026-11-17")).text();
    expect(voided).toContain(",6PV7R8S-01".slice(1));
    expect(voided).toContain("accesspay_20261119_080000.csv,1 (void)\n");
  });

  it("refuses a filter it cannot read rather than export more than was asked", async () => {
    const response = await download(users.ADMIN, "?createdFrom=2026-02-30&run=x");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: { createdFrom: ["Created from must be a real date"], run: ["Enter a run ID, as /runs shows it"] },
    });
  });

  it("is audited: who, which filters, how many rows", async () => {
    const before = await db().auditLog.count({ where: { action: "payments.exported" } });
    await (await download(users.SSCL_FINANCE, "?status=sent&q=%20" + FILE + "%20")).text();
    const entries = await db().auditLog.findMany({ where: { action: "payments.exported" }, orderBy: { id: "asc" } });
    expect(entries).toHaveLength(before + 1);
    const last = entries[entries.length - 1];
    expect([last.actorId, last.actorLabel, last.entityType, last.after]).toEqual([
      users.SSCL_FINANCE.id,
      users.SSCL_FINANCE.email,
      "Payment",
      { filters: { q: FILE, status: "SENT" }, rows: 2 },
    ]);
  });
});

describe("a large export", () => {
  const ROWS = 50_000;

  beforeAll(async () => {
    // 50,000 failed payments of one claim (only live payments are one per claim), created in 2025
    // so that a date filter picks exactly them.
    const claim = await makeClaimFor(db(), adaId, "XXXXXXX");
    await db().$executeRaw`
      INSERT INTO "Payment" (id, reference, "personId", "claimId", method, "amountPence", status, "createdAt", "updatedAt")
      SELECT gen_random_uuid(), 'XXXXXXX-' || lpad(i::text, 6, '0'), ${adaId}::uuid, ${claim.id}::uuid, 'BANK', 1234, 'FAILED',
             TIMESTAMP '2025-01-01' + i * INTERVAL '1 second', now()
      FROM generate_series(1, ${ROWS}) i`;
  }, 300_000);

  async function exportConnection() {
    return db().$queryRaw<{ state: string; query: string }[]>`
      SELECT state, query FROM pg_stat_activity
      WHERE datname = current_database() AND query LIKE 'FETCH %' AND pid <> pg_backend_pid()`;
  }

  it("is read from a cursor as the client reads, and released when the client stops", async () => {
    const response = await download(users.ADMIN, "?createdTo=2025-12-31");
    const reader = response.body!.getReader();
    try {
      const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
      expect(decoder.decode((await reader.read()).value)).toBe(HEADER);
      const first = decoder.decode((await reader.read()).value);
      expect(first.split("\n").length - 1).toBe(EXPORT_FETCH);
      // The stream may ask for one fetch ahead of what was read, then waits for us: the cursor's
      // transaction stays open on the server with the rest of the rows unread.
      await vi.waitFor(async () =>
        expect(await exportConnection()).toEqual([
          { state: "idle in transaction", query: `FETCH ${EXPORT_FETCH} FROM payments_export` },
        ]),
      );
    } finally {
      await reader.cancel();
    }
    await vi.waitFor(async () => expect((await exportConnection()).map((c) => c.state)).not.toContain("idle in transaction"));
  });

  it(`streams all ${ROWS.toLocaleString("en-GB")} rows a fetch at a time, memory flat`, async () => {
    const response = await download(users.ADMIN, "?createdTo=2025-12-31");
    const reader = response.body!.getReader();
    const start = process.memoryUsage().heapUsed;
    let peak = start;
    let chunks = 0;
    let lines = 0;
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks += 1;
      bytes += value.byteLength;
      for (const byte of value) if (byte === 10) lines += 1;
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    expect(lines).toBe(ROWS + 1);
    expect(chunks).toBe(1 + ROWS / EXPORT_FETCH);
    const grewMb = (peak - start) / 2 ** 20;
    console.info(
      `payments export: ${ROWS} rows, ${(bytes / 2 ** 20).toFixed(1)} MB in ${chunks} chunks, heap grew at most ${grewMb.toFixed(1)} MB`,
    );
    // The whole file is ~8 MB of text and its rows far more as objects: a buffered export would show here.
    expect(grewMb).toBeLessThan(40);
    const [audit] = await db().auditLog.findMany({ where: { action: "payments.exported" }, orderBy: { id: "desc" }, take: 1 });
    expect(audit.after).toEqual({ filters: { createdTo: "2025-12-31" }, rows: ROWS });
  });
});
