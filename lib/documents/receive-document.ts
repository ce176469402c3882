import { randomUUID } from "node:crypto";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db";
import type { DocumentSource } from "@/lib/generated/prisma/enums";
import type { FileStore } from "@/lib/storage/file-store";
import { sha256Hex } from "@/lib/storage/file-store";
import { addClaimEvent } from "@/lib/timeline/claim-events";
import { scanWithClamd, ScannerUnavailableError } from "./clamd-client";
import { cleanDocumentFileName } from "./rules/document-file-name";
import {
  describeSize,
  NO_SCANNER_MESSAGE,
  NOT_SCANNED_LABEL,
  SCANNER_DOWN_MESSAGE,
  documentTooLargeMessage,
  EMPTY_DOCUMENT_MESSAGE,
  INFECTED_MESSAGE,
  MAX_DOCUMENTS_PER_CLAIM,
  TOO_MANY_DOCUMENTS_MESSAGE,
} from "./rules/document-limits";
import { SNIFF_BYTES, sniffDocumentType, WRONG_TYPE_MESSAGE, type DocumentType } from "./rules/document-type";
import type { RefusalReason } from "./rules/refusal-reasons";
import type { DocumentScanner } from "./rules/scanner-choice";
import { log } from "@/lib/log";

/**
 * One evidence document in (docs/documents.md): read up to the limit, scanned by clamd, typed
 * from its bytes, then stored write-once and recorded in one transaction with its timeline entry
 * and audit row. A refused file (too large, empty, not PNG/JPEG/PDF, infected, scanner down) is
 * never written anywhere: it is only ever in this process's memory, at most the limit plus one chunk.
 */

/** Why a document was refused, with the HTTP status the intake API answers. */
export class DocumentRefusal extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 422 | 503,
    message: string,
    /** Which refusal, for a page to say again after a form posted without JavaScript. */
    readonly reason: RefusalReason,
  ) {
    super(message);
    this.name = "DocumentRefusal";
  }
}

export type DocumentSender = { source: "API"; tokenName: string } | { source: "STAFF"; user: { id: string; email: string } };

export type ReceivedDocument = { documentId: string; duplicate: boolean; scanned: boolean; contentType: string };

/** A response posted through the API within this long before a document counts as the document's response. */
export const RESPONSE_WINDOW_MS = 24 * 60 * 60 * 1000;

export async function findClaimForDocument(db: Db, reference: string): Promise<{ id: string; reference: string }> {
  const claim = await db.claim.findUnique({ where: { reference }, select: { id: true, reference: true } });
  if (!claim) throw new DocumentRefusal(404, `There is no claim with reference ${reference}`, "not-found");
  return claim;
}

/** The bytes of the file, refused at the first chunk past `maxBytes`: the rest is never read. */
export async function readDocumentBytes(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) throw new DocumentRefusal(400, documentTooLargeMessage(maxBytes), "too-large");
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  if (total === 0) throw new DocumentRefusal(400, EMPTY_DOCUMENT_MESSAGE, "empty");
  return Buffer.concat(chunks, total);
}

