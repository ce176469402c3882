// `npm test`: unit tests (vitest project "unit", no database), then integration tests (vitest
// project "integration", against real PostgreSQL), then end-to-end tests (Playwright in Debian's
// Chromium) against a production build, whose Payout runs deliver by SFTP to a real OpenSSH sshd
// started for the run (tests/support/sshd.ts). `--unit`, `--integration` and `--e2e` run only the
// parts named. The unit tests never start or touch PostgreSQL; for the other parts, without
// DATABASE_URL it runs its own embedded PostgreSQL on port 54339 (.data/pg-test), and with it, it
// makes and drops databases named after that one. Prints one closing line: "Tests: N passed, N
// failed, N skipped". Arguments after `--e2e` other than the part options go to `playwright test`,
// to run only some specs (`npm test -- --e2e e2e/plans`, `npm test -- --e2e e2e/accessibility.spec.ts
// --grep "payment"`); E2E_SKIP_BUILD=1 reuses the last production build when only specs changed.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { appUrl, cleanupTestServer, copyDatabase, prepareTestServer } from "../tests/support/test-database.mts";
import { takeOverSignals } from "./lib/embedded-postgres.mts";
import { bin, currentChild, root, runCapturing, runCommand, stopChild } from "./lib/run-command.mts";

const log = (m: string) => console.log(`[test] ${m}`);
const PARTS = ["unit", "integration", "e2e"] as const;
type Part = (typeof PARTS)[number];
const args = process.argv.slice(2);
const isPart = (arg: string) => PARTS.some((p) => arg === `--${p}`);
const e2eAt = args.indexOf("--e2e");
const flags = e2eAt === -1 ? args : [...args.slice(0, e2eAt + 1), ...args.slice(e2eAt + 1).filter(isPart)];
const playwrightArgs = e2eAt === -1 ? [] : args.slice(e2eAt + 1).filter((arg) => !isPart(arg));
const unknown = flags.filter((f) => !isPart(f));
if (unknown.length) {
  console.error(
    `[test] unknown option ${unknown.join(" ")}: use --unit, --integration and/or --e2e (none runs all three); Playwright's arguments go after --e2e`,
  );
  process.exit(2);
}
const chosen = PARTS.filter((p) => flags.includes(`--${p}`));
const runs = (part: Part) => chosen.length === 0 || chosen.includes(part);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

type SshdHarness = typeof import("../tests/support/sshd.ts");
/** The SFTP tests' sshd harness (free of vitest), for the e2e run's Payout server; loaded only for it. */
const sshdHarness: SshdHarness | undefined = runs("e2e") ? await import("../tests/support/sshd.ts") : undefined;

if (runs("e2e") && !existsSync(chromium)) {
  console.error(
    `Chromium is needed for the end-to-end tests and was not found at ${chromium}.\n` +
      `Install Debian's Chromium with:\n\n    sudo apt-get install -y chromium\n\n` +
      `(or set CHROMIUM_PATH to a Chromium binary; "npm test -- --unit --integration" skips the browser tests).`,
  );
  process.exit(1);
}
if (sshdHarness && !sshdHarness.hasSshd) {
  console.error(
    `OpenSSH's sshd is needed for the end-to-end tests (the Payout run delivers its files by SFTP) and was not found at ${sshdHarness.SSHD}.\n` +
      `Install it with:\n\n    sudo apt-get install -y openssh-server\n\n` +
      `(the package starts no daemon of its own here; "npm test -- --unit --integration" skips the browser tests).`,
  );
  process.exit(1);
}

const reports = path.join(root, ".data", "test-reports");
rmSync(reports, { recursive: true, force: true });

let server: Awaited<ReturnType<typeof prepareTestServer>> | undefined;
let sshd: Awaited<ReturnType<SshdHarness["startSshd"]>> | undefined;
async function finish(code: number) {
  await stopChild(currentChild());
  if (sshd) await sshd.dispose().catch((e) => console.error(`[test] stopping sshd: ${e.message}`));
  if (server) await cleanupTestServer(server).catch((e) => console.error(`[test] cleanup: ${e.message}`));
  process.exit(code);
}
takeOverSignals((code) => void finish(code));

type Counts = { passed: number; failed: number; skipped: number };
function vitestCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(readFileSync(file, "utf8"));
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests + (r.success ? 0 : r.numFailedTests ? 0 : 1),
    skipped: r.numPendingTests + r.numTodoTests,
  };
}
function playwrightCounts(file: string, exitCode: number): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(readFileSync(file, "utf8"));
  const s = report.stats;
  // A run that failed outside every test (the web server did not start, a spec did not load) has no
  // failed test in its stats: it counts as one failure, so the closing line cannot say 0 failed.
  const outside = (report.errors?.length ?? 0) > 0 || (exitCode !== 0 && s.unexpected === 0) ? 1 : 0;
  return { passed: s.expected + s.flaky, failed: s.unexpected + outside, skipped: s.skipped };
}

