import type { Role } from "@/lib/auth/roles";

// A payment point's payroll (view and export) is open to whoever may see payment points, and to the
// point's own manager whatever their role (docs/domain.md#roles-and-access): nothing else of the
// plans is open to a manager who is, say, a caseworker.
const POINT_VIEWERS: readonly Role[] = ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"];

export function mayViewPointPayroll(user: { id: string; role: Role }, point: { managerId: string | null }): boolean {
  return POINT_VIEWERS.includes(user.role) || (point.managerId !== null && point.managerId === user.id);
}
