// GET /api/claims/<reference>/documents/<id>: an evidence document's bytes, shown in the browser
// (images inline on the claim page, PDFs in the browser's own viewer), for whoever may open the
// claim; every view is audited (docs/documents.md#viewing). The type is the one found in the bytes
// when the document arrived, never sniffed again by the browser, and the response is sandboxed: a
// file that is somehow more than it seems cannot run script as the portal.
import { requireApiRole } from "@/lib/auth/guards";
import { routes } from "@/lib/auth/access";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { openClaimDocument } from "@/lib/documents/open-claim-document";
import { documentSecurityPolicy } from "@/lib/documents/rules/document-headers";
import { inlineDisposition } from "@/lib/documents/rules/document-file-name";
import { apiError } from "@/lib/api/json-response";
import { isClaimReference } from "@/lib/references/claim-reference";
import { createFileStore } from "@/lib/storage";

export const dynamic = "force-dynamic";

export async function GET(
  _request: Request,
  context: { params: Promise<{ reference: string; documentId: string }> },
): Promise<Response> {
  const { user, response } = await requireApiRole(routes.claimDocument);
  if (response) return response;
  const { reference: given, documentId } = await context.params;
  const reference = given.toUpperCase();
  const opened = isClaimReference(reference)
    ? await openClaimDocument({
        db: prisma,
        store: createFileStore(config()),
        reference,
        documentId,
        viewer: { id: user.id, email: user.email },
      })
    : null;
  if (!opened) return apiError("There is no such document on this claim", 404);
  return new Response(opened.file.stream, {
    status: 200,
    headers: {
      "Content-Type": opened.contentType,
      "Content-Length": String(opened.sizeBytes),
      "Content-Disposition": inlineDisposition(opened.fileName),
      "Content-Security-Policy": documentSecurityPolicy(opened.contentType),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}
