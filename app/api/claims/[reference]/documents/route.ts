// POST /api/claims/<reference>/documents: the online service sends a piece of evidence (a receipt,
// a ticket, a visit confirmation) as multipart/form-data with the file in the field "file". Bearer
// API token. 201 {id}; the same file again for the same claim 200 {id} of the first (nothing new
// kept); 400 not PNG/JPEG/PDF, too large or empty; 422 infected; 404 unknown claim; 409 the claim
// has its most documents; 503 no scanner; 401 bad token (docs/documents.md#the-intake-api).
import { apiError, apiJson } from "@/lib/api/json-response";
import { withApiToken } from "@/lib/api/with-api-token";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { isClaimReference } from "@/lib/references/claim-reference";
import { createFileStore } from "@/lib/storage";
import { withDocumentPart } from "@/lib/documents/read-document-form";
import { DocumentRefusal, findClaimForDocument, receiveDocument } from "@/lib/documents/receive-document";
import { MIB } from "@/lib/documents/rules/document-limits";
import { chooseScanner } from "@/lib/documents/rules/scanner-choice";

export const dynamic = "force-dynamic";

const NO_FILE = 'Send the document as multipart/form-data, the file in a field named "file"';

export const POST = withApiToken<{ reference: string }>(async (request, { token, params }) => {
  const reference = params.reference.toUpperCase();
  if (!isClaimReference(reference)) return apiError(`There is no claim with reference ${params.reference}`, 404);
  const settings = config();
  const maxBytes = settings.documentMaxMb * MIB;
  try {
    const claim = await findClaimForDocument(prisma, reference);
    const received = await withDocumentPart(request, { maxBytes, noFileMessage: NO_FILE }, ({ fileName, source }) =>
      receiveDocument({
        db: prisma,
        store: createFileStore(settings),
        scanner: chooseScanner(settings),
        claim,
        fileName,
        source,
        sender: { source: "API", tokenName: token.name },
        maxBytes,
      }),
    );
    return apiJson({ id: received.documentId }, received.duplicate ? 200 : 201);
  } catch (error) {
    if (!(error instanceof DocumentRefusal)) throw error;
    // A refusal before the body was read to its end: the connection closes, so the rest is never read.
    return apiError(error.message, error.status, { Connection: "close" });
  }
});
