import type { Role } from "@/lib/auth/roles";

export { DEFAULT_DEMO_PASSWORD } from "../config/schema";

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "caseworker@demo.disburse.test", name: "Priya Shah", role: "CASEWORKER" },
  { email: "caseworker2@demo.disburse.test", name: "Tom Okafor", role: "CASEWORKER" },
  { email: "sscl-finance@demo.disburse.test", name: "Fiona MacLeod", role: "SSCL_FINANCE" },
  { email: "accountant@demo.disburse.test", name: "Gareth Evans", role: "ACCOUNTANT" },
  { email: "accountant2@demo.disburse.test", name: "Aisha Rahman", role: "ACCOUNTANT" },
  { email: "plan-manager@demo.disburse.test", name: "Sam Whitfield", role: "PLAN_MANAGER" },
  // A second plan manager, so that beneficiaries' bank details and payment methods can be approved (four eyes).
  { email: "plan-manager2@demo.disburse.test", name: "Nia Lloyd", role: "PLAN_MANAGER" },
  { email: "admin@demo.disburse.test", name: "Alex Morgan", role: "ADMIN" },
  // A second admin, so that role grants and voids of downloaded batches can be approved (four eyes).
  { email: "admin2@demo.disburse.test", name: "Joanna Price", role: "ADMIN" },
];
