// GET /api/cron/payout-payments end to end against a real database, a local file store and the
// local outbox folder (no SFTP settings): the bearer secret is checked, and the configured run
// delivers what is waiting.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { callCron, cronRouteEnv, itChecksTheCronSecret } from "../support/cron-route";
import { useFreshRoutes, type RouteEnv } from "../support/fresh-routes";
import { approveClaim } from "../support/approve-claim";
import { makeClaim } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db, url } = useTestDatabase();
const key = randomBytes(32);
const secret = randomBytes(32).toString("base64url");

const freshRoutes = useFreshRoutes();
const PATH = "/api/cron/payout-payments";
const loadRoute = (env: RouteEnv) => freshRoutes(env, () => import("@/app/api/cron/payout-payments/route"));
const call = (GET: (r: Request) => Promise<Response>, authorization?: string) => callCron(GET, PATH, authorization);

describe("GET /api/cron/payout-payments", () => {
  let env: RouteEnv;
  let outbox: string;
  beforeAll(() => {
    outbox = path.join(mkdtempSync(path.join(tmpdir(), "disburse-cron-outbox-")), "payout-outbox");
    env = {
      ...cronRouteEnv({ databaseUrl: url(), key, secret }),
      PAYOUT_OUTBOX_DIR: outbox,
      PAYOUT_SFTP_HOST: undefined,
      PAYOUT_FILE_PREFIX: "APVS_",
      PAYOUT_FILE_SUFFIX: "_PAYOUT",
    };
  });

  itChecksTheCronSecret({
    path: PATH,
    load: loadRoute,
    env: () => env,
    secret,
    nothingDone: async () => expect(await db().run.count()).toBe(0),
  });

  it("runs: EMPTY with nothing to pay, then delivers an approved cash claim's payment to the outbox folder", async () => {
    const { GET } = await loadRoute(env);
    const empty = await call(GET, `Bearer ${secret}`);
    expect(empty.status).toBe(200);
    expect(await empty.json()).toMatchObject({ kind: "PAYOUT", status: "EMPTY", payments: 0, files: [] });

    const caseworker = await makeUser(db(), { role: "CASEWORKER" });
    const { claim } = await makeClaim(db(), key, { method: "CASH", bank: null, lines: [1240, 3000] });
    await approveClaim(db(), key, claim, caseworker);

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
