-- CreateTable
CREATE TABLE "PaymentStatusHistory" (
    "id" BIGSERIAL NOT NULL,
    "paymentId" UUID NOT NULL,
    "moveId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "fromStatus" "PaymentStatus",
    "toStatus" "PaymentStatus" NOT NULL,
    "holdReason" "HoldReason",
    "at" TIMESTAMP(3) NOT NULL,
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL,
    "reason" TEXT,
    "runId" UUID,
    "batchId" UUID,
    "uploadId" UUID,

    CONSTRAINT "PaymentStatusHistory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PaymentStatusHistory_paymentId_id_idx" ON "PaymentStatusHistory"("paymentId", "id");

-- AddForeignKey
ALTER TABLE "PaymentStatusHistory" ADD CONSTRAINT "PaymentStatusHistory_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- One owner for Payment.status (docs/domain.md#what-moves-a-payment): movePayments
-- (lib/payments/move-payments.ts) sets the transaction-local setting disburse.payment_owner to
-- 'on' around its own statements, and this trigger refuses any other change of the status, so no
-- later code can bypass the history, audit and timeline it writes. The WHEN clause keeps updates
-- that leave the status alone from calling the function at all. The function body is an E-string
-- with \073 for its semicolons because the migration adapter splits statements on every literal one.
CREATE FUNCTION "payment_status_owner"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN IF coalesce(current_setting(''disburse.payment_owner'', true), '''') <> ''on'' THEN RAISE EXCEPTION ''Payment.status changes only through movePayments (lib/payments/move-payments.ts): % -> % refused for payment %'', OLD.status, NEW.status, OLD.id USING ERRCODE = ''P0001''\073 END IF\073 RETURN NEW\073 END'
;
CREATE TRIGGER "Payment_status_owner" BEFORE UPDATE OF "status" ON "Payment" FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status") EXECUTE FUNCTION "payment_status_owner"();
