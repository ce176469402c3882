-- Two people for every money move: second approval of large claims, role grants approved by a
-- second admin, single-use activation links, second-admin voids and returns of batches. And the keyed
-- hash of sort code + account number beside each bank-details ciphertext (BANK_DETAILS_LOOKUP_KEY).
-- CreateEnum
CREATE TYPE "ActivationPurpose" AS ENUM ('NEW_ACCOUNT', 'PASSWORD_RESET');

-- CreateEnum
CREATE TYPE "FourEyesStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "BatchActionKind" AS ENUM ('VOID', 'RETURN');

-- AlterEnum
ALTER TYPE "ClaimStatus" ADD VALUE 'AWAITING_SECOND_APPROVAL';

-- AlterTable
ALTER TABLE "BankDetailChange" ADD COLUMN     "lookupHash" CHAR(64);

-- AlterTable
ALTER TABLE "BankDetails" ADD COLUMN     "lookupHash" CHAR(64);

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "firstApprovedAt" TIMESTAMP(3),
ADD COLUMN     "firstApprovedById" UUID;

-- AlterTable
ALTER TABLE "FileLine" ADD COLUMN     "bankLookupHash" CHAR(64);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "awaitingApproval" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "UserActivation" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "tokenHash" CHAR(64) NOT NULL,
    "purpose" "ActivationPurpose" NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "UserActivation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleGrant" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "previousRole" "Role",
    "status" "FourEyesStatus" NOT NULL DEFAULT 'PENDING',
    "proposedById" UUID NOT NULL,
    "proposedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,

    CONSTRAINT "RoleGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BatchActionRequest" (
    "id" UUID NOT NULL,
    "batchId" UUID NOT NULL,
    "kind" "BatchActionKind" NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "FourEyesStatus" NOT NULL DEFAULT 'PENDING',
    "requestedById" UUID NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,

    CONSTRAINT "BatchActionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "UserActivation_tokenHash_key" ON "UserActivation"("tokenHash");

-- CreateIndex
CREATE INDEX "UserActivation_userId_idx" ON "UserActivation"("userId");

-- CreateIndex
CREATE INDEX "RoleGrant_status_proposedAt_idx" ON "RoleGrant"("status", "proposedAt");

-- CreateIndex
CREATE INDEX "RoleGrant_userId_idx" ON "RoleGrant"("userId");

-- CreateIndex
CREATE INDEX "BatchActionRequest_batchId_status_idx" ON "BatchActionRequest"("batchId", "status");

-- CreateIndex
CREATE INDEX "BatchActionRequest_status_requestedAt_idx" ON "BatchActionRequest"("status", "requestedAt");

-- CreateIndex
CREATE INDEX "BankDetailChange_lookupHash_idx" ON "BankDetailChange"("lookupHash");

-- CreateIndex
CREATE INDEX "BankDetails_lookupHash_idx" ON "BankDetails"("lookupHash");

-- AddForeignKey
ALTER TABLE "UserActivation" ADD CONSTRAINT "UserActivation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserActivation" ADD CONSTRAINT "UserActivation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchActionRequest" ADD CONSTRAINT "BatchActionRequest_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchActionRequest" ADD CONSTRAINT "BatchActionRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchActionRequest" ADD CONSTRAINT "BatchActionRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_firstApprovedById_fkey" FOREIGN KEY ("firstApprovedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

