// The Post Office's daily reconciliation report, streamed in (docs/file-formats.md#payout-reconciliation-upload).
import { routes } from "@/lib/auth/access";
import { reconciliationUpload } from "@/lib/payout/reconciliation/import-reconciliation";
import { handleUpload } from "../upload-handler";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return handleUpload(request, { roles: routes.uploadPayoutReconciliation, spec: reconciliationUpload, page: "/payout" });
}
