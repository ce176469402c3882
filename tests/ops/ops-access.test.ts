// The support CLI's door (docs/support-cli.md): help, usage errors (exit 2, nothing audited), and
// the --as check (exit 3, nothing done, the refusal audited) for unknown, disabled, waiting,
// one-time-password, system and wrong-role users, import-file narrowed by the file kind's uploaders.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { opsCommands } from "@/lib/auth/access";
import { EXIT } from "@/lib/ops/ops-command";
import { opsCommandList } from "@/lib/ops/commands";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { OS_USER, opsAuditRows, opsEnv, useOps } from "./ops-test-support";

const { db, url } = useTestDatabase();
const key = randomBytes(32);
const ops = useOps(() => opsEnv(url(), key));
const MINE = opsCommandList.filter((c) => c.name !== "rotate-bank-key");

describe("npm run ops -- --help", () => {
  it("lists every command of the access table, with the common options and exit codes", async () => {
    const { code, out, err } = await ops(["--help"]);
    expect(code).toBe(EXIT.OK);
    expect(err).toBe("");
    expect(opsCommandList.map((c) => c.name).sort()).toEqual(Object.keys(opsCommands).sort());
    for (const command of opsCommandList) expect(out).toContain(`  ${command.name}`);
    expect(out).toContain("--as <email>");
    for (const n of [0, 1, 2, 3, 4, 5]) expect(out).toMatch(new RegExp(`^  ${n}  `, "m"));
  });

  it("with no command at all, prints the list on stderr and exits 2", async () => {
    const { code, out, err } = await ops([]);
    expect([code, out]).toEqual([EXIT.USAGE, ""]);
    expect(err).toContain("Usage: npm run ops -- <command>");
  });

  it.each(MINE.map((c) => c.name))("%s --help: usage, options, exit codes and an example, without --as", async (name) => {
    const { code, out, err } = await ops([name, "--help"]);
    expect([code, err]).toEqual([EXIT.OK, ""]);
    expect(out).toMatch(new RegExp(`^Usage: npm run ops -- ${name} `));
    expect(out).toContain("--as <email>");
    expect(out).toContain("Exit codes:\n  0  ");
    expect(out).toMatch(/Example:\n {2}npm run ops -- /);
  });
});

describe("a wrong command line: exit 2, nothing done, nothing audited", () => {
  it.each([
    [["no-such-command", "--as", "a@b.test"], 'There is no command "no-such-command".'],
    [["--as", "a@b.test"], 'Name the command before its options: "--as" is not a command.'],
    [["stuck-runs", "--as", "a@b.test", "--bogus"], "Unknown option '--bogus'"],
    [["stuck-runs"], "Say who the command acts as: --as <email>"],
    [["stuck-runs", "--as"], "argument missing"],
    [["stuck-runs", "extra", "--as", "a@b.test"], 'stuck-runs takes no arguments, got "extra".'],
    [["run-now", "cheque", "--as", "a@b.test"], "Say which run: run-now bank or run-now payout."],
    [["retry-delivery", "batch-7", "--as", "a@b.test"], '"batch-7" is not a batch id'],
    [["import-file", "cheques", "x.csv", "--as", "a@b.test"], '"cheques" is not a kind of file'],
    [["import-file", "enrolment", "x.csv", "--as", "a@b.test"], "--plan <code>"],
    [["import-file", "bank-holidays", "x.json", "--plan", "CARERS", "--as", "a@b.test"], "--plan is only for an enrolment file."],
    [["journey", "--as", "a@b.test"], "Name one payment"],
  ])("%j", async (argv, message) => {
    const { code, out, err } = await ops(argv);
    expect(code).toBe(EXIT.USAGE);
    expect(out).toBe("");
    expect(err).toContain(message);
    expect(err).toContain("--help");
    expect(await opsAuditRows(db())).toEqual([]);
  });
});

