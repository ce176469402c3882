export const ROLES = ["CASEWORKER", "SSCL_FINANCE", "ACCOUNTANT", "PLAN_MANAGER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const roleLabels: Record<Role, string> = {
  CASEWORKER: "Caseworker",
  SSCL_FINANCE: "SSCL finance",
  ACCOUNTANT: "Accountant",
  PLAN_MANAGER: "Payment-plan manager",
  ADMIN: "Administrator",
};

export const ALL_ROLES: readonly Role[] = ROLES;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
