// GET /api/cron/retention end to end: the bearer secret is checked, and the configured policy
// (RETENTION_YEARS) erases who is due today and answers the run's counts.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { callCron, cronRouteEnv, itChecksTheCronSecret } from "../support/cron-route";
import { useFreshRoutes, type RouteEnv } from "../support/fresh-routes";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { seedPerson } from "./retention-people";

const { db, url } = useTestDatabase();
const key = randomBytes(32);
const secret = randomBytes(32).toString("base64url");
const freshRoutes = useFreshRoutes();
const PATH = "/api/cron/retention";
const loadRoute = (env: RouteEnv) => freshRoutes(env, () => import("@/app/api/cron/retention/route"));

const yearsAgo = (years: number) => new Date(Date.now() - years * 366 * 86_400_000);

describe("GET /api/cron/retention", () => {
  let env: RouteEnv;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    env = cronRouteEnv({ databaseUrl: url(), key, secret });
    const staff = await makeUser(db(), { role: "CASEWORKER" });
    ids.eight = await seedPerson(db(), key, { name: "Eight", createdAt: yearsAgo(8), bankDetails: true }, staff.id);
    ids.five = await seedPerson(db(), key, { name: "Five", createdAt: yearsAgo(5) }, staff.id);
  });

  itChecksTheCronSecret({
    path: PATH,
    load: loadRoute,
    env: () => env,
    secret,
    nothingDone: async () => {
      expect(await db().auditLog.count({ where: { action: { startsWith: "retention." } } })).toBe(0);
      expect(await db().claimant.count({ where: { erasedAt: { not: null } } })).toBe(0);
    },
  });

  it("erases who is due under RETENTION_YEARS, then nobody on the next run", async () => {
    const { GET } = await loadRoute({ ...env, RETENTION_YEARS: "7" });
    const response = await callCron(GET, PATH, `Bearer ${secret}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ years: 7, erased: 1, batches: 1, bankDetailsDeleted: 1 });
    expect(await db().claimant.findUniqueOrThrow({ where: { id: ids.eight } })).toMatchObject({
      firstName: "Erased",
      erasedAt: expect.any(Date),
    });
    expect(await db().claimant.findUniqueOrThrow({ where: { id: ids.five } })).toMatchObject({
      firstName: "Five",
      erasedAt: null,
    });

    const again = await callCron(GET, PATH, `Bearer ${secret}`);
    expect(await again.json()).toMatchObject({ years: 7, erased: 0, batches: 0 });

    // The default policy (6 years) still keeps the five-year-old record.
    const { GET: byDefault } = await loadRoute({ ...env, RETENTION_YEARS: undefined });
    expect(await (await callCron(byDefault, PATH, `Bearer ${secret}`)).json()).toMatchObject({ years: 6, erased: 0 });
  });
});