describe("the --as user: exit 3 with one sentence, nothing done, the refusal audited", () => {
  it("refuses an unknown email, audited with no actor and the email tried", async () => {
    const { code, out, err } = await ops(["stuck-runs", "--as", "Nobody@Example.test"]);
    expect([code, out]).toEqual([EXIT.NOT_PERMITTED, ""]);
    expect(err).toBe("There is no user with the email address nobody@example.test. Nothing was done.");
    const [row] = (await opsAuditRows(db())).slice(-1);
    expect(row).toMatchObject({
      actorId: null,
      actorLabel: `nobody@example.test via ops (os user: ${OS_USER})`,
      action: "ops.stuck-runs.refused",
      entityType: "OpsCommand",
      entityId: "stuck-runs",
      after: { as: "nobody@example.test", osUser: OS_USER, exitCode: 3, refused: expect.stringContaining("no user") },
    });
  });

  it.each([
    ["disabled", { disabled: true }, "'s account is disabled."],
    ["waiting for a second admin", { awaitingApproval: true }, "'s account is waiting for a second administrator to approve it."],
    ["with a one-time password", { mustChangePassword: true }, " must change their one-time password in the portal"],
    ["locked after failed sign-ins", { locked: true }, "'s account is locked after too many failed sign-ins"],
  ])("refuses a user %s, audited against that user", async (_what, state, message) => {
    const user = await makeUser(db(), { role: "ADMIN" });
    if ("locked" in state) {
      await db().signInThrottle.create({
        data: { email: user.email, failures: 5, lockedUntil: new Date(Date.now() + 15 * 60_000) },
      });
    }
    await db().user.update({
      where: { id: user.id },
      data: {
        disabledAt: "disabled" in state ? new Date() : null,
        awaitingApproval: "awaitingApproval" in state,
        mustChangePassword: "mustChangePassword" in state,
      },
    });
    const runsBefore = await db().run.count();
    const { code, err } = await ops(["run-now", "bank", "--as", user.email]);
    expect(code).toBe(EXIT.NOT_PERMITTED);
    expect(err).toContain(message);
    expect(err).toMatch(/Nothing was done\.$/);
    expect(await db().run.count()).toBe(runsBefore);
    const [row] = (await opsAuditRows(db())).slice(-1);
    expect(row).toMatchObject({ actorId: user.id, action: "ops.run-now.refused", after: { exitCode: 3, positionals: ["bank"] } });
  });

  it("refuses a role the command does not allow; a pending grant of an allowed role is not the role yet", async () => {
    const caseworker = await makeUser(db(), { role: "CASEWORKER" });
    const admin = await makeUser(db(), { role: "ADMIN" });
    await db().roleGrant.create({
      data: { userId: caseworker.id, role: "SSCL_FINANCE", previousRole: "CASEWORKER", proposedById: admin.id },
    });
    const { code, err } = await ops(["stuck-runs", "--as", caseworker.email]);
    expect(code).toBe(EXIT.NOT_PERMITTED);
    expect(err).toBe(
      `${caseworker.email} has the role Caseworker: this command needs SSCL finance or Administrator. Nothing was done.`,
    );
    const finance = await makeUser(db(), { role: "SSCL_FINANCE" });
    expect((await ops(["retry-delivery", randomUuid(), "--as", finance.email])).code).toBe(EXIT.NOT_PERMITTED);
  });

  it("refuses the system's own accounts", async () => {
    const inbox = await makeUser(db(), { role: "CASEWORKER", email: "payout-inbox@system.disburse.invalid" });
    const { code, err } = await ops(["journey", "ABC", "--as", inbox.email]);
    expect(code).toBe(EXIT.NOT_PERMITTED);
    expect(err).toContain("one of the system's own accounts");
  });

  it("import-file: the command's roles narrowed by who may upload that kind of file on the web", async () => {
    const finance = await makeUser(db(), { role: "SSCL_FINANCE" });
    const caseworker = await makeUser(db(), { role: "CASEWORKER" });
    const planManager = await makeUser(db(), { role: "PLAN_MANAGER" });
    const refused = [
      [finance, "payout-payment-codes"],
      [finance, "bank-holidays"],
      [caseworker, "failed-payments"],
      [planManager, "payout-reconciliation"],
    ] as const;
    for (const [user, kind] of refused) {
      const { code, err } = await ops(["import-file", kind, "/nonexistent/file.csv", "--as", user.email]);
      expect([kind, code]).toEqual([kind, EXIT.NOT_PERMITTED]);
      expect(err).toMatch(/has the role .*: this command needs /);
    }
    // Allowed: the file is then looked for (and is not there).
    const { code, err } = await ops(["import-file", "payout-reconciliation", "/nonexistent/file.csv", "--as", caseworker.email]);
    expect(code).toBe(EXIT.NOT_FOUND);
    expect(err).toBe("There is no file at /nonexistent/file.csv. Nothing was done.");
    expect(await db().upload.count()).toBe(0);
  });

  it("an allowed user runs the command, audited with the user, the OS user, the command and its arguments", async () => {
    const finance = await makeUser(db(), { role: "SSCL_FINANCE" });
    const { code, out } = await ops(["stuck-runs", "--as", finance.email.toUpperCase(), "--json"]);
    expect(code).toBe(EXIT.OK);
    expect(JSON.parse(out)).toEqual([]);
    const [row] = (await opsAuditRows(db())).slice(-1);
    expect(row).toMatchObject({
      actorId: finance.id,
      actorLabel: `${finance.email} via ops (os user: ${OS_USER})`,
      action: "ops.stuck-runs",
      entityType: "OpsCommand",
      entityId: "stuck-runs",
      after: { command: "stuck-runs", as: finance.email, osUser: OS_USER, positionals: [], options: { json: true }, exitCode: 0 },
    });
  });
});

function randomUuid() {
  return crypto.randomUUID();
}
