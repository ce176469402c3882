import type { Db } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";

/** Revokes a token for good: requests carrying it are refused from now on. */
export async function revokeApiToken(options: {
  db: Db;
  actor: AuditActor;
  tokenId: string;
  now: Date;
}): Promise<{ name: string }> {
  const { db, actor, tokenId, now } = options;
  return db.$transaction(async (tx) => {
    // Conditional update, so two admins revoking at once cannot both succeed.
    const { count } = await tx.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: now } });
    const token = await tx.apiToken.findUnique({ where: { id: tokenId } });
    if (!token) throw new AppError("NOT_FOUND", "There is no such API token");
    if (count === 0) throw new AppError("INVALID_STATE", `The token "${token.name}" has already been revoked`);
    await recordAudit(tx, {
      actor,
      action: "api-token.revoked",
      entityType: "ApiToken",
      entityId: token.id,
      before: { name: token.name, prefix: token.prefix, revoked: false },
      after: { name: token.name, prefix: token.prefix, revoked: true },
    });
    return { name: token.name };
  });
}
