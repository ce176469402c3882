// prisma/schema.prisma and prisma/migrations agree: `prisma migrate diff` from the migrations to the
// schema proposes nothing, apart from dropping the objects that live only in SQL because the Prisma
// schema language cannot express them (SQL_ONLY below). A schema change without its migration, or a
// migration without its schema change, fails here.
//
// `--shadow-database-url` is refused when prisma.config.ts defines an adapter, as this project's
// does (prisma/pg-migrate-adapter.ts): the adapter makes a scratch shadow database of its own on the
// server DATABASE_URL names (CREATE DATABASE prisma_migrate_shadow_db_<uuid>, dropped afterwards),
// so the CLI is pointed at this file's fresh test database and replays the migrations beside it.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { bin, root } from "../../scripts/lib/run-command.mts";
import { admin } from "../support/test-database.mts";
import { useTestDatabase } from "../support/test-db";

type SqlOnly = { kind: "index" | "check" | "trigger" | "function"; name: string; table?: string };

/**
 * Every object the migrations make that the schema cannot describe, by name. The test below also
 * checks this list against the migrated database in both directions, so it cannot go stale.
 */
const SQL_ONLY: SqlOnly[] = [
  // 20261122190215_init: at most one live payment per claim (partial unique index; CASHED counts too
  // since 20261128120000_payment_plans).
  { kind: "index", name: "Payment_one_live_per_claim", table: "Payment" },
  // 20261122190215_init: money is positive pence (CHECK constraints).
  { kind: "check", name: "Payment_amount_positive", table: "Payment" },
  { kind: "check", name: "ExpenseLine_claimed_positive", table: "ExpenseLine" },
  { kind: "check", name: "ExpenseLine_approved_range", table: "ExpenseLine" },
  // 20261122190215_init: the audit log is append-only (a trigger function and two triggers).
  { kind: "function", name: "audit_log_append_only" },
  { kind: "trigger", name: "AuditLog_no_update_delete", table: "AuditLog" },
  { kind: "trigger", name: "AuditLog_no_truncate", table: "AuditLog" },
  // 20261122200000_claim_list_indexes made lower(name) COLLATE "C" expression indexes on "Claimant";
  // 20261128100000_claim_list_at_scale dropped them for the ones on "Claim" below.
  // 20261122210000_run_lock: the run lock and the one-live-batch / one-live-line rules (partial unique indexes).
  { kind: "index", name: "Run_one_running_per_kind", table: "Run" },
  // (20261128110000_payout replaced its Batch_one_live_per_run with one for bank batches only.)
  { kind: "index", name: "Batch_one_live_bank_per_run", table: "Batch" },
  { kind: "index", name: "FileLine_one_live_per_payment", table: "FileLine" },
  // 20261123090000_file_line_reference_upper: upper("fileReference") (expression index).
  { kind: "index", name: "FileLine_upper_fileReference_idx", table: "FileLine" },
  // 20261128120000_payment_plans: a payment is for a claim or for a cycle (CHECK).
  { kind: "check", name: "Payment_claim_or_cycle", table: "Payment" },
  // 20261128110000_payout: the message sender's queue of due messages (partial index).
  { kind: "index", name: "Notification_due_idx", table: "Notification" },
  // 20261128090000_payment_status_history: only movePayments changes Payment.status (trigger).
  { kind: "function", name: "payment_status_owner" },
  { kind: "trigger", name: "Payment_status_owner", table: "Payment" },
  // 20261128100000_claim_list_at_scale: the claimant's names copied onto "Claim" (two trigger
  // functions and their triggers), the claim list's name-order and name-search expression indexes
  // and its "unassigned" and "needs attention" partial indexes, and the home page's counts kept in
  // "ClaimCount" by statement triggers.
  { kind: "function", name: "claim_claimant_name" },
  { kind: "trigger", name: "Claim_claimant_name", table: "Claim" },
  { kind: "function", name: "claimant_name_to_claims" },
  { kind: "trigger", name: "Claimant_name_to_claims", table: "Claimant" },
  { kind: "function", name: "claim_count_changes" },
  { kind: "trigger", name: "Claim_count_insert", table: "Claim" },
  { kind: "trigger", name: "Claim_count_update", table: "Claim" },
  { kind: "trigger", name: "Claim_count_delete", table: "Claim" },
  { kind: "trigger", name: "Claim_count_truncate", table: "Claim" },
  { kind: "index", name: "Claim_claimantName_id_idx", table: "Claim" },
  { kind: "index", name: "Claimant_dateOfBirth_lastNameKey_idx", table: "Claimant" },
  { kind: "index", name: "Claim_status_claimantName_id_idx", table: "Claim" },
  { kind: "index", name: "Claim_assignedToId_claimantName_id_idx", table: "Claim" },
  { kind: "index", name: "Claim_claimantFirstName_id_idx", table: "Claim" },
  { kind: "index", name: "Claim_unassigned_createdAt_id_idx", table: "Claim" },
  { kind: "index", name: "Claim_unassigned_eventDate_id_idx", table: "Claim" },
  { kind: "index", name: "Claim_unassigned_reference_idx", table: "Claim" },
  { kind: "index", name: "Claim_unassigned_claimantName_id_idx", table: "Claim" },
  { kind: "index", name: "Claim_attention_createdAt_id_idx", table: "Claim" },
  { kind: "index", name: "Claim_attention_eventDate_id_idx", table: "Claim" },
  { kind: "index", name: "Claim_attention_reference_idx", table: "Claim" },
  { kind: "index", name: "Claim_attention_claimantName_id_idx", table: "Claim" },
  // 20261129090000_app_role: the portal's group role's rights (a function the owner can run again once
  // an operator has made the role), and the audit log's time set by the database (trigger).
  { kind: "function", name: "disburse_app_grants" },
  { kind: "function", name: "audit_log_database_time" },
  { kind: "trigger", name: "AuditLog_database_time", table: "AuditLog" },
  // 20261129100000_partial_indexes_for_rare_rows: pending payment methods, people needing new bank
  // details, bank file lines by account hash.
  { kind: "index", name: "Enrolment_pending_method_idx", table: "Enrolment" },
  { kind: "index", name: "Claimant_bank_details_needed_idx", table: "Claimant" },
  { kind: "index", name: "FileLine_bankLookupHash_idx", table: "FileLine" },
  { kind: "index", name: "Payment_upper_paymentCode_idx", table: "Payment" }, // 20261129130000_payment_search_indexes
  { kind: "index", name: "BatchFile_lower_fileName_idx", table: "BatchFile" }, // 20261129130000_payment_search_indexes
  { kind: "index", name: "Notification_paymentId_idx", table: "Notification" }, // 20261129130100_journey_indexes
];

