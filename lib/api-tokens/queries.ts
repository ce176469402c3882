import type { Db } from "@/lib/db";

/** Every token, active first, newest first; never the hash. */
export async function listApiTokens(db: Db) {
  const tokens = await db.apiToken.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdBy: { select: { name: true } },
    },
  });
  return tokens.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdByName: t.createdBy.name,
    createdAt: t.createdAt,
    lastUsedAt: t.lastUsedAt,
    revokedAt: t.revokedAt,
  }));
}

export type ApiTokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];
