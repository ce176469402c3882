-- CreateEnum
CREATE TYPE "Role" AS ENUM ('CASEWORKER', 'SSCL_FINANCE', 'ACCOUNTANT', 'PLAN_MANAGER', 'ADMIN');

-- CreateEnum
CREATE TYPE "ContactPreference" AS ENUM ('EMAIL', 'SMS', 'LETTER');

-- CreateEnum
CREATE TYPE "ClaimStatus" AS ENUM ('NEW', 'INFORMATION_REQUESTED', 'UPDATED', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "InformationRequestKind" AS ENUM ('GENERAL', 'BANK_DETAILS');

-- CreateEnum
CREATE TYPE "ClaimSource" AS ENUM ('API', 'ASSISTED_DIGITAL', 'DEMO');

-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('BANK', 'CASH');

-- CreateEnum
CREATE TYPE "ExpenseType" AS ENUM ('BUS', 'TRAIN', 'TAXI', 'CAR_MILEAGE', 'ACCOMMODATION', 'REFRESHMENTS', 'OTHER');

-- CreateEnum
CREATE TYPE "LineDecision" AS ENUM ('APPROVED', 'APPROVED_DIFFERENT_AMOUNT', 'REJECTED');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('NEW', 'SENT', 'PAID', 'FAILED', 'CANCELLED', 'CASHED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "HoldReason" AS ENUM ('BAD_BANK_DETAILS', 'BANK_DETAILS_CHANGE_PENDING', 'NAME_EMPTY_AFTER_CLEANING', 'NO_BANK_DETAILS');

-- CreateEnum
CREATE TYPE "BankDetailChangeStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "RunKind" AS ENUM ('DIRECT_PAYMENTS', 'PAYOUT');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'EMPTY', 'FAILED');

-- CreateEnum
CREATE TYPE "BatchStatus" AS ENUM ('OPEN', 'STORED', 'DELIVERED', 'VOID');

-- CreateEnum
CREATE TYPE "UploadKind" AS ENUM ('SSCL_FAILED_PAYMENTS', 'PAYOUT_PAYMENT_CODES', 'PAYOUT_RECONCILIATION', 'BANK_HOLIDAYS');

-- CreateEnum
CREATE TYPE "UploadStatus" AS ENUM ('RECEIVED', 'VALIDATED', 'REJECTED', 'APPLIED', 'DUPLICATE');

-- CreateEnum
CREATE TYPE "UploadRowOutcome" AS ENUM ('MATCHED', 'UNCHANGED', 'ERROR');

-- CreateEnum
CREATE TYPE "NotificationChannel" AS ENUM ('EMAIL', 'SMS', 'LETTER');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('QUEUED', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "disabledAt" TIMESTAMP(3),
    "lastSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "email" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("email")
);

-- CreateTable
CREATE TABLE "Claimant" (
    "id" UUID NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "dateOfBirth" DATE NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "addressLine1" TEXT NOT NULL,
    "addressLine2" TEXT,
    "town" TEXT NOT NULL,
    "county" TEXT,
    "postcode" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "contactPreference" "ContactPreference" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Claimant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankDetails" (
    "id" UUID NOT NULL,
    "claimantId" UUID NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BankDetails_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankDetailChange" (
    "id" UUID NOT NULL,
    "claimantId" UUID NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "status" "BankDetailChangeStatus" NOT NULL DEFAULT 'PENDING',
    "proposedById" UUID,
    "proposedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,

    CONSTRAINT "BankDetailChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" UUID NOT NULL,
    "reference" VARCHAR(7) NOT NULL,
    "claimantId" UUID NOT NULL,
    "status" "ClaimStatus" NOT NULL DEFAULT 'NEW',
    "informationRequestKind" "InformationRequestKind",
    "eventDate" DATE NOT NULL,
    "paymentMethod" "PaymentMethod" NOT NULL,
    "source" "ClaimSource" NOT NULL,
    "assignedToId" UUID,
    "keyedInById" UUID,
    "rejectionReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "needsAttention" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExpenseLine" (
    "id" UUID NOT NULL,
    "claimId" UUID NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "type" "ExpenseType" NOT NULL,
    "description" TEXT NOT NULL,
    "claimedPence" INTEGER NOT NULL,
    "approvedPence" INTEGER,
    "decision" "LineDecision",
    "decisionNote" TEXT,

    CONSTRAINT "ExpenseLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimEvent" (
    "id" UUID NOT NULL,
    "claimId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "kind" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "detail" JSONB,

    CONSTRAINT "ClaimEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" UUID NOT NULL,
    "reference" VARCHAR(18) NOT NULL,
    "claimId" UUID NOT NULL,
    "method" "PaymentMethod" NOT NULL,
    "amountPence" INTEGER NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'NEW',
    "holdReason" "HoldReason",
    "failureReason" TEXT,
    "cancelReason" TEXT,
    "replacesId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "paidAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" UUID NOT NULL,
    "kind" "RunKind" NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'RUNNING',
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "triggeredBy" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "paymentCount" INTEGER NOT NULL DEFAULT 0,
    "totalPence" BIGINT NOT NULL DEFAULT 0,
    "heldCount" INTEGER NOT NULL DEFAULT 0,
    "warnings" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Batch" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "method" "PaymentMethod" NOT NULL,
    "status" "BatchStatus" NOT NULL DEFAULT 'OPEN',
    "paymentCount" INTEGER NOT NULL,
    "totalPence" BIGINT NOT NULL,
    "voidReason" TEXT,
    "voidedAt" TIMESTAMP(3),
    "voidedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BatchFile" (
    "id" UUID NOT NULL,
    "batchId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "lineCount" INTEGER NOT NULL,
    "totalPence" BIGINT NOT NULL,
    "isVoid" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BatchFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FileLine" (
    "id" UUID NOT NULL,
    "batchId" UUID NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "paymentId" UUID NOT NULL,
    "amountPence" INTEGER NOT NULL,
    "fileReference" TEXT NOT NULL,
    "bankDetailsCiphertext" TEXT,

    CONSTRAINT "FileLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FileDownload" (
    "id" UUID NOT NULL,
    "batchFileId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "downloadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FileDownload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Upload" (
    "id" UUID NOT NULL,
    "kind" "UploadKind" NOT NULL,
    "status" "UploadStatus" NOT NULL DEFAULT 'RECEIVED',
    "fileName" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "uploadedById" UUID NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rowCount" INTEGER NOT NULL DEFAULT 0,
    "matched" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT,

    CONSTRAINT "Upload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UploadRow" (
    "id" UUID NOT NULL,
    "uploadId" UUID NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "outcome" "UploadRowOutcome" NOT NULL,
    "message" TEXT,
    "paymentId" UUID,

    CONSTRAINT "UploadRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" CHAR(64) NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "id" UUID NOT NULL,
    "apiTokenId" UUID NOT NULL,
    "key" VARCHAR(100) NOT NULL,
    "route" TEXT NOT NULL,
    "requestSha256" CHAR(64) NOT NULL,
    "responseStatus" INTEGER NOT NULL,
    "responseBody" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "claimantId" UUID NOT NULL,
    "claimId" UUID,
    "channel" "NotificationChannel" NOT NULL,
    "template" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "personalisation" JSONB NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'QUEUED',
    "providerId" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankHoliday" (
    "date" DATE NOT NULL,
    "title" TEXT NOT NULL,

    CONSTRAINT "BankHoliday_pkey" PRIMARY KEY ("date")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Claimant_lastName_firstName_idx" ON "Claimant"("lastName", "firstName");

-- CreateIndex
CREATE UNIQUE INDEX "BankDetails_claimantId_key" ON "BankDetails"("claimantId");

-- CreateIndex
CREATE INDEX "BankDetailChange_claimantId_status_idx" ON "BankDetailChange"("claimantId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Claim_reference_key" ON "Claim"("reference");

-- CreateIndex
CREATE INDEX "Claim_status_createdAt_id_idx" ON "Claim"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Claim_assignedToId_status_idx" ON "Claim"("assignedToId", "status");

-- CreateIndex
CREATE INDEX "Claim_eventDate_id_idx" ON "Claim"("eventDate", "id");

-- CreateIndex
CREATE INDEX "Claim_claimantId_idx" ON "Claim"("claimantId");

-- CreateIndex
CREATE INDEX "Claim_needsAttention_status_idx" ON "Claim"("needsAttention", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ExpenseLine_claimId_lineNo_key" ON "ExpenseLine"("claimId", "lineNo");

-- CreateIndex
CREATE INDEX "ClaimEvent_claimId_at_idx" ON "ClaimEvent"("claimId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_reference_key" ON "Payment"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_replacesId_key" ON "Payment"("replacesId");

-- CreateIndex
CREATE INDEX "Payment_status_method_holdReason_idx" ON "Payment"("status", "method", "holdReason");

-- CreateIndex
CREATE INDEX "Payment_claimId_idx" ON "Payment"("claimId");

-- CreateIndex
CREATE INDEX "Run_kind_startedAt_idx" ON "Run"("kind", "startedAt");

-- CreateIndex
CREATE INDEX "Run_kind_status_idx" ON "Run"("kind", "status");

-- CreateIndex
CREATE UNIQUE INDEX "BatchFile_storageKey_key" ON "BatchFile"("storageKey");

-- CreateIndex
CREATE UNIQUE INDEX "BatchFile_batchId_kind_key" ON "BatchFile"("batchId", "kind");

-- CreateIndex
CREATE INDEX "FileLine_paymentId_idx" ON "FileLine"("paymentId");

-- CreateIndex
CREATE INDEX "FileLine_fileReference_idx" ON "FileLine"("fileReference");

-- CreateIndex
CREATE UNIQUE INDEX "FileLine_batchId_lineNo_key" ON "FileLine"("batchId", "lineNo");

-- CreateIndex
CREATE UNIQUE INDEX "FileLine_batchId_paymentId_key" ON "FileLine"("batchId", "paymentId");

-- CreateIndex
CREATE INDEX "FileDownload_batchFileId_downloadedAt_idx" ON "FileDownload"("batchFileId", "downloadedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Upload_storageKey_key" ON "Upload"("storageKey");

-- CreateIndex
CREATE INDEX "Upload_kind_sha256_idx" ON "Upload"("kind", "sha256");

-- CreateIndex
CREATE UNIQUE INDEX "UploadRow_uploadId_lineNo_key" ON "UploadRow"("uploadId", "lineNo");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyKey_apiTokenId_route_key_key" ON "IdempotencyKey"("apiTokenId", "route", "key");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_idx" ON "AuditLog"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "Notification_status_createdAt_idx" ON "Notification"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_claimId_idx" ON "Notification"("claimId");

-- AddForeignKey
ALTER TABLE "BankDetails" ADD CONSTRAINT "BankDetails_claimantId_fkey" FOREIGN KEY ("claimantId") REFERENCES "Claimant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankDetailChange" ADD CONSTRAINT "BankDetailChange_claimantId_fkey" FOREIGN KEY ("claimantId") REFERENCES "Claimant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankDetailChange" ADD CONSTRAINT "BankDetailChange_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankDetailChange" ADD CONSTRAINT "BankDetailChange_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_claimantId_fkey" FOREIGN KEY ("claimantId") REFERENCES "Claimant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_assignedToId_fkey" FOREIGN KEY ("assignedToId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_keyedInById_fkey" FOREIGN KEY ("keyedInById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseLine" ADD CONSTRAINT "ExpenseLine_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimEvent" ADD CONSTRAINT "ClaimEvent_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimEvent" ADD CONSTRAINT "ClaimEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_replacesId_fkey" FOREIGN KEY ("replacesId") REFERENCES "Payment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Batch" ADD CONSTRAINT "Batch_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchFile" ADD CONSTRAINT "BatchFile_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FileLine" ADD CONSTRAINT "FileLine_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FileLine" ADD CONSTRAINT "FileLine_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FileDownload" ADD CONSTRAINT "FileDownload_batchFileId_fkey" FOREIGN KEY ("batchFileId") REFERENCES "BatchFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FileDownload" ADD CONSTRAINT "FileDownload_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UploadRow" ADD CONSTRAINT "UploadRow_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UploadRow" ADD CONSTRAINT "UploadRow_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdempotencyKey" ADD CONSTRAINT "IdempotencyKey_apiTokenId_fkey" FOREIGN KEY ("apiTokenId") REFERENCES "ApiToken"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_claimantId_fkey" FOREIGN KEY ("claimantId") REFERENCES "Claimant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- At most one live payment (NEW, SENT or PAID) per claim.
CREATE UNIQUE INDEX "Payment_one_live_per_claim" ON "Payment"("claimId") WHERE "status" IN ('NEW', 'SENT', 'PAID');

-- Money is positive pence.
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_amount_positive" CHECK ("amountPence" > 0);
ALTER TABLE "ExpenseLine" ADD CONSTRAINT "ExpenseLine_claimed_positive" CHECK ("claimedPence" > 0);
ALTER TABLE "ExpenseLine" ADD CONSTRAINT "ExpenseLine_approved_range" CHECK ("approvedPence" IS NULL OR ("approvedPence" > 0 AND "approvedPence" <= "claimedPence"));

-- The audit log is append-only. The function body is an E-string with \073 for its semicolons
-- because the migration adapter splits statements on every literal semicolon.
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN RAISE EXCEPTION ''AuditLog is append-only: % refused'', TG_OP\073 END'
;
CREATE TRIGGER "AuditLog_no_update_delete" BEFORE UPDATE OR DELETE ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
CREATE TRIGGER "AuditLog_no_truncate" BEFORE TRUNCATE ON "AuditLog" FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
