// vitest global setup: reuses the test server that `npm test` prepared (TEST_PG_URL and
// TEST_PG_TEMPLATE), or prepares one itself when vitest runs alone.
import { cleanupTestServer, prepareTestServer } from "./support/test-database.mts";

export default async function setup() {
  // prisma.config.ts prefers MIGRATION_DATABASE_URL: one left in the shell must not send a test's
  // Prisma CLI to another database.
  delete process.env.MIGRATION_DATABASE_URL;
  if (process.env.TEST_PG_URL && process.env.TEST_PG_TEMPLATE) return;
  // vitest reports a throwing global setup but still exits 0, so a database that cannot be
  // prepared must stop the run outright.
  const server = await prepareTestServer((m) => console.log(`[test db] ${m}`)).catch((error: Error) => {
    console.error(`[test db] ${error.message}`);
    process.exit(1);
  });
  process.env.TEST_PG_URL = server.url("postgres");
  process.env.TEST_PG_TEMPLATE = server.template;
  process.env.TEST_PG_PREFIX = server.prefix;
  return async () => cleanupTestServer(server);
}
