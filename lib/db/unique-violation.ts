/**
 * Prisma's "unique constraint failed" (P2002). Matched by name and code rather than class: tests
 * reload modules, and a class from another copy of the client would not match `instanceof`.
 */
export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === "PrismaClientKnownRequestError" &&
    (error as Error & { code?: unknown }).code === "P2002"
  );
}
