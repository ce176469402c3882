// The Post Office's payment-code file for a Payout batch, streamed in
// (docs/file-formats.md#payout-payment-code-upload). `?batch=<id>` names the batch it answers (the
// batch page's form); without it the batch is the one the file's references are on.
import { routes } from "@/lib/auth/access";
import { config } from "@/lib/config";
import { paymentCodesUpload } from "@/lib/payout/payment-codes/import-payment-codes";
import type { UploadKindSpec } from "@/lib/uploads/receive-upload";
import { handleUpload } from "../upload-handler";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  const batchId = new URL(request.url).searchParams.get("batch");
  return handleUpload(request, {
    roles: routes.uploadPayoutPaymentCodes,
    spec: () =>
      paymentCodesUpload({ batchId: batchId || null, voucherValidityDays: config().voucherValidityDays }) as UploadKindSpec,
    page: batchId ? `/payout/batches/${encodeURIComponent(batchId)}` : "/payout",
  });
}
