// Bank Admin's data end to end against a real database and a local store: the download route
// streams the stored bytes and records each download (who, when, which file); the missed-download
// banner clears once both files have been downloaded; voided files are not offered to the bank.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { listBankAdminRuns } from "@/lib/direct-payments/bank-admin/list-bank-admin-runs";
import { loadMissedDownloads } from "@/lib/direct-payments/bank-admin/load-missed-downloads";
import { sha256Hex } from "@/lib/storage/file-store";
import { LocalFileStore } from "@/lib/storage/local-file-store";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { holidays, key, newBankPayments, run } from "../runs/run-test-support";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));

const { db, url } = useTestDatabase();
const files = mkdtempSync(path.join(tmpdir(), "disburse-bank-admin-"));
chmodSync(files, 0o755);
const store = new LocalFileStore(files);

async function loadRoute() {
  vi.resetModules();
  delete (globalThis as { prisma?: unknown }).prisma;
  Object.assign(process.env, {
    DISBURSE_MODE: "production",
    DATABASE_URL: url(),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    BANK_DETAILS_KEY: key.toString("base64"),
    BANK_DETAILS_LOOKUP_KEY: Buffer.alloc(32, 6).toString("base64"),
    FILE_STORE_DIR: files,
  });
  delete process.env.AZURE_STORAGE_CONNECTION_STRING;
  return (await import("@/app/api/files/[fileId]/route")).GET;
}

const get = (GET: Awaited<ReturnType<typeof loadRoute>>, fileId: string) =>
  GET(new Request(`http://localhost/api/files/${fileId}`), { params: Promise.resolve({ fileId }) });

