import type { Db } from "@/lib/db";
import type { DocumentSource } from "@/lib/generated/prisma/enums";

export type ClaimDocumentView = {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  source: DocumentSource;
  /** The caseworker who attached it; null when the online service sent it. */
  addedBy: string | null;
  createdAt: Date;
  responseEventId: string | null;
  /** False only for a document kept in demo mode with no scanner (docs/documents.md#virus-scanning). */
  scanned: boolean;
};

/** A claim's documents, oldest first. Whether each was scanned is on its timeline entry. */
export async function listClaimDocuments(db: Db, claimId: string): Promise<ClaimDocumentView[]> {
  const [documents, events] = await Promise.all([
    db.claimDocument.findMany({
      where: { claimId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        fileName: true,
        contentType: true,
        sizeBytes: true,
        source: true,
        createdAt: true,
        responseEventId: true,
        addedBy: { select: { name: true } },
      },
    }),
    db.claimEvent.findMany({ where: { claimId, kind: "claim.document-added" }, select: { detail: true } }),
  ]);
  const unscanned = new Set(
    events
      .map((e) => e.detail as { documentId?: string; scanned?: boolean } | null)
      .filter((d) => d?.scanned === false && typeof d.documentId === "string")
      .map((d) => d!.documentId!),
  );
  return documents.map(({ addedBy, ...d }) => ({ ...d, addedBy: addedBy?.name ?? null, scanned: !unscanned.has(d.id) }));
}
