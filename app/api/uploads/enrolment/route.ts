// A benefit plan's enrolment file, streamed in (docs/enrolment-file.md). `?plan=<code>` names the
// plan the file enrols into (the plan's uploads page posts there); the Upload records it.
import { apiError } from "@/lib/api/json-response";
import { routes } from "@/lib/auth/access";
import { bankLookupKey } from "@/lib/bank-details/lookup-key";
import { requireApiRole } from "@/lib/auth/guards";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { prisma } from "@/lib/db";
import { findBenefitPlan } from "@/lib/plans/benefit-plans/load-benefit-plan";
import { enrolmentFileUpload } from "@/lib/plans/enrolments/enrolment-file/import-enrolment-file";
import type { UploadKindSpec } from "@/lib/uploads/receive-upload";
import { handleUpload } from "../upload-handler";

export const dynamic = "force-dynamic";

const roles = routes.uploadEnrolment;

export async function POST(request: Request) {
  // The role first, so that only plan managers learn which plan codes exist.
  const { response } = await requireApiRole(roles);
  if (response) return response;
  const code = new URL(request.url).searchParams.get("plan") ?? "";
  const plan = code.trim() ? await findBenefitPlan(prisma, code) : null;
  if (!plan)
    return apiError(code.trim() ? `There is no benefit plan with code ${code}` : "Say which benefit plan the file is for", 404);
  return handleUpload(request, {
    roles,
    spec: () =>
      enrolmentFileUpload({ benefitPlanId: plan.id, key: bankDetailsKey(), lookupKey: bankLookupKey() }) as UploadKindSpec,
    page: `/benefit-plans/${encodeURIComponent(plan.code)}/uploads`,
  });
}
