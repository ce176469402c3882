import { afterAll, vi } from "vitest";
import { poolOf } from "@/lib/db/create-db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type RouteEnv = Record<string, string | undefined>;

/**
 * Loads route modules as a new server process would: with `env` in process.env (undefined:
 * unset) and every module loaded anew (vi.resetModules), so the app's settings are read again and
 * its Prisma client (cached on globalThis) is made again, on this test file's database. After the
 * file's tests the last such client and its pool are closed.
 */
export function useFreshRoutes(): <T>(env: RouteEnv, load: () => Promise<T>) => Promise<T> {
  afterAll(async () => {
    const client = (globalThis as { prisma?: PrismaClient }).prisma;
    if (!client) return;
    await client.$disconnect();
    // The pool is found by a global symbol, so this module's poolOf finds the route's pool too.
    await poolOf(client).end();
  });
  return async (env, load) => {
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    vi.resetModules();
    delete (globalThis as { prisma?: unknown }).prisma;
    return load();
  };
}
