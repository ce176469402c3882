import { describe, expect, it } from "vitest";
import { GRANT_ALREADY_DECIDED, whyCannotDecideGrant, whyCannotWithdrawGrant } from "./role-grant-rules";

const grant = { status: "PENDING", proposedById: "proposer", userId: "target" };

describe("who may decide a role grant", () => {
  it("lets a second admin decide, never the proposer nor the user it is for", () => {
    expect(whyCannotDecideGrant(grant, "second")).toBeNull();
    expect(whyCannotDecideGrant(grant, "proposer")).toMatch(/You proposed this role change/);
    expect(whyCannotDecideGrant(grant, "target")).toMatch(/your own account/);
  });

  it("refuses a grant that is no longer pending, whoever asks", () => {
    for (const status of ["APPROVED", "REJECTED", "WITHDRAWN"]) {
      expect(whyCannotDecideGrant({ ...grant, status }, "second")).toBe(GRANT_ALREADY_DECIDED);
      expect(whyCannotWithdrawGrant({ ...grant, status }, "proposer")).toBe(GRANT_ALREADY_DECIDED);
    }
  });

  it("lets only the proposer withdraw", () => {
    expect(whyCannotWithdrawGrant(grant, "proposer")).toBeNull();
    expect(whyCannotWithdrawGrant(grant, "second")).toMatch(/Only the administrator who proposed/);
  });
});
