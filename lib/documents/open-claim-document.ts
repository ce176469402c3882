import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db";
import type { FileStore, FileStream } from "@/lib/storage/file-store";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type OpenedDocument = { fileName: string; contentType: string; sizeBytes: number; sha256: string; file: FileStream };

/**
 * A claim's document for viewing, recorded in the audit log as viewed by `viewer` before a byte is
 * sent (docs/documents.md#viewing). Null when the claim has no such document.
 */
export async function openClaimDocument(options: {
  db: Db;
  store: FileStore;
  reference: string;
  documentId: string;
  viewer: { id: string; email: string };
}): Promise<OpenedDocument | null> {
  const { db, store, reference, documentId, viewer } = options;
  if (!UUID.test(documentId)) return null;
  const document = await db.claimDocument.findFirst({ where: { id: documentId, claim: { reference } } });
  if (!document) return null;
  // Opened first, so a view is recorded only for a file that can be sent.
  const file = await store.stream(document.storageKey);
  try {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: viewer,
        action: "claim.document-viewed",
        entityType: "ClaimDocument",
        entityId: document.id,
        after: { claimId: document.claimId, fileName: document.fileName },
      }),
    );
  } catch (error) {
    await file.stream.cancel().catch(() => undefined);
    throw error;
  }
  return {
    fileName: document.fileName,
    contentType: document.contentType,
    sizeBytes: document.sizeBytes,
    sha256: document.sha256,
    file,
  };
}
