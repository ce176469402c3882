// The support CLI in-process, as scripts/ops.mts runs it: runOps with the registry and the app's
// own Prisma client, loaded afresh (useFreshRoutes) with this file's settings, so the commands'
// configured services (config(), prisma) point at this test file's database and folders.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { cronRouteEnv } from "../support/cron-route";
import { useFreshRoutes, type RouteEnv } from "../support/fresh-routes";

export const OS_USER = "support-tester";

export type OpsResult = { code: number; out: string; err: string };

/** The settings the CLI reads: this database, the bank-details key, a file store and an outbox of their own. */
export function opsEnv(databaseUrl: string, key: Buffer): RouteEnv {
  return {
    ...cronRouteEnv({ databaseUrl, key, secret: "x".repeat(43) }),
    ADI_TEMPLATE_PATH: path.resolve(import.meta.dirname, "../../templates/adi-journal-demo.xlsx"),
    PAYOUT_OUTBOX_DIR: mkdtempSync(path.join(tmpdir(), "disburse-ops-outbox-")),
    PAYOUT_SFTP_HOST: undefined,
    AUTH_URL: "https://disburse.test",
  };
}

/**
 * `ops(argv, now)` runs one command line; `env()` is what it was loaded with. Loaded once for the
 * file (before its tests), so one Prisma client serves every call.
 */
export function useOps(env: () => RouteEnv) {
  const fresh = useFreshRoutes();
  const loaded: {
    current?: {
      runOps: typeof import("@/lib/ops/run-ops").runOps;
      commands: typeof import("@/lib/ops/commands").opsCommandList;
      db: PrismaClient;
    };
  } = {};
  beforeAll(async () => {
    loaded.current = await fresh(env(), async () => ({
      runOps: (await import("@/lib/ops/run-ops")).runOps,
      commands: (await import("@/lib/ops/commands")).opsCommandList,
      db: (await import("@/lib/db")).prisma,
    }));
  });
  return async function ops(argv: string[], now = new Date()): Promise<OpsResult> {
    const cli = loaded.current;
    if (!cli) throw new Error("useOps: not loaded yet");
    const out: string[] = [];
    const err: string[] = [];
    const code = await cli.runOps(argv, {
      db: cli.db,
      commands: cli.commands,
      osUser: OS_USER,
      now: () => now,
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    return { code, out: out.join("\n"), err: err.join("\n") };
  };
}

/** The audit rows the CLI wrote (action ops.*), oldest first. */
export async function opsAuditRows(db: PrismaClient) {
  return db.auditLog.findMany({ where: { action: { startsWith: "ops." } }, orderBy: { id: "asc" } });
}
