// One person's data as a zip, for an admin answering a subject-access request (UK GDPR): details,
// claims, expense lines, payments, messages, enrolments and the claims' documents
// (docs/security.md#personal-data-over-time). Streamed; every export is audited with who and when.
import { z } from "zod";
import { apiError } from "@/lib/api/json-response";
import { attachmentResponse } from "@/lib/api/attachment-response";
import { routes } from "@/lib/auth/access";
import { requireApiRole } from "@/lib/auth/guards";
import { config } from "@/lib/config";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { prisma } from "@/lib/db";
import { createFileStore } from "@/lib/storage";
import { openSubjectAccessExport } from "@/lib/subject-access/open-subject-access-export";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { user, response } = await requireApiRole(routes.subjectAccessExport);
  if (response) return response;
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return apiError("There is no such person", 404);
  const exported = await openSubjectAccessExport(prisma, {
    personId: id.toLowerCase(),
    actor: user,
    store: createFileStore(config()),
    key: bankDetailsKey(),
    now: new Date(),
  });
  if (!exported) return apiError("There is no such person", 404);
  return attachmentResponse({ body: exported.stream, fileName: exported.fileName, contentType: "application/zip" });
}
