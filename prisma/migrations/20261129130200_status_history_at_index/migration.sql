-- The dashboards count status changes by day (docs/dashboards.md): without this they read the whole history.
CREATE INDEX "PaymentStatusHistory_at_idx" ON "PaymentStatusHistory"("at");
