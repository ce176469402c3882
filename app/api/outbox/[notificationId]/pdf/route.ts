// A queued letter, or the voucher PDF an email links to, for /outbox: rendered by the sender's own
// renderer, so an admin sees the bytes Notify gets. Admins only (the outbox's audience).
import { z } from "zod";
import { letterKit } from "@/app/(portal)/outbox/letter-kit";
import { apiError } from "@/lib/api/json-response";
import { routes } from "@/lib/auth/access";
import { requireApiRole } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { loadVoucherDetails } from "@/lib/notify/load-voucher-details";
import { hasPdf, messagePdf, pdfFileName } from "@/lib/notify/render-message";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ notificationId: string }> }) {
  const { response } = await requireApiRole(routes.outboxPdf);
  if (response) return response;
  const { notificationId } = await params;
  if (!z.uuid().safeParse(notificationId).success) return apiError("There is no such message", 404);
  const message = await prisma.notification.findUnique({
    where: { id: notificationId },
    select: { id: true, channel: true, template: true, recipient: true, personalisation: true, createdAt: true, paymentId: true },
  });
  if (!message || !hasPdf(message)) return apiError("There is no such letter", 404);
  const voucher = (await loadVoucherDetails(prisma, [message.id])).get(message.id) ?? null;
  const rendered = { ...message, voucher };
  let pdf: Uint8Array | null;
  try {
    pdf = await messagePdf(rendered, letterKit);
  } catch (error) {
    // The sender refuses the same letter (it is FAILED with this reason): say why, print nothing.
    if (error instanceof RangeError) return apiError(`This letter cannot be made: ${error.message}`, 409);
    throw error;
  }
  if (!pdf) return apiError("There is no such letter", 404);
  const fileName = pdfFileName(rendered);
  return new Response(new Blob([new Uint8Array(pdf)]), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${fileName}"`,
      "Content-Length": String(pdf.byteLength),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
