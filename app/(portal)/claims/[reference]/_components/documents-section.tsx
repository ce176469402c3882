import { formatDateTime } from "@/components/format-date";
import { Tag } from "@/components/tag";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { listClaimDocuments, type ClaimDocumentView } from "@/lib/documents/list-claim-documents";
import { describeSize, MIB, NOT_SCANNED_LABEL } from "@/lib/documents/rules/document-limits";
import { isImage } from "@/lib/documents/rules/document-type";
import { chooseScanner } from "@/lib/documents/rules/scanner-choice";
import { DocumentUploadForm } from "./document-upload-form";

// The claim's evidence (issue 13 item 2, docs/documents.md#on-the-claim-page): each document with
// who sent it and when, images shown inline and PDFs opened in the browser's own viewer through the
// download route (which checks the role and records the view), and for caseworkers a form to attach one.

const TYPE_LABELS: Record<string, string> = { "image/png": "PNG image", "image/jpeg": "JPEG image", "application/pdf": "PDF" };

export async function DocumentsSection({
  claimId,
  reference,
  isCaseworker,
}: {
  claimId: string;
  reference: string;
  isCaseworker: boolean;
}) {
  const documents = await listClaimDocuments(prisma, claimId);
  const settings = config();
  const maxBytes = settings.documentMaxMb * MIB;
  const scanner = chooseScanner(settings).kind;
  return (
    <section aria-labelledby="documents-heading" className="mt-10" id="documents">
      <h2 id="documents-heading" className="mb-4 text-2xl font-bold">
        Documents
      </h2>
      {documents.length === 0 ? (
        <p className="mb-6">No documents have been sent or attached.</p>
      ) : (
        <ul className="mb-6 space-y-6">
          {documents.map((document) => (
            <DocumentItem key={document.id} document={document} reference={reference} />
          ))}
        </ul>
      )}
      {isCaseworker && <DocumentUploadForm reference={reference} maxBytes={maxBytes} scanned={scanner !== "none-demo"} />}
    </section>
  );
}

function DocumentItem({ document, reference }: { document: ClaimDocumentView; reference: string }) {
  const href = `/api/claims/${encodeURIComponent(reference)}/documents/${document.id}`;
  const who = document.source === "API" ? "the online service" : (document.addedBy ?? "a caseworker");
  return (
    <li className="border-b border-mid-grey pb-6">
      <p className="mb-1 font-bold break-words">{document.fileName}</p>
      <p className="mb-2 text-secondary">
        {TYPE_LABELS[document.contentType] ?? document.contentType}, {describeSize(document.sizeBytes)}. Sent by {who},{" "}
        <time dateTime={document.createdAt.toISOString()}>{formatDateTime(document.createdAt)}</time>.
      </p>
      {!document.scanned && (
        <p className="mb-2">
          <Tag colour="yellow">{NOT_SCANNED_LABEL}</Tag>
        </p>
      )}
      {isImage(document.contentType) ? (
        <a href={href} target="_blank" rel="noopener noreferrer" className="inline-block text-link underline">
          {/* The route, not next/image: each view goes through the role check and the audit log. */}
          {/* oxlint-disable-next-line nextjs/no-img-element */}
          <img
            src={href}
            alt={`Preview of ${document.fileName}`}
            loading="lazy"
            className="mb-2 block max-h-64 max-w-full border border-mid-grey"
          />
          Open {document.fileName} full size (opens in a new tab)
        </a>
      ) : (
        <a href={href} target="_blank" rel="noopener noreferrer" className="text-link underline">
          Open {document.fileName} (PDF, opens in a new tab)
        </a>
      )}
    </li>
  );
}