describe("Bank Admin downloads", () => {
  let sscl: CurrentUser;
  beforeAll(async () => {
    const u = await makeUser(db(), { role: "SSCL_FINANCE", name: "Sam Sscl" });
    sscl = { id: u.id, email: u.email, name: u.name, role: "SSCL_FINANCE", mustChangePassword: false };
  });

  it("streams both files with their bytes, records every download, and clears the banner once both are downloaded", async () => {
    await newBankPayments(db(), 3);
    const startedAt = new Date("2026-11-23T00:00:00.000Z"); // Monday
    const summary = await run(db(), store, { now: startedAt });
    expect(summary.status).toBe("SUCCEEDED");
    const stored = await db().batchFile.findMany({ where: { batch: { runId: summary.runId! } }, orderBy: { kind: "asc" } });
    const monday = new Date("2026-11-23T09:00:00Z");

    expect(await loadMissedDownloads(db(), monday, holidays)).toEqual([
      { runId: summary.runId, startedAt, notDownloaded: stored.map((f) => f.fileName) },
    ]);

    const GET = await loadRoute();
    signedIn = sscl;
    const csv = await get(GET, stored[0].id);
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect(sha256Hex(bytes)).toBe(stored[0].sha256);
    expect(bytes.equals(await store.get(stored[0].storageKey))).toBe(true);
    expect(csv.headers.get("content-disposition")).toBe(
      `attachment; filename="${stored[0].fileName}"; filename*=UTF-8''${stored[0].fileName}`,
    );
    expect(csv.headers.get("content-type")).toBe(stored[0].contentType);
    expect(csv.headers.get("cache-control")).toBe("no-store");
    expect(csv.headers.get("repr-digest")).toBe(`sha-256=:${Buffer.from(stored[0].sha256, "hex").toString("base64")}:`);

    // One of two downloaded: still listed, naming the journal only.
    expect((await loadMissedDownloads(db(), monday, holidays))[0].notDownloaded).toEqual([stored[1].fileName]);
    expect((await get(GET, stored[1].id)).status).toBe(200);
    expect((await get(GET, stored[0].id)).status).toBe(200); // downloading again is recorded too
    expect(await loadMissedDownloads(db(), monday, holidays)).toEqual([]);

    const downloads = await db().fileDownload.findMany({ orderBy: { downloadedAt: "asc" } });
    expect(downloads.map((d) => [d.batchFileId, d.userId])).toEqual([
      [stored[0].id, sscl.id],
      [stored[1].id, sscl.id],
      [stored[0].id, sscl.id],
    ]);
    expect(await db().auditLog.count({ where: { action: "file.downloaded", actorId: sscl.id } })).toBe(3);

    const page = await listBankAdminRuns(db(), {});
    expect(page.runs).toHaveLength(1);
    const [batch] = page.runs[0].batches;
    expect(batch).toMatchObject({ status: "STORED", paymentCount: 3, totalPence: 1000 + 1001 + 1002 });
    expect(batch.files.map((f) => [f.kind, f.lineCount, f.totalPence, f.sha256, f.downloads.map((d) => d.by)])).toEqual([
      ["ACCESSPAY_CSV", 3, 3003, stored[0].sha256, ["Sam Sscl", "Sam Sscl"]],
      ["ADI_JOURNAL", 2, 3003, stored[1].sha256, ["Sam Sscl"]],
    ]);
  });

  it("answers 404 for an unknown file, 403 to other roles, and 409 for a voided file, recording nothing", async () => {
    const GET = await loadRoute();
    const before = await db().fileDownload.count();
    signedIn = sscl;
    expect((await get(GET, "6f1c1f36-5a43-4f3e-9d55-3c0a8d1f2b11")).status).toBe(404);
    expect((await get(GET, "not-a-uuid")).status).toBe(404);

    const file = await db().batchFile.findFirstOrThrow({ where: { kind: "ACCESSPAY_CSV" } });
    signedIn = { ...sscl, role: "CASEWORKER" };
    expect((await get(GET, file.id)).status).toBe(403);
    signedIn = null;
    expect((await get(GET, file.id)).status).toBe(401);

    await db().batchFile.update({ where: { id: file.id }, data: { isVoid: true } });
    signedIn = sscl;
    const refused = await get(GET, file.id);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({
      error: `${file.fileName} belongs to a voided batch and must not be sent to the bank`,
    });
    await db().batchFile.update({ where: { id: file.id }, data: { isVoid: false } });
    expect(await db().fileDownload.count()).toBe(before);
  });

  it("refuses to serve a stored file whose bytes are not the ones the run recorded", async () => {
    const GET = await loadRoute();
    const file = await db().batchFile.findFirstOrThrow({ where: { kind: "ADI_JOURNAL" } });
    const before = await db().fileDownload.count();
    await db().batchFile.update({ where: { id: file.id }, data: { sha256: "0".repeat(64) } });
    signedIn = sscl;
    await expect(get(GET, file.id)).rejects.toThrow(/has sha256 .* but the run recorded 0{64}/);
    expect(await db().fileDownload.count()).toBe(before);
    await db().batchFile.update({ where: { id: file.id }, data: { sha256: file.sha256 } });
  });

  it("pages through the whole history newest first and filters by London date", async () => {
    // Three more runs on later days; 20 per page, so make the page size visible with a filter.
    const starts = ["2026-11-24T00:00:00.000Z", "2026-11-25T00:00:00.000Z", "2026-11-25T23:30:00.000Z"];
    for (const at of starts) {
      await newBankPayments(db(), 1);
      expect((await run(db(), store, { now: new Date(at) })).status).toBe("SUCCEEDED");
    }
    const all = await listBankAdminRuns(db(), {});
    expect(all.runs.map((r) => r.startedAt.toISOString())).toEqual([...starts].reverse().concat("2026-11-23T00:00:00.000Z"));
    expect(all.older).toBeUndefined();
    expect(all.newer).toBeUndefined();

    // 23:30 UTC on 25 November is 25 November in London (GMT): a filter on the 25th has both.
    const day = await listBankAdminRuns(db(), { from: "2026-11-25", to: "2026-11-25" });
    expect(day.runs.map((r) => r.startedAt.toISOString())).toEqual(["2026-11-25T23:30:00.000Z", "2026-11-25T00:00:00.000Z"]);

    // Keyset positions: older than the newest run, then newer than the oldest.
    const older = await listBankAdminRuns(db(), { before: { startedAt: all.runs[0].startedAt, id: all.runs[0].id } });
    expect(older.runs.map((r) => r.id)).toEqual(all.runs.slice(1).map((r) => r.id));
    expect(older.newer).toEqual({ startedAt: all.runs[1].startedAt, id: all.runs[1].id });
    const last = all.runs[all.runs.length - 1];
    const newer = await listBankAdminRuns(db(), { after: { startedAt: last.startedAt, id: last.id } });
    expect(newer.runs.map((r) => r.id)).toEqual(all.runs.slice(0, -1).map((r) => r.id));
    expect(newer.older).toEqual({ startedAt: all.runs[2].startedAt, id: all.runs[2].id });
  });
});