export async function receiveDocument(options: {
  db: Db;
  store: FileStore;
  scanner: DocumentScanner;
  claim: { id: string; reference: string };
  fileName: string;
  source: AsyncIterable<Uint8Array>;
  sender: DocumentSender;
  maxBytes: number;
  now?: Date;
}): Promise<ReceivedDocument> {
  const { db, store, scanner, claim, sender } = options;
  const now = options.now ?? new Date();
  // Refuse before reading a byte when nothing could ever be kept.
  if (scanner.kind === "none-refuse") throw new DocumentRefusal(503, NO_SCANNER_MESSAGE, "no-scanner");

  const bytes = await readDocumentBytes(options.source, options.maxBytes);
  const type = sniffDocumentType(bytes.subarray(0, SNIFF_BYTES));
  const fileName = cleanDocumentFileName(options.fileName, type?.contentType);
  const sha256 = sha256Hex(bytes);
  const actor: AuditActor = sender.source === "API" ? { system: `API token "${sender.tokenName}"` } : sender.user;

  let scanned = false;
  if (scanner.kind === "clamd") {
    let verdict;
    try {
      verdict = await scanWithClamd(scanner.address, bytes);
    } catch (error) {
      if (!(error instanceof ScannerUnavailableError)) throw error;
      log.error({ err: error, claimId: claim.id }, "virus scanner unavailable: document refused");
      throw new DocumentRefusal(503, SCANNER_DOWN_MESSAGE, "scanner-down");
    }
    if (!verdict.clean) {
      // The attempt is on record (who, which claim, what was found); the bytes are not.
      await db.$transaction((tx) =>
        recordAudit(tx, {
          actor,
          action: "claim.document-infected",
          entityType: "Claim",
          entityId: claim.id,
          after: {
            fileName,
            contentType: type?.contentType ?? null,
            sizeBytes: bytes.length,
            sha256,
            signature: verdict.signature,
          },
        }),
      );
      throw new DocumentRefusal(422, INFECTED_MESSAGE, "infected");
    }
    scanned = true;
  }
  // Typed after the scan, so an infected file is called infected whatever it pretends to be.
  if (!type) throw new DocumentRefusal(400, WRONG_TYPE_MESSAGE, "wrong-type");

  return db.$transaction(async (tx) => {
    // One document at a time per claim, so the count and the duplicate check below hold.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`claim-documents:${claim.id}`}))`;
    const same = await tx.claimDocument.findFirst({ where: { claimId: claim.id, sha256 }, select: { id: true } });
    if (same) return { documentId: same.id, duplicate: true, scanned, contentType: type.contentType };
    const count = await tx.claimDocument.count({ where: { claimId: claim.id } });
    if (count >= MAX_DOCUMENTS_PER_CLAIM) throw new DocumentRefusal(409, TOO_MANY_DOCUMENTS_MESSAGE, "too-many");

    const documentId = randomUUID();
    const storageKey = `documents/${claim.id}/${documentId}`;
    const source: DocumentSource = sender.source;
    const responseEventId = sender.source === "API" ? await recentResponseEvent(tx, claim.id, now) : null;
    await tx.claimDocument.create({
      data: {
        id: documentId,
        claimId: claim.id,
        source,
        responseEventId,
        fileName,
        contentType: type.contentType,
        sizeBytes: bytes.length,
        sha256,
        storageKey,
        addedById: sender.source === "STAFF" ? sender.user.id : null,
        createdAt: now,
      },
    });
    await store.putOnce(storageKey, bytes, type.contentType);
    await addClaimEvent(tx, {
      claimId: claim.id,
      actorId: sender.source === "STAFF" ? sender.user.id : null,
      kind: "claim.document-added",
      summary: eventSummary(fileName, type, bytes.length, scanned),
      detail: { documentId, scanned },
      at: now,
    });
    await recordAudit(tx, {
      actor,
      action: "claim.document-added",
      entityType: "ClaimDocument",
      entityId: documentId,
      after: {
        claimId: claim.id,
        fileName,
        contentType: type.contentType,
        sizeBytes: bytes.length,
        sha256,
        source,
        responseEventId,
        scanned,
      },
    });
    return { documentId, duplicate: false, scanned, contentType: type.contentType };
  });
}

function eventSummary(fileName: string, type: DocumentType, size: number, scanned: boolean): string {
  const base = `Document added: ${fileName} (${type.label}, ${describeSize(size)})`;
  return scanned ? base : `${base}. ${NOT_SCANNED_LABEL}`;
}

/**
 * The response a document sent through the API belongs to: the claim's latest response, when it
 * came within RESPONSE_WINDOW_MS and no request for information followed it (the online service
 * sends a response, then its documents).
 */
async function recentResponseEvent(tx: Tx, claimId: string, now: Date): Promise<string | null> {
  const latest = await tx.claimEvent.findFirst({
    where: { claimId, kind: { in: ["claim.response-received", "claim.information-requested"] } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { id: true, kind: true, at: true },
  });
  if (!latest || latest.kind !== "claim.response-received") return null;
  return now.getTime() - latest.at.getTime() <= RESPONSE_WINDOW_MS ? latest.id : null;
}
