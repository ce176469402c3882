// SSCL's failed-payments file, streamed in (docs/file-formats.md#sscl-failed-payments-upload).
import { routes } from "@/lib/auth/access";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { failedPaymentsUpload } from "@/lib/direct-payments/failed-payments/import-failed-payments";
import { handleUpload } from "../upload-handler";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return handleUpload(request, {
    roles: routes.uploadFailedPayments,
    spec: () => failedPaymentsUpload(bankDetailsKey()),
    page: "/bank-admin",
  });
}
