-- The payment journey (docs/payment-journey.md#one-query) reaches every source from the payment by
-- an index. The one it lacked: a Payout voucher's messages by their payment (few rows carry one,
-- so the index is partial, SQL only).
CREATE INDEX "Notification_paymentId_idx" ON "Notification"("paymentId") WHERE "paymentId" IS NOT NULL;
