import type { Db } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { generateApiToken, hashApiToken, visiblePrefix } from "./token-format";

export const API_TOKEN_NAME_MAX = 100;

/**
 * Makes an API token for a client of the intake API. The token is returned once, for the admin
 * to hand over; only its sha256 and a short prefix are kept.
 */
export async function createApiToken(options: {
  db: Db;
  actor: AuditActor;
  name: string;
}): Promise<{ id: string; token: string }> {
  const { db, actor } = options;
  const name = options.name.trim();
  if (!name) throw new AppError("VALIDATION", "Enter a name for the token", { name: ["Enter a name for the token"] });
  if (name.length > API_TOKEN_NAME_MAX) {
    const message = `Name must be ${API_TOKEN_NAME_MAX} characters or fewer`;
    throw new AppError("VALIDATION", message, { name: [message] });
  }
  const token = generateApiToken();
  const prefix = visiblePrefix(token);
  const createdById = "id" in actor ? actor.id : null;
  if (!createdById) throw new Error("createApiToken: tokens are created by a signed-in admin");

  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({ data: { name, tokenHash: hashApiToken(token), prefix, createdById } });
    // The prefix alone cannot be used to authenticate; the token and its hash stay out of the log.
    await recordAudit(tx, {
      actor,
      action: "api-token.created",
      entityType: "ApiToken",
      entityId: row.id,
      after: { name, prefix },
    });
    return { id: row.id, token };
  });
}