async function main() {
  const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
  const add = (c: Counts) => {
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
  };
  const vitest = async (project: "unit" | "integration", env: NodeJS.ProcessEnv) => {
    const out = path.join(reports, `vitest-${project}.json`);
    await runCommand(
      bin("vitest"),
      ["run", `--project=${project}`, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`],
      { env },
    ).catch(() => {});
    add(vitestCounts(out));
  };

  const secrets = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    BANK_DETAILS_KEY: randomBytes(32).toString("base64"),
    BANK_DETAILS_LOOKUP_KEY: randomBytes(32).toString("base64"),
    CRON_SECRET: randomBytes(32).toString("base64url"),
  };

  if (runs("unit")) {
    log("unit tests (vitest, no database)");
    const env: NodeJS.ProcessEnv = { ...process.env, ...secrets, NEXT_TELEMETRY_DISABLED: "1" };
    for (const name of ["DATABASE_URL", "TEST_PG_URL", "TEST_PG_TEMPLATE", "TEST_PG_PREFIX"]) delete env[name];
    await vitest("unit", env);
  }
  if (!runs("integration") && !runs("e2e")) return summarise(totals);

  server = await prepareTestServer(log);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...secrets,
    TEST_PG_URL: server.url("postgres"),
    TEST_PG_TEMPLATE: server.template,
    TEST_PG_PREFIX: server.prefix,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.DATABASE_URL; // each test file makes its own database
  delete env.MIGRATION_DATABASE_URL; // prisma.config.ts would prefer it to the database a test names

  if (runs("integration")) {
    log("integration tests (vitest, PostgreSQL)");
    await vitest("integration", env);
  }

  if (runs("e2e")) {
    const e2eDatabase = `${server.prefix}_e2e`;
    await copyDatabase(server.url("postgres"), server.template, e2eDatabase);
    const e2eEnv: NodeJS.ProcessEnv = {
      ...env,
      // The portal, its seed and the specs' fixtures run as the app role (docs/security.md#database-roles).
      DATABASE_URL: appUrl(server.url(e2eDatabase)),
      DISBURSE_MODE: "demo",
      FILE_STORE_DIR: path.join(root, ".data", "e2e-files"),
    };
    log("loading demo data into the end-to-end database");
    await runCommand(bin("tsx"), ["prisma/seed.mts"], { env: e2eEnv });
    if (!process.env.E2E_SKIP_BUILD) {
      log("building the portal for the end-to-end tests");
      const output = await runCapturing(bin("next"), ["build"], { env: e2eEnv });
      if (!process.env.CI) process.stdout.write(output);
      // A newcomer's first `npm start` runs this same build: it must print no warnings.
      const warnings = output.split("\n").filter((line) => /warning/i.test(line));
      if (warnings.length > 0) {
        console.error(`[test] the production build printed warnings:\n${warnings.join("\n")}`);
        add({ passed: 0, failed: 1, skipped: 0 });
      } else add({ passed: 1, failed: 0, skipped: 0 });
    }
    // Payout files are named by day and sequence, which a fresh database starts again: the server's
    // folder is new for each run, so an earlier run's file is never taken for this one's. finish()
    // stops it; setpriv has the kernel kill it should this script be killed outright.
    sshd = await sshdHarness!.startSshd();
    log(`OpenSSH sshd for the Payout deliveries on 127.0.0.1:${sshd.port}`);
    const sftpEnv: Record<string, string> = {
      ...sshdHarness!.payoutSftpEnv(sshd),
      // The spec reads the delivered files from the server's folder.
      E2E_SFTP_DIR: sshd.uploadDir,
    };
    log("end-to-end tests (Playwright, Chromium)");
    const out = path.join(reports, "playwright.json");
    const exitCode = await runCommand(bin("playwright"), ["test", ...playwrightArgs], {
      env: { ...e2eEnv, ...sftpEnv, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
    }).then(
      () => 0,
      () => 1,
    );
    add(playwrightCounts(out, exitCode));
  }

  await summarise(totals);
}

async function summarise(totals: Counts) {
  console.log(`\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  await finish(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
}

main().catch(async (error) => {
  console.error(`[test] ${error instanceof Error ? error.stack : error}`);
  await finish(1);
});
