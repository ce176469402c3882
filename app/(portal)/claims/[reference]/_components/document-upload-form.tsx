"use client";

import { useSearchParams } from "next/navigation";
import type { ActionResult } from "@/lib/actions/result";
import { UploadForm } from "@/components/upload-form";
import { describeSize } from "@/lib/documents/rules/document-limits";
import { isRefusalReason, refusalMessage } from "@/lib/documents/rules/refusal-reasons";

/**
 * A caseworker attaches a document (docs/documents.md#attaching-on-the-claim-page). The file goes
 * to the attach route, by script with progress, or as a plain form post that the route answers with
 * a redirect back here naming the outcome (?document=<id> or ?document-error=<reason>), read below.
 */
export function DocumentUploadForm({ reference, maxBytes, scanned }: { reference: string; maxBytes: number; scanned: boolean }) {
  // Null where no router renders the page (the page-rendering tests): no outcome to show then.
  const params = useSearchParams();
  return (
    <>
      <h3 className="mb-4 text-xl font-bold">Attach a document</h3>
      <UploadForm
        endpoint={`/api/claims/${encodeURIComponent(reference)}/documents/attach`}
        id="document-file"
        label="Document"
        hint={`A PNG or JPEG image, or a PDF, smaller than ${describeSize(maxBytes)}. ${
          scanned
            ? "It is checked for viruses before it is kept."
            : "No virus scanner is configured (demo): it will be kept unscanned."
        }`}
        accept=".png,.jpg,.jpeg,.pdf,image/png,image/jpeg,application/pdf"
        submitLabel="Attach document"
        initialResult={resultFromQuery(params?.get("document") ?? null, params?.get("document-error") ?? null, maxBytes)}
      />
    </>
  );
}

function resultFromQuery(documentId: string | null, error: string | null, maxBytes: number): ActionResult<never> | null {
  if (isRefusalReason(error)) {
    const message = refusalMessage(error, maxBytes);
    return { ok: false, code: "VALIDATION", message, fieldErrors: { file: [message] } };
  }
  return documentId ? { ok: true, message: "The document was attached." } : null;
}
