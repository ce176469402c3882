// A batch's reconciliation as CSV (docs/batch-reconciliation.md#the-csv-export): one row per line
// of its file, streamed from the database as it is written, formula-safe, audited.
import { z } from "zod";
import { apiError } from "@/lib/api/json-response";
import { attachmentResponse } from "@/lib/api/attachment-response";
import { routes } from "@/lib/auth/access";
import { requireApiRole } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { openReconciliationExport } from "@/lib/batches/reconciliation/open-reconciliation-export";
import { streamChunks } from "@/lib/api/stream-chunks";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { user, response } = await requireApiRole(routes.batchReconciliationExport);
  if (response) return response;
  const { id } = await params;
  const batchId = z.uuid().safeParse(id).success ? id.toLowerCase() : null;
  const exported = batchId ? await openReconciliationExport(prisma, { batchId, actor: user }) : null;
  if (!exported) return apiError("There is no such batch", 404);
  return attachmentResponse({
    body: streamChunks(exported.chunks),
    fileName: exported.fileName,
    contentType: "text/csv; charset=utf-8",
  });
}
