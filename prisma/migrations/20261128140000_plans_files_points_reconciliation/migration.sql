-- Recurring benefits, second part: enrolment files (the upload's benefit plan, the person each row
-- touched, and the bank details and payment methods a file proposed), payment points fixed on each
-- cycle payment, their managers, and the person flag a failed cycle payment raises.
-- AlterTable
ALTER TABLE "BankDetailChange" ADD COLUMN     "uploadId" UUID;

-- AlterTable
ALTER TABLE "Claimant" ADD COLUMN     "bankDetailsNeededSince" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN     "pendingMethodUploadId" UUID;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "paymentPointId" UUID;

-- AlterTable
ALTER TABLE "PaymentPoint" ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "PaymentPoint" ALTER COLUMN "updatedAt" DROP DEFAULT;

-- AlterTable
ALTER TABLE "Upload" ADD COLUMN     "benefitPlanId" UUID;

-- AlterTable
ALTER TABLE "UploadRow" ADD COLUMN     "personId" UUID;

-- CreateIndex
CREATE INDEX "BankDetailChange_uploadId_idx" ON "BankDetailChange"("uploadId");

-- CreateIndex
CREATE INDEX "Payment_cycleId_paymentPointId_idx" ON "Payment"("cycleId", "paymentPointId");

-- CreateIndex
CREATE INDEX "PaymentPoint_managerId_idx" ON "PaymentPoint"("managerId");

-- AddForeignKey
ALTER TABLE "BankDetailChange" ADD CONSTRAINT "BankDetailChange_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_paymentPointId_fkey" FOREIGN KEY ("paymentPointId") REFERENCES "PaymentPoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_benefitPlanId_fkey" FOREIGN KEY ("benefitPlanId") REFERENCES "BenefitPlan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UploadRow" ADD CONSTRAINT "UploadRow_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Claimant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_pendingMethodUploadId_fkey" FOREIGN KEY ("pendingMethodUploadId") REFERENCES "Upload"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentPoint" ADD CONSTRAINT "PaymentPoint_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

