import { roleLabels } from "@/lib/auth/roles";
import type { PointManager } from "@/lib/plans/payment-points/queries";

/** "Ada Lovelace (ada@…), Caseworker": who each user is, for the manager list and the point's page. */
export function managerWords(manager: PointManager): string {
  return `${manager.name} (${manager.email}), ${roleLabels[manager.role]}${manager.disabled ? ": can no longer sign in" : ""}`;
}

export function managerChoices(managers: PointManager[]): { value: string; label: string }[] {
  return managers.map((m) => ({ value: m.id, label: managerWords(m) }));
}
