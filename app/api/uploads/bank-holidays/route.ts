// The England and Wales bank holidays, streamed in (docs/file-formats.md#bank-holidays-upload).
import { routes } from "@/lib/auth/access";
import { bankHolidaysUpload } from "@/lib/bank-holidays/import-bank-holidays";
import { handleUpload } from "../upload-handler";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return handleUpload(request, { roles: routes.uploadBankHolidays, spec: bankHolidaysUpload, page: "/admin/bank-holidays" });
}
