import { describe, expect, it } from "vitest";
import { checkOpsActor, type OpsUserRecord } from "./ops-actor";
import { allowedRoles } from "./run-ops";

const fiona: OpsUserRecord = {
  id: "u1",
  email: "fiona@example.gov.uk",
  name: "Fiona",
  role: "SSCL_FINANCE",
  disabledAt: null,
  awaitingApproval: false,
  mustChangePassword: false,
  lockedUntil: null,
};
const NOW = new Date("2026-11-23T12:00:00Z");
const FINANCE_OR_ADMIN = ["SSCL_FINANCE", "ADMIN"] as const;

describe("checkOpsActor", () => {
  it("lets an enabled user with one of the roles act, as that user", () => {
    expect(checkOpsActor(fiona.email, fiona, FINANCE_OR_ADMIN, NOW)).toEqual({
      ok: true,
      actor: { id: "u1", email: fiona.email, name: "Fiona", role: "SSCL_FINANCE" },
    });
  });

  it.each([
    ["no such user", null, "There is no user with the email address x@y.test."],
    ["disabled", { ...fiona, disabledAt: new Date() }, "fiona@example.gov.uk's account is disabled."],
    [
      "waiting for approval",
      { ...fiona, awaitingApproval: true },
      "fiona@example.gov.uk's account is waiting for a second administrator to approve it.",
    ],
    [
      "locked after failed sign-ins",
      { ...fiona, lockedUntil: new Date(NOW.getTime() + 60_000) },
      "fiona@example.gov.uk's account is locked after too many failed sign-ins: wait until the lock ends, or an administrator unlocks it on /admin/users.",
    ],
    [
      "one-time password",
      { ...fiona, mustChangePassword: true },
      "fiona@example.gov.uk must change their one-time password in the portal before doing anything else.",
    ],
    [
      "system account",
      { ...fiona, email: "inbox@system.disburse.invalid" },
      "inbox@system.disburse.invalid is one of the system's own accounts: nobody acts as it.",
    ],
    [
      "wrong role",
      { ...fiona, role: "CASEWORKER" as const },
      "fiona@example.gov.uk has the role Caseworker: this command needs SSCL finance or Administrator.",
    ],
  ])("refuses: %s", (_what, user, reason) => {
    expect(checkOpsActor("x@y.test", user, FINANCE_OR_ADMIN, NOW)).toEqual({ ok: false, reason });
  });

  it("a lock that has ended no longer refuses", () => {
    expect(checkOpsActor(fiona.email, { ...fiona, lockedUntil: NOW }, FINANCE_OR_ADMIN, NOW)).toMatchObject({ ok: true });
  });

  it("a disabled account is refused before its role is looked at", () => {
    const result = checkOpsActor(fiona.email, { ...fiona, role: "CASEWORKER", disabledAt: new Date() }, FINANCE_OR_ADMIN, NOW);
    expect(result).toEqual({ ok: false, reason: "fiona@example.gov.uk's account is disabled." });
  });

  it("names every allowed role, and says so when none is", () => {
    expect(checkOpsActor(fiona.email, { ...fiona, role: "ACCOUNTANT" }, ["ADMIN"], NOW)).toMatchObject({
      reason: "fiona@example.gov.uk has the role Accountant: this command needs Administrator.",
    });
    expect(checkOpsActor(fiona.email, fiona, [], NOW)).toMatchObject({
      reason: "Nobody may do this, fiona@example.gov.uk included.",
    });
  });
});

describe("allowedRoles", () => {
  it("narrows the command's roles by what the arguments require (import-file by the file kind's uploaders)", () => {
    const importFile = ["CASEWORKER", "SSCL_FINANCE", "PLAN_MANAGER", "ADMIN"] as const;
    expect(allowedRoles(importFile, undefined)).toEqual(importFile);
    expect(allowedRoles(importFile, ["SSCL_FINANCE", "ADMIN"])).toEqual(["SSCL_FINANCE", "ADMIN"]);
    expect(allowedRoles(importFile, ["ACCOUNTANT"])).toEqual([]);
  });
});