const run = promisify(execFile);
const SHADOW_PREFIX = "prisma_migrate_shadow_db_";

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const table = (name: string) => `(?:"public"\\.)?${escapeRegExp(ident(name))}`;
function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The statements that would only drop one of the SQL_ONLY objects. */
function dropsSqlOnlyObject(statement: string): boolean {
  const s = statement.replace(/\s+/g, " ").trim();
  return SQL_ONLY.some((o) => {
    const name = escapeRegExp(ident(o.name));
    const patterns = {
      index: [`^DROP INDEX (?:"public"\\.)?${name}$`],
      check: [`^ALTER TABLE ${table(o.table ?? "")} DROP CONSTRAINT ${name}$`],
      trigger: [`^DROP TRIGGER ${name} ON ${table(o.table ?? "")}$`],
      function: [`^DROP FUNCTION (?:"public"\\.)?${name}(?:\\(\\))?$`],
    }[o.kind];
    return patterns.some((p) => new RegExp(p).test(s));
  });
}

/** The script's statements, comments dropped, less those that only drop an SQL_ONLY object. */
function unexplained(script: string): string[] {
  return script
    .split("\n")
    .filter((line) => !line.trim().startsWith("--"))
    .join("\n")
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s && !dropsSqlOnlyObject(s));
}

async function shadowDatabases(serverUrl: string): Promise<Set<string>> {
  const { rows } = await admin(serverUrl, (c) =>
    c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [SHADOW_PREFIX]),
  );
  return new Set(rows.map((r) => r.datname));
}

