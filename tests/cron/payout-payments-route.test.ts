// GET /api/cron/payout-payments end to end against a real database, a local file store and the
// local outbox folder (no SFTP settings): the bearer secret is checked, and the configured run
// delivers what is waiting.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { decideClaim } from "@/lib/claims/decide-claim";
import { lineFieldName } from "@/lib/claims/rules/decide-lines";
import { makeClaim, formReader } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db, url } = useTestDatabase();
const key = randomBytes(32);
const secret = randomBytes(32).toString("base64url");

async function loadRoute(env: Record<string, string | undefined>) {
  vi.resetModules();
  delete (globalThis as { prisma?: unknown }).prisma;
  Object.assign(process.env, env);
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete process.env[name];
  return import("@/app/api/cron/payout-payments/route");
}

const call = (GET: (r: Request) => Promise<Response>, authorization?: string) =>
  GET(new Request("http://localhost/api/cron/payout-payments", { headers: authorization ? { authorization } : {} }));

describe("GET /api/cron/payout-payments", () => {
  let env: Record<string, string | undefined>;
  let outbox: string;
  beforeAll(() => {
    const files = mkdtempSync(path.join(tmpdir(), "disburse-cron-"));
    chmodSync(files, 0o755);
    outbox = path.join(mkdtempSync(path.join(tmpdir(), "disburse-cron-outbox-")), "payout-outbox");
    env = {
      DISBURSE_MODE: "production",
      DATABASE_URL: url(),
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      BANK_DETAILS_KEY: key.toString("base64"),
      CRON_SECRET: secret,
      FILE_STORE_DIR: files,
      AZURE_STORAGE_CONNECTION_STRING: undefined,
      PAYOUT_OUTBOX_DIR: outbox,
      PAYOUT_SFTP_HOST: undefined,
      PAYOUT_FILE_PREFIX: "APVS_",
      PAYOUT_FILE_SUFFIX: "_PAYOUT",
    };
  });

  it("answers 500 and runs nothing when no cron secret is configured", async () => {
    const { GET } = await loadRoute({ ...env, CRON_SECRET: undefined });
    const response = await call(GET, `Bearer ${secret}`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: "cron secret not configured" });
    expect(await db().run.count()).toBe(0);
  });

  it("answers 401 without the bearer secret or with a wrong one", async () => {
    const { GET } = await loadRoute(env);
    for (const authorization of [undefined, "Bearer wrong", secret, `Bearer ${secret}x`]) {
      expect((await call(GET, authorization)).status).toBe(401);
    }
    expect(await db().run.count()).toBe(0);
  });

  it("runs: EMPTY with nothing to pay, then delivers an approved cash claim's payment to the outbox folder", async () => {
    const { GET } = await loadRoute(env);
    const empty = await call(GET, `Bearer ${secret}`);
    expect(empty.status).toBe(200);
    expect(await empty.json()).toMatchObject({ kind: "PAYOUT", status: "EMPTY", payments: 0, files: [] });

    const caseworker = await makeUser(db(), { role: "CASEWORKER" });
    const { claim } = await makeClaim(db(), key, { method: "CASH", bank: null, lines: [1240, 3000] });
    const read = formReader(Object.fromEntries(claim.expenses.map((l) => [lineFieldName(l.id, "decision"), "APPROVE"])));
    await decideClaim({
      db: db(),
      key,
      reference: claim.reference,
      expectedVersion: 0,
      read,
      actor: { id: caseworker.id, email: caseworker.email, name: caseworker.name },
    });

    const paid = await call(GET, `Bearer ${secret}`);
    expect(paid.status).toBe(200);
    const summary = await paid.json();
    expect(summary).toMatchObject({ kind: "PAYOUT", status: "SUCCEEDED", payments: 1, totalPence: 4240 });
    const [file] = summary.files;
    expect(file).toMatchObject({
      kind: "PAYOUT_CSV",
      lineCount: 1,
      fileName: expect.stringMatching(/^APVS_\d{8}_001_PAYOUT\.csv$/),
    });
    expect(readdirSync(outbox)).toEqual([file.fileName]);
    const line = readFileSync(path.join(outbox, file.fileName), "ascii");
    const payment = await db().payment.findFirstOrThrow({ where: { claimId: claim.id } });
    expect(line).toBe(
      `42.40,,Ada,Lovelace,1 High Street,Leeds,West Yorkshire,England,LS1 1AA,2,,,${payment.reference},,,,,,NOMS1086-LET-003,,,01 11 2026\n`,
    );
    expect(payment).toMatchObject({ status: "SENT" });
    expect(await db().batch.findFirstOrThrow({ where: { runId: summary.runId } })).toMatchObject({
      status: "DELIVERED",
      deliveryTarget: outbox,
    });
  });
});
