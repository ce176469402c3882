// The rows of a refused upload with an added Error column (docs/file-formats.md#error-report),
// rebuilt from the kept file and the recorded per-row outcomes, streamed as it is made.
import { z } from "zod";
import { apiError } from "@/lib/api/json-response";
import { attachmentResponse } from "@/lib/api/attachment-response";
import { mayDownloadErrorReport, routes } from "@/lib/auth/access";
import { requireApiRole } from "@/lib/auth/guards";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { openUploadErrorReport } from "@/lib/uploads/load-upload-error-report";
import { createFileStore } from "@/lib/storage";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ uploadId: string }> }) {
  const { user, response } = await requireApiRole(routes.uploadErrorReport);
  if (response) return response;
  const { uploadId } = await params;
  if (!z.uuid().safeParse(uploadId).success) return apiError("There is no such upload", 404);
  const upload = await prisma.upload.findUnique({ where: { id: uploadId }, select: { kind: true } });
  if (upload && !mayDownloadErrorReport(upload.kind, user.role)) {
    return apiError("You do not have permission to do this", 403);
  }
  const report = await openUploadErrorReport(prisma, createFileStore(config()), uploadId);
  if (!report) return apiError("There is no error report for this upload", 404);
  const encoder = new TextEncoder();
  const chunks = report.chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return?.(undefined);
    },
  });
  return attachmentResponse({ body, fileName: report.fileName, contentType: "text/csv; charset=utf-8" });
}
