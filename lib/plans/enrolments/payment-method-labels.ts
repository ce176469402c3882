import type { PaymentMethod } from "@/lib/generated/prisma/enums";

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  BANK: "Bank transfer",
  CASH: "Cash at a Post Office",
};
