// Downloads of batch files (AccessPay CSV, ADI journal) for SSCL finance and admins, streamed from
// the store; every download is recorded and shown on Bank Admin.
import { z } from "zod";
import { apiError } from "@/lib/api/json-response";
import { attachmentResponse } from "@/lib/api/attachment-response";
import { routes } from "@/lib/auth/access";
import { requireApiRole } from "@/lib/auth/guards";
import { openFileDownload } from "@/lib/batches/open-file-download";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { httpStatusFor, isAppError } from "@/lib/errors";
import { createFileStore } from "@/lib/storage";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ fileId: string }> }) {
  const { user, response } = await requireApiRole(routes.fileDownload);
  if (response) return response;
  const { fileId } = await params;
  if (!z.uuid().safeParse(fileId).success) return apiError("There is no such file", 404);
  try {
    const file = await openFileDownload({ db: prisma, store: createFileStore(config()), fileId, user, now: new Date() });
    return attachmentResponse({
      body: file.stream,
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.size,
      sha256Hex: file.sha256,
    });
  } catch (error) {
    if (isAppError(error)) return apiError(error.message, httpStatusFor[error.code]);
    throw error;
  }
}
