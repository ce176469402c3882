// GET /api/cron/direct-payments end to end against a real database and a local file store:
// the bearer secret is checked (in constant time), and the configured run pays what is waiting.
import { randomBytes } from "node:crypto";
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
const PATH = "/api/cron/direct-payments";
const loadRoute = (env: RouteEnv) => freshRoutes(env, () => import("@/app/api/cron/direct-payments/route"));
const call = (GET: (r: Request) => Promise<Response>, authorization?: string) => callCron(GET, PATH, authorization);

describe("GET /api/cron/direct-payments", () => {
  let env: RouteEnv;
  beforeAll(() => {
    env = {
      ...cronRouteEnv({ databaseUrl: url(), key, secret }),
      ADI_TEMPLATE_PATH: path.resolve(import.meta.dirname, "../../templates/adi-journal-demo.xlsx"),
    };
  });

  itChecksTheCronSecret({
    path: PATH,
    load: loadRoute,
    env: () => env,
    secret,
    nothingDone: async () => expect(await db().run.count()).toBe(0),
  });

  it("runs: EMPTY with nothing to pay, then pays an approved claim's payment into stored files", async () => {
    const { GET } = await loadRoute(env);
    const empty = await call(GET, `Bearer ${secret}`);
    expect(empty.status).toBe(200);
    expect(await empty.json()).toMatchObject({ status: "EMPTY", payments: 0, files: [] });

    const caseworker = await makeUser(db(), { role: "CASEWORKER" });
    const { claim } = await makeClaim(db(), key, { lines: [1240, 3000] });
    await approveClaim(db(), key, claim, caseworker);

    const paid = await call(GET, `Bearer ${secret}`);
    expect(paid.status).toBe(200);
    const summary = await paid.json();
    expect(summary).toMatchObject({ status: "SUCCEEDED", payments: 1, totalPence: 4240 });
    expect(summary.files.map((f: { kind: string; lineCount: number }) => [f.kind, f.lineCount]).sort()).toEqual([
      ["ACCESSPAY_CSV", 1],
      ["ADI_JOURNAL", 2],
    ]);
    expect(await db().payment.findFirstOrThrow({ where: { claimId: claim.id } })).toMatchObject({ status: "SENT" });
  });
});
