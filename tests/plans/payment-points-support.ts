// Shared set-up for the payment point tests: points straight into the database, the point form as a
// browser posts it, and the point actions loaded against the test database.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Condition } from "@/lib/plans/rules/calculation-rule";

export async function makePoint(
  db: PrismaClient,
  options: { benefitPlanId: string; name: string; position: number; filters: Condition[]; managerId?: string | null },
) {
  return db.paymentPoint.create({
    data: {
      benefitPlanId: options.benefitPlanId,
      name: options.name,
      position: options.position,
      filters: options.filters,
      managerId: options.managerId ?? null,
      createdById: randomUUID(),
    },
  });
}

/** A complete, valid point form: "Northern large households", Region = North and Household size >= 3. */
export function pointFields(managerId: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: "Northern large households",
    managerId,
    position: "1",
    filterCount: "2",
    "filter-1-attribute": "Region",
    "filter-1-operator": "=",
    "filter-1-value": "North",
    "filter-2-attribute": "Household size",
    "filter-2-operator": ">=",
    "filter-2-value": "3",
    intent: "save",
    ...overrides,
  };
}

/** The point actions on the test database: module state (the Prisma client) is reset first. */
export async function loadPointActions(databaseUrl: string) {
  const { vi } = await import("vitest");
  vi.resetModules();
  delete (globalThis as { prisma?: unknown }).prisma;
  process.env.DATABASE_URL = databaseUrl;
  return import("@/app/(portal)/payment-points/actions");
}

export const pointIdOf = (redirectTo: unknown) => /\/payment-points\/([0-9a-f-]{36})\?/.exec(String(redirectTo))![1];
