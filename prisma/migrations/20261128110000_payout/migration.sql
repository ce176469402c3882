-- Payout: several batches per run (one file each, with the sequence number of the day), delivery attempts,
-- voucher codes and outcomes on payments, the message sender's bookkeeping, and alerts.

-- CreateEnum
CREATE TYPE "DeliveryOutcome" AS ENUM ('STARTED', 'RENAMING', 'DELIVERED', 'ALREADY_DELIVERED', 'FAILED', 'UNCERTAIN');

-- AlterEnum
ALTER TYPE "BatchStatus" ADD VALUE 'DELIVERY_UNCERTAIN';

-- AlterEnum
ALTER TYPE "HoldReason" ADD VALUE 'ADDRESS_EMPTY_AFTER_CLEANING';
ALTER TYPE "HoldReason" ADD VALUE 'INVALID_POSTCODE';

-- AlterEnum
ALTER TYPE "NotificationStatus" ADD VALUE 'SENDING';

-- DropForeignKey
ALTER TABLE "Notification" DROP CONSTRAINT "Notification_claimantId_fkey";

-- AlterTable
ALTER TABLE "Batch" ADD COLUMN     "businessDate" DATE,
ADD COLUMN     "deliveredAt" TIMESTAMP(3),
ADD COLUMN     "deliveryError" TEXT,
ADD COLUMN     "deliveryTarget" TEXT,
ADD COLUMN     "sequenceNo" INTEGER;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "claimToken" UUID,
ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "dedupeKey" TEXT,
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3),
ADD COLUMN     "paymentId" UUID,
ADD COLUMN     "providerStatus" TEXT,
ALTER COLUMN "claimantId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "codeIssuedAt" TIMESTAMP(3),
ADD COLUMN     "codeUploadId" UUID,
ADD COLUMN     "paymentCode" VARCHAR(13),
ADD COLUMN     "postOfficeStatusDate" DATE,
ADD COLUMN     "voucherExpiresOn" DATE;

-- AlterTable
ALTER TABLE "Upload" ADD COLUMN     "batchId" UUID;

-- CreateTable
CREATE TABLE "BatchDelivery" (
    "id" UUID NOT NULL,
    "batchId" UUID NOT NULL,
    "attemptNo" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "outcome" "DeliveryOutcome" NOT NULL DEFAULT 'STARTED',
    "target" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "triggeredBy" TEXT NOT NULL,
    "error" TEXT,

    CONSTRAINT "BatchDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "runId" UUID,
    "batchId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" UUID,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BatchDelivery_batchId_attemptNo_key" ON "BatchDelivery"("batchId", "attemptNo");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_eventKey_key" ON "Alert"("eventKey");

-- CreateIndex
CREATE INDEX "Alert_createdAt_idx" ON "Alert"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Batch_method_businessDate_sequenceNo_key" ON "Batch"("method", "businessDate", "sequenceNo");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_paymentCode_key" ON "Payment"("paymentCode");

-- AddForeignKey
ALTER TABLE "BatchDelivery" ADD CONSTRAINT "BatchDelivery_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_claimantId_fkey" FOREIGN KEY ("claimantId") REFERENCES "Claimant"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- A bank run makes one batch, a Payout run one per file (docs/runs.md). The old index covered every
-- method, it now covers bank batches only.
DROP INDEX "Batch_one_live_per_run";
CREATE UNIQUE INDEX "Batch_one_live_bank_per_run" ON "Batch"("runId") WHERE "status" <> 'VOID' AND "method" = 'BANK';

-- The message sender takes the oldest due messages first.
CREATE INDEX "Notification_due_idx" ON "Notification"("nextAttemptAt", "createdAt") WHERE "status" = 'QUEUED';
