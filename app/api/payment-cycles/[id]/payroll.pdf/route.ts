// The approved payroll of a cycle as a PDF report (docs/payroll-review.md#pdf-report), streamed as
// it is drawn; refused with 409 and the reason until the cycle is approved.
import { z } from "zod";
import { apiError } from "@/lib/api/json-response";
import { routes } from "@/lib/auth/access";
import { requireApiRole } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { httpStatusFor, isAppError } from "@/lib/errors";
import { openPayrollReport } from "@/lib/plans/cycles/payroll-report/open-payroll-report";
import { streamChunks } from "@/lib/api/stream-chunks";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { user, response } = await requireApiRole(routes.payrollReport);
  if (response) return response;
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return apiError("There is no such payment cycle", 404);
  let report: Awaited<ReturnType<typeof openPayrollReport>>;
  try {
    report = await openPayrollReport(prisma, { cycleId: id.toLowerCase(), actor: user, now: new Date() });
  } catch (error) {
    if (isAppError(error)) return apiError(error.message, httpStatusFor[error.code]);
    throw error;
  }
  if (!report) return apiError("There is no such payment cycle", 404);
  const ascii = report.fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(streamChunks(report.chunks), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${ascii}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
