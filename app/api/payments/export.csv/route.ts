// The payments a search and filters find, as CSV (docs/payment-search.md#the-csv-export): the same
// query parameters as /payments, streamed from a database cursor, audited when it starts. SSCL
// finance, accountants and admins (the access table's paymentsExport); 401 signed out, 403 other roles.
import { apiFieldErrors } from "@/lib/api/json-response";
import { attachmentResponse } from "@/lib/api/attachment-response";
import { routes } from "@/lib/auth/access";
import { requireApiRole } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { openPaymentsExport } from "@/lib/payments/export/open-payments-export";
import { parsePaymentListParams } from "@/lib/payments/search/payment-list-params";
import { streamChunks } from "@/lib/api/stream-chunks";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { user, response } = await requireApiRole(routes.paymentsExport);
  if (response) return response;
  const { params, problems } = parsePaymentListParams(new URL(request.url).searchParams);
  // The list drops a filter it cannot read and says so; a file must never quietly hold more than was asked.
  if (problems.length > 0) {
    const errors: Record<string, string[]> = {};
    for (const problem of problems) (errors[problem.field] ??= []).push(problem.message);
    return apiFieldErrors(errors);
  }
  const exported = await openPaymentsExport(prisma, {
    params: { ...params, after: undefined, before: undefined },
    actor: user,
    now: new Date(),
  });
  return attachmentResponse({
    body: streamChunks(exported.chunks),
    fileName: exported.fileName,
    contentType: "text/csv; charset=utf-8",
  });
}
