// A cycle's payroll as CSV (docs/payroll-review.md#csv-export), streamed from the database as it is
// written. `?point=<id>` narrows it to one payment point's payments, and then the point's manager
// may have it too, whatever their role; `?point=none` to the payments of no point.
import { z } from "zod";
import { apiError } from "@/lib/api/json-response";
import { attachmentResponse } from "@/lib/api/attachment-response";
import { mayUse, routes } from "@/lib/auth/access";
import { requireApiRole } from "@/lib/auth/guards";
import { ALL_ROLES } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { NO_POINT } from "@/lib/plans/cycles/rules/payroll-params";
import { findCyclePoint, openPayrollExport, type ExportScope } from "@/lib/plans/cycles/payroll-export/open-payroll-export";
import { mayViewPointPayroll } from "@/lib/plans/payment-points/point-access";
import { streamChunks } from "@/lib/api/stream-chunks";

export const dynamic = "force-dynamic";

const EXPORTERS = routes.payrollExport;

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const pointParam = new URL(request.url).searchParams.get("point");
  const onePoint = pointParam !== null && pointParam !== NO_POINT;
  // A point's manager may hold any role: past sign-in, their right to this point is checked below.
  const { user, response } = await requireApiRole(onePoint ? ALL_ROLES : EXPORTERS);
  if (response) return response;
  const forbidden = () => apiError("You do not have permission to do this", 403);
  const { id } = await params;
  const cycleId = z.uuid().safeParse(id).success ? id.toLowerCase() : null;

  let scope: ExportScope = { kind: pointParam === NO_POINT ? "no-point" : "all" };
  if (onePoint) {
    const point = cycleId && z.uuid().safeParse(pointParam).success ? await findCyclePoint(prisma, cycleId, pointParam) : null;
    // Whoever may not export every payroll learns nothing about cycles or points that are not theirs.
    if (!point) return mayUse(EXPORTERS, user.role) ? apiError("There is no such payment point in this cycle", 404) : forbidden();
    if (!mayViewPointPayroll(user, point)) return forbidden();
    scope = { kind: "point", point };
  }
  if (!cycleId) return apiError("There is no such payment cycle", 404);
  const exported = await openPayrollExport(prisma, { cycleId, scope, actor: user });
  if (!exported) return apiError("There is no such payment cycle", 404);
  return attachmentResponse({
    body: streamChunks(exported.chunks),
    fileName: exported.fileName,
    contentType: "text/csv; charset=utf-8",
  });
}
