import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import type { PrismaClient } from "@/lib/generated/prisma/client";

let cachedHash: Promise<string> | undefined;
export const TEST_PASSWORD = "Correct-horse-battery-1";

/** A user with TEST_PASSWORD (hashed once per file: argon2 is deliberately slow). */
export async function makeUser(
  db: PrismaClient,
  overrides: { email?: string; role?: Role; name?: string; disabled?: boolean } = {},
) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const role = overrides.role ?? "CASEWORKER";
  const email = overrides.email ?? `${role.toLowerCase()}-${Math.random().toString(36).slice(2, 10)}@test.disburse.test`;
  return db.user.create({
    data: {
      email,
      name: overrides.name ?? `Test ${role}`,
      role,
      passwordHash: await cachedHash,
      disabledAt: overrides.disabled ? new Date() : null,
    },
  });
}
