-- Recurring benefits (docs/plans.md): people with references, benefit plans and enrolments with
-- dated attributes, versioned payment plans, payment cycles with their timeline, payment points,
-- and payments that belong to a person and to either a claim or a cycle.
-- CreateEnum
CREATE TYPE "PaymentCycleStatus" AS ENUM ('PENDING_APPROVAL', 'REJECTED', 'APPROVED', 'RECONCILED');

-- AlterEnum
ALTER TYPE "HoldReason" ADD VALUE 'PAYMENT_METHOD_CHANGE_PENDING';

-- AlterEnum
ALTER TYPE "PaymentStatus" ADD VALUE 'DRAFT';
ALTER TYPE "PaymentStatus" ADD VALUE 'SUSPENDED';
ALTER TYPE "PaymentStatus" ADD VALUE 'CARRIED_OVER';

-- AlterEnum
ALTER TYPE "UploadKind" ADD VALUE 'ENROLMENT';

-- AlterTable
ALTER TABLE "Claimant" ADD COLUMN     "reference" VARCHAR(7);

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "cycleId" UUID,
ADD COLUMN     "personId" UUID,
ALTER COLUMN "claimId" DROP NOT NULL;

-- Every payment belongs to a person: the claim's claimant for the payments made so far.
UPDATE "Payment" p SET "personId" = c."claimantId" FROM "Claim" c WHERE c.id = p."claimId";
ALTER TABLE "Payment" ALTER COLUMN "personId" SET NOT NULL;

-- CreateTable
CREATE TABLE "BenefitPlan" (
    "id" UUID NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BenefitPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enrolment" (
    "id" UUID NOT NULL,
    "benefitPlanId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "paymentMethod" "PaymentMethod" NOT NULL,
    "pendingPaymentMethod" "PaymentMethod",
    "pendingMethodProposedById" UUID,
    "pendingMethodProposedAt" TIMESTAMP(3),
    "enrolledFrom" DATE NOT NULL,
    "enrolledTo" DATE,
    "endReason" TEXT,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Enrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnrolmentAttributes" (
    "id" UUID NOT NULL,
    "enrolmentId" UUID NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "values" JSONB NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnrolmentAttributes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentPlan" (
    "id" UUID NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "name" TEXT NOT NULL,
    "benefitPlanId" UUID NOT NULL,
    "periodicityMonths" INTEGER NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "carryOverUnpaid" BOOLEAN NOT NULL DEFAULT false,
    "letterTemplateCode" TEXT,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentPlanVersion" (
    "id" UUID NOT NULL,
    "paymentPlanId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "rule" JSONB NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentPlanVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentCycle" (
    "id" UUID NOT NULL,
    "paymentPlanId" UUID NOT NULL,
    "planVersionId" UUID NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "status" "PaymentCycleStatus" NOT NULL DEFAULT 'PENDING_APPROVAL',
    "payrollVersion" INTEGER NOT NULL DEFAULT 1,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "rejectionReason" TEXT,
    "reconciledById" UUID,
    "reconciledAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PaymentCycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentCycleEvent" (
    "id" BIGSERIAL NOT NULL,
    "cycleId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "detail" JSONB,

    CONSTRAINT "PaymentCycleEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentLine" (
    "id" BIGSERIAL NOT NULL,
    "paymentId" UUID NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "amountPence" INTEGER NOT NULL,
    "carriedFromPaymentId" UUID,

    CONSTRAINT "PaymentLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentPoint" (
    "id" UUID NOT NULL,
    "benefitPlanId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "filters" JSONB NOT NULL DEFAULT '[]',
    "managerId" UUID,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentPoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BenefitPlan_code_key" ON "BenefitPlan"("code");

-- CreateIndex
CREATE INDEX "Enrolment_personId_idx" ON "Enrolment"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Enrolment_benefitPlanId_personId_key" ON "Enrolment"("benefitPlanId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "EnrolmentAttributes_enrolmentId_effectiveFrom_key" ON "EnrolmentAttributes"("enrolmentId", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentPlan_code_key" ON "PaymentPlan"("code");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentPlanVersion_paymentPlanId_version_key" ON "PaymentPlanVersion"("paymentPlanId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentCycle_paymentPlanId_periodStart_key" ON "PaymentCycle"("paymentPlanId", "periodStart");

-- CreateIndex
CREATE INDEX "PaymentCycleEvent_cycleId_id_idx" ON "PaymentCycleEvent"("cycleId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentLine_carriedFromPaymentId_key" ON "PaymentLine"("carriedFromPaymentId");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentLine_paymentId_lineNo_key" ON "PaymentLine"("paymentId", "lineNo");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentPoint_benefitPlanId_name_key" ON "PaymentPoint"("benefitPlanId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentPoint_benefitPlanId_position_key" ON "PaymentPoint"("benefitPlanId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Claimant_reference_key" ON "Claimant"("reference");

-- CreateIndex
CREATE INDEX "Payment_personId_idx" ON "Payment"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_cycleId_personId_key" ON "Payment"("cycleId", "personId");

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Claimant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "PaymentCycle"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_benefitPlanId_fkey" FOREIGN KEY ("benefitPlanId") REFERENCES "BenefitPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Claimant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnrolmentAttributes" ADD CONSTRAINT "EnrolmentAttributes_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentPlan" ADD CONSTRAINT "PaymentPlan_benefitPlanId_fkey" FOREIGN KEY ("benefitPlanId") REFERENCES "BenefitPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentPlanVersion" ADD CONSTRAINT "PaymentPlanVersion_paymentPlanId_fkey" FOREIGN KEY ("paymentPlanId") REFERENCES "PaymentPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentCycle" ADD CONSTRAINT "PaymentCycle_paymentPlanId_fkey" FOREIGN KEY ("paymentPlanId") REFERENCES "PaymentPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentCycle" ADD CONSTRAINT "PaymentCycle_planVersionId_fkey" FOREIGN KEY ("planVersionId") REFERENCES "PaymentPlanVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentCycleEvent" ADD CONSTRAINT "PaymentCycleEvent_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "PaymentCycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentLine" ADD CONSTRAINT "PaymentLine_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentPoint" ADD CONSTRAINT "PaymentPoint_benefitPlanId_fkey" FOREIGN KEY ("benefitPlanId") REFERENCES "BenefitPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A payment is for a claim or for a cycle, never both, never neither.
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_claim_or_cycle" CHECK (("claimId" IS NULL) <> ("cycleId" IS NULL));

-- At most one payment per claim that is waiting, sent, paid or cashed (docs/domain.md#payments): a
-- cashed voucher counts too, so a reissue can never pay a claim twice.
DROP INDEX "Payment_one_live_per_claim";
CREATE UNIQUE INDEX "Payment_one_live_per_claim" ON "Payment"("claimId") WHERE "status" IN ('NEW', 'SENT', 'PAID', 'CASHED');
