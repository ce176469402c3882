-- Finding a payment (docs/payment-search.md#how-it-stays-fast). Reference, id and payment code are
-- unique already, and a claim's payments are found by "claimId". What this adds:

-- The payments list and its export, newest first by ("createdAt", id), alone or behind a status or a
-- method filter, so a page reads from the cursor and stops, at 1,000,000 payments as at ten.
CREATE INDEX "Payment_createdAt_id_idx" ON "Payment"("createdAt", "id");
CREATE INDEX "Payment_status_createdAt_id_idx" ON "Payment"("status", "createdAt", "id");
CREATE INDEX "Payment_method_createdAt_id_idx" ON "Payment"("method", "createdAt", "id");

-- A Payout payment code whatever case it is typed in (the unique index compares it exactly).
CREATE INDEX "Payment_upper_paymentCode_idx" ON "Payment"(upper("paymentCode")) WHERE "paymentCode" IS NOT NULL;

-- A file by its name whatever its case, for "<file name> line 12" and a file's lines.
CREATE INDEX "BatchFile_lower_fileName_idx" ON "BatchFile"(lower("fileName"));
