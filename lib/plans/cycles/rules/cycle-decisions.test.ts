import { describe, expect, it } from "vitest";
import {
  whyCycleCannotBeDecided,
  whyPayrollCannotBeRebuilt,
  whySuspendedCannotBeDecided,
  type CycleForDecision,
} from "./cycle-decisions";

const cycle: CycleForDecision = {
  status: "PENDING_APPROVAL",
  createdById: "maker",
  rebuiltByIds: ["rebuilder"],
  suspendedApproverIds: ["approver"],
  suspendedCount: 0,
};

describe("who may decide a cycle", () => {
  it("refuses its maker, whoever rebuilt it and whoever approved a suspended payment in it; lets anyone else", () => {
    for (const user of ["maker", "rebuilder"]) {
      expect(whyCycleCannotBeDecided(cycle, user, "APPROVE")).toEqual({
        code: "FORBIDDEN",
        message: "You built this cycle's payroll: another accountant must approve or reject it.",
      });
    }
    expect(whyCycleCannotBeDecided(cycle, "approver", "REJECT")).toMatchObject({ code: "FORBIDDEN" });
    expect(whyCycleCannotBeDecided(cycle, "checker", "APPROVE")).toBeNull();
  });

  it("refuses approval, not rejection, while a payment is suspended", () => {
    const suspended = { ...cycle, suspendedCount: 2 };
    expect(whyCycleCannotBeDecided(suspended, "checker", "APPROVE")).toEqual({
      code: "INVALID_STATE",
      message: "2 payments are still suspended: approve or reject them first.",
    });
    expect(whyCycleCannotBeDecided(suspended, "checker", "REJECT")).toBeNull();
  });

  it("decides only a cycle waiting for approval; rebuilds only a rejected one", () => {
    expect(whyCycleCannotBeDecided({ ...cycle, status: "APPROVED" }, "checker", "APPROVE")).toEqual({
      code: "INVALID_STATE",
      message: "This cycle is approved: it is not waiting for approval.",
    });
    expect(whySuspendedCannotBeDecided("REJECTED")).toMatch(/only while it waits for approval/);
    expect(whySuspendedCannotBeDecided("PENDING_APPROVAL")).toBeNull();
    expect(whyPayrollCannotBeRebuilt("REJECTED")).toBeNull();
    expect(whyPayrollCannotBeRebuilt("PENDING_APPROVAL")).toBe(
      "This cycle is waiting for approval: only a rejected payroll is rebuilt.",
    );
  });
});
