// POST /api/claims/<reference>/documents/attach: a caseworker attaches a document from the claim
// page (docs/documents.md#attaching-on-the-claim-page). A route handler, not a server action: the
// file streams in and the limit is the document limit, where server actions keep Next's 1 MB
// (next.config.js). The form posts here with or without JavaScript:
// - the page's script (components/upload-form.tsx) asks for application/x-ndjson and gets one line,
//   {"result": …}, the action result shape;
// - a form posted without JavaScript asks for text/html and is sent back to the claim page with
//   ?document=<id> or ?document-error=<reason>, which the page's form reads back;
// - anything else gets the result as JSON with the intake API's statuses.
import type { ActionResult } from "@/lib/actions/result";
import { routes } from "@/lib/auth/access";
import { requireApiRole } from "@/lib/auth/guards";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { withDocumentPart } from "@/lib/documents/read-document-form";
import { DocumentRefusal, findClaimForDocument, receiveDocument } from "@/lib/documents/receive-document";
import { MIB, NO_DOCUMENT_MESSAGE } from "@/lib/documents/rules/document-limits";
import type { RefusalReason } from "@/lib/documents/rules/refusal-reasons";
import { chooseScanner } from "@/lib/documents/rules/scanner-choice";
import { log } from "@/lib/log";
import { isClaimReference } from "@/lib/references/claim-reference";
import { createFileStore } from "@/lib/storage";

export const dynamic = "force-dynamic";

const NDJSON = "application/x-ndjson";

export async function POST(request: Request, context: { params: Promise<{ reference: string }> }): Promise<Response> {
  const { user, response } = await requireApiRole(routes.attachClaimDocument);
  if (response) return response;
  const reference = (await context.params).reference.toUpperCase();
  const accept = request.headers.get("accept") ?? "";
  const mode = accept.includes(NDJSON) ? "ndjson" : accept.includes("text/html") ? "html" : "json";
  const settings = config();
  const maxBytes = settings.documentMaxMb * MIB;
  const page = `/claims/${encodeURIComponent(reference)}`;

  try {
    if (!isClaimReference(reference))
      throw new DocumentRefusal(404, `There is no claim with reference ${reference}`, "not-found");
    const claim = await findClaimForDocument(prisma, reference);
    const received = await withDocumentPart(request, { maxBytes, noFileMessage: NO_DOCUMENT_MESSAGE }, ({ fileName, source }) =>
      receiveDocument({
        db: prisma,
        store: createFileStore(settings),
        scanner: chooseScanner(settings),
        claim,
        fileName,
        source,
        sender: { source: "STAFF", user: { id: user.id, email: user.email } },
        maxBytes,
      }),
    );
    const message = received.duplicate ? "This file is already attached to the claim." : "The document was attached.";
    if (mode === "html") return redirect(`${page}?document=${received.documentId}#documents`);
    return answer(mode, { ok: true, message }, received.duplicate ? 200 : 201);
  } catch (error) {
    if (!(error instanceof DocumentRefusal)) {
      log.error({ err: error, reference, userId: user.id }, "attaching a document failed");
      const failed: ActionResult = { ok: false, code: "INTERNAL", message: "Something went wrong. Nothing was kept. Try again." };
      return mode === "html" ? redirect(`${page}?document-error=broken-form#documents`) : answer(mode, failed, 500);
    }
    if (mode === "html") return redirect(`${page}?document-error=${error.reason satisfies RefusalReason}#documents`);
    const result: ActionResult = {
      ok: false,
      code: error.status === 404 ? "NOT_FOUND" : "VALIDATION",
      message: error.message,
      fieldErrors: { file: [error.message] },
    };
    return answer(mode, result, error.status);
  }
}

/** Connection: close, so a refused body's unread rest is never read. */
function redirect(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, Connection: "close" } });
}

function answer(mode: "ndjson" | "json", result: ActionResult, status: number): Response {
  const type = mode === "ndjson" ? `${NDJSON}; charset=utf-8` : "application/json";
  return new Response(JSON.stringify({ result }) + (mode === "ndjson" ? "\n" : ""), {
    status: mode === "ndjson" ? 200 : status,
    headers: { "Content-Type": type, "Cache-Control": "no-store", Connection: "close" },
  });
}