/** `prisma migrate diff` from the committed migrations to a schema file, as a SQL script. */
async function diffMigrationsTo(schemaFile: string, databaseUrl: string): Promise<string> {
  const serverUrl = process.env.TEST_PG_URL!;
  const before = await shadowDatabases(serverUrl);
  try {
    const { stdout } = await run(
      bin("prisma"),
      ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", schemaFile, "--script"],
      {
        cwd: root,
        // prisma.config.ts prefers MIGRATION_DATABASE_URL: both name this file's database.
        env: { ...process.env, DATABASE_URL: databaseUrl, MIGRATION_DATABASE_URL: databaseUrl },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return stdout;
  } catch (error) {
    // A crashed engine leaves its shadow database behind: drop the ones this call made (never one
    // still in use, so a concurrent `migrate dev` elsewhere is left alone).
    for (const name of await shadowDatabases(serverUrl)) {
      if (!before.has(name)) await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${ident(name)}`)).catch(() => {});
    }
    const e = error as { stderr?: string; message: string };
    throw new Error(`prisma migrate diff failed: ${e.stderr || e.message}`);
  }
}

async function sqlOnlyObjectsIn(databaseUrl: string): Promise<SqlOnly[]> {
  const { rows } = await admin(databaseUrl, (c) =>
    c.query<{ kind: SqlOnly["kind"]; name: string; table: string | null }>(`
      SELECT 'index' AS kind, ic.relname AS name, tc.relname AS table
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_class tc ON tc.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = tc.relnamespace
       WHERE n.nspname = 'public' AND (i.indpred IS NOT NULL OR i.indexprs IS NOT NULL)
      UNION ALL
      SELECT 'check', con.conname, tc.relname
        FROM pg_constraint con
        JOIN pg_class tc ON tc.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = tc.relnamespace
       WHERE n.nspname = 'public' AND con.contype = 'c'
      UNION ALL
      SELECT 'trigger', tg.tgname, tc.relname
        FROM pg_trigger tg
        JOIN pg_class tc ON tc.oid = tg.tgrelid
        JOIN pg_namespace n ON n.oid = tc.relnamespace
       WHERE n.nspname = 'public' AND NOT tg.tgisinternal
      UNION ALL
      SELECT 'function', p.proname, NULL
        FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public'`),
  );
  return rows.map((r) => ({ kind: r.kind, name: r.name, ...(r.table ? { table: r.table } : {}) }));
}

const byName = (a: SqlOnly, b: SqlOnly) => `${a.kind}:${a.name}`.localeCompare(`${b.kind}:${b.name}`);

describe("schema.prisma and the migrations", () => {
  const testDb = useTestDatabase();
  const dir = mkdtempSync(path.join(tmpdir(), "disburse-drift-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("list every SQL-only object, and each one exists in the migrated database", async () => {
    // Both directions: a listed object the migrations no longer make, or an SQL-only object made
    // by a migration but not listed (and so not explained), fails here.
    expect((await sqlOnlyObjectsIn(testDb.url())).sort(byName)).toEqual([...SQL_ONLY].sort(byName));
  });

  it("agree: the diff from the migrations to the schema is empty but for the SQL-only objects", async () => {
    const script = await diffMigrationsTo("prisma/schema.prisma", testDb.url());
    expect(unexplained(script)).toEqual([]);
  }, 120_000);

  it("disagree when the schema gains a field its migrations lack (the check bites)", async () => {
    const schema = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
    const model = /^model (\w+) \{$/m.exec(schema);
    expect(model, "no model found in schema.prisma").not.toBeNull();
    const changed = schema.replace(model![0], `${model![0]}\n  driftCheck String?`);
    const file = path.join(dir, "schema.prisma");
    writeFileSync(file, changed);

    const script = await diffMigrationsTo(file, testDb.url());
    const left = unexplained(script);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(new RegExp(`^ALTER TABLE ${table(model![1])} ADD COLUMN\\s+"driftCheck" TEXT$`));
  }, 120_000);

  it("would not let the allow-list hide a drop of anything else", () => {
    expect(dropsSqlOnlyObject('DROP INDEX "Payment_one_live_per_claim"')).toBe(true);
    expect(dropsSqlOnlyObject('DROP INDEX "public"."FileLine_upper_fileReference_idx"')).toBe(true);
    expect(dropsSqlOnlyObject('ALTER TABLE "Payment" DROP CONSTRAINT "Payment_amount_positive"')).toBe(true);
    expect(dropsSqlOnlyObject('DROP TRIGGER "AuditLog_no_truncate" ON "AuditLog"')).toBe(true);
    expect(dropsSqlOnlyObject('DROP FUNCTION "audit_log_append_only"()')).toBe(true);
    expect(dropsSqlOnlyObject('DROP INDEX "Payment_reference_key"')).toBe(false);
    expect(dropsSqlOnlyObject('ALTER TABLE "ExpenseLine" DROP CONSTRAINT "Payment_amount_positive"')).toBe(false);
    expect(dropsSqlOnlyObject('DROP INDEX "Payment_one_live_per_claim"; DROP TABLE "Payment"')).toBe(false);
    expect(unexplained('-- DropIndex\nDROP INDEX "Claim_reference_key";\n')).toEqual(['DROP INDEX "Claim_reference_key"']);
  });
});
