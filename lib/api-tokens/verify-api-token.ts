import type { Db } from "@/lib/db";
import type { ApiToken } from "@/lib/generated/prisma/client";
import { hashApiToken, parseBearerToken } from "./token-format";

/**
 * The active token named by an `Authorization: Bearer …` header, or null. The lookup is by
 * sha256, so no secret is compared byte by byte and timing reveals nothing useful.
 */
export async function verifyApiToken(
  db: Db,
  authorizationHeader: string | null | undefined,
  now = new Date(),
): Promise<ApiToken | null> {
  const parsed = parseBearerToken(authorizationHeader);
  if (parsed.kind !== "token") return null;
  const token = await db.apiToken.findUnique({ where: { tokenHash: hashApiToken(parsed.token) } });
  if (!token || token.revokedAt) return null;
  // Conditional, so a token revoked a moment ago is refused rather than marked as used.
  const { count } = await db.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { lastUsedAt: now } });
  return count === 1 ? { ...token, lastUsedAt: now } : null;
}
