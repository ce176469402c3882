import { describe, expect, it } from "vitest";
import { mayViewPointPayroll } from "./point-access";

const id = "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f";

describe("mayViewPointPayroll", () => {
  it("lets the roles that see payment points in, whoever manages the point", () => {
    for (const role of ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"] as const) {
      expect(mayViewPointPayroll({ id, role }, { managerId: null })).toBe(true);
    }
  });

  it("lets the point's own manager in whatever their role, and nobody else of that role", () => {
    expect(mayViewPointPayroll({ id, role: "CASEWORKER" }, { managerId: id })).toBe(true);
    expect(mayViewPointPayroll({ id, role: "SSCL_FINANCE" }, { managerId: id })).toBe(true);
    expect(mayViewPointPayroll({ id, role: "CASEWORKER" }, { managerId: null })).toBe(false);
    expect(mayViewPointPayroll({ id, role: "CASEWORKER" }, { managerId: "00000000-0000-4000-8000-000000000000" })).toBe(false);
  });
});
