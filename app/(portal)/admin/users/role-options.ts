import { ROLES, roleLabels } from "@/lib/auth/roles";

export const roleOptions = ROLES.map((role) => ({ value: role, label: roleLabels[role] }));
