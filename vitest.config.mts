import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Two projects (`npm test -- --unit` or `--integration` runs one; `npx vitest run --project unit` too).
//
// The rule: a test that needs PostgreSQL, or a program outside node_modules (LibreOffice), lives in
// tests/ and is an integration test. Everything under lib/ and scripts/ is a unit test, and so are
// the database-free tests under tests/ listed in UNIT_TESTS_IN_TESTS. A unit test that reaches for
// the database fails loudly (TEST_PG_URL is never set there), so a test in the wrong project cannot
// pass by accident; a new folder under tests/ is integration until it is listed here.
const UNIT_TESTS_IN_TESTS = [
  "tests/access/**/*.test.ts", // the access table against app/ and every server action, mocked user
  "tests/architecture/**/*.test.ts", // the lint layer rules bite: oxlint on probe files, no database
  "tests/config/**/*.test.ts", // `npm start` refusing bad settings before it touches a database
  "tests/docs/**/*.test.ts", // comments point into docs/ and its links resolve: files only
  "tests/scripts/**/*.test.ts", // npm scripts name files that exist: package.json only
  "tests/storage/**/*.test.ts", // file stores: local folders and Azurite, in-process from npm
  "tests/claims/key-in-claim-form.test.ts", // form parsing only
  "tests/components/**/*.test.ts", // pure helpers of the shared UI (status tags)
];

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    // `import "server-only"` throws outside a react-server bundle; tests use the package's no-op file.
    alias: { "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)) },
  },
  test: {
    // Shared by both projects (`extends: true` below).
    exclude: ["e2e/**", "node_modules/**", ".data/**"],
    environment: "node",
    env: { LOG_LEVEL: "silent" },
    // next-auth imports "next/server" without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // No globalSetup here: the root's would run even when only the unit project is selected.
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", ...UNIT_TESTS_IN_TESTS],
          pool: "threads",
          // Even when both projects run in one `vitest run`, a unit test never sees the integration database.
          env: { TEST_PG_URL: "", TEST_PG_TEMPLATE: "", TEST_PG_PREFIX: "" },
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          exclude: UNIT_TESTS_IN_TESTS,
          pool: "forks",
          // Prepares PostgreSQL and the migrated template (tests/support/test-database.mts).
          globalSetup: ["tests/global-setup.ts"],
        },
      },
    ],
  },
});
