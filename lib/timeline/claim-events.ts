import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";

/** Adds to the claim's timeline inside the caller's transaction. */
export async function addClaimEvent(
  tx: Tx,
  event: { claimId: string; actorId?: string | null; kind: string; summary: string; detail?: Prisma.InputJsonValue; at?: Date },
): Promise<void> {
  await tx.claimEvent.create({
    data: {
      claimId: event.claimId,
      actorId: event.actorId ?? null,
      kind: event.kind,
      summary: event.summary,
      detail: event.detail,
      at: event.at,
    },
  });
}
