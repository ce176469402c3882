// vitest global setup: reuses the test server that `npm test` prepared (TEST_PG_URL and
// TEST_PG_TEMPLATE), or prepares one itself when vitest runs alone.
import { cleanupTestServer, prepareTestServer } from "./support/test-database.mts";

export default async function setup() {
  if (process.env.TEST_PG_URL && process.env.TEST_PG_TEMPLATE) return;
  const server = await prepareTestServer((m) => console.log(`[test db] ${m}`));
  process.env.TEST_PG_URL = server.url("postgres");
  process.env.TEST_PG_TEMPLATE = server.template;
  process.env.TEST_PG_PREFIX = server.prefix;
  return async () => cleanupTestServer(server);
}
