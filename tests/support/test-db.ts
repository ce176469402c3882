// Each integration test file gets its own database, copied from the migrated template.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createDb, poolOf } from "@/lib/db/create-db";
import { copyDatabase, dropDatabase } from "./test-database.mts";

export function databaseUrl(name: string): string {
  const u = new URL(process.env.TEST_PG_URL!);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const server = process.env.TEST_PG_URL;
  const template = process.env.TEST_PG_TEMPLATE;
  if (!server || !template)
    throw new Error(
      "TEST_PG_URL and TEST_PG_TEMPLATE are not set: a test that needs PostgreSQL belongs in the integration project (see vitest.config.mts)",
    );
  const name = `${process.env.TEST_PG_PREFIX ?? template.replace(/_tpl$/, "")}_${randomBytes(4).toString("hex")}`;
  await copyDatabase(server, template, name);
  return { name, url: databaseUrl(name), drop: () => dropDatabase(server, name) };
}

/** A fresh database for this test file and a Prisma client on it; dropped after the file. */
export function useTestDatabase(): { db: () => PrismaClient; url: () => string } {
  let client: PrismaClient | undefined;
  let handle: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase();
    client = createDb(handle.url);
  });
  afterAll(async () => {
    await client?.$disconnect();
    if (client) {
      const pool = poolOf(client);
      // pool.end() resolves before its connections have closed, so dropping the database (WITH
      // FORCE) can still terminate one: its error is expected here, not an unhandled error.
      pool.on("error", () => {});
      await pool.end();
    }
    await handle?.drop();
  });
  return {
    db: () =>
      client ??
      (() => {
        throw new Error("test database not ready");
      })(),
    url: () => handle!.url,
  };
}
