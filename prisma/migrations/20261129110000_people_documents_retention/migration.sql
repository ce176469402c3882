-- People (possible matches, merges, name and address changes), evidence documents, visit details and
-- the retention policy's erasure mark (issues 12 and 13).
-- CreateEnum
CREATE TYPE "DocumentSource" AS ENUM ('API', 'STAFF');

-- AlterEnum
ALTER TYPE "HoldReason" ADD VALUE 'PERSON_DETAILS_CHANGE_PENDING';

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "possibleMatchId" UUID;

-- AlterTable
ALTER TABLE "Claimant" ADD COLUMN     "erasedAt" TIMESTAMP(3),
ADD COLUMN     "mergedIntoId" UUID;

-- CreateTable
CREATE TABLE "ClaimVisit" (
    "claimId" UUID NOT NULL,
    "prison" TEXT NOT NULL,
    "prisonerNumber" VARCHAR(20) NOT NULL,
    "relationship" TEXT NOT NULL,
    "visitAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClaimVisit_pkey" PRIMARY KEY ("claimId")
);

-- CreateTable
CREATE TABLE "ClaimDocument" (
    "id" UUID NOT NULL,
    "claimId" UUID NOT NULL,
    "source" "DocumentSource" NOT NULL,
    "responseEventId" UUID,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "storageKey" TEXT NOT NULL,
    "addedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClaimDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonDetailsChange" (
    "id" UUID NOT NULL,
    "claimantId" UUID NOT NULL,
    "status" "BankDetailChangeStatus" NOT NULL DEFAULT 'PENDING',
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "addressLine1" TEXT NOT NULL,
    "addressLine2" TEXT,
    "town" TEXT NOT NULL,
    "county" TEXT,
    "postcode" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "proposedById" UUID NOT NULL,
    "proposedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,

    CONSTRAINT "PersonDetailsChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ClaimVisit_prisonerNumber_idx" ON "ClaimVisit"("prisonerNumber");

-- CreateIndex
CREATE UNIQUE INDEX "ClaimDocument_storageKey_key" ON "ClaimDocument"("storageKey");

-- CreateIndex
CREATE INDEX "ClaimDocument_claimId_createdAt_idx" ON "ClaimDocument"("claimId", "createdAt");

-- CreateIndex
CREATE INDEX "PersonDetailsChange_claimantId_status_idx" ON "PersonDetailsChange"("claimantId", "status");

-- CreateIndex
CREATE INDEX "PersonDetailsChange_status_proposedAt_idx" ON "PersonDetailsChange"("status", "proposedAt");

-- AddForeignKey
ALTER TABLE "Claimant" ADD CONSTRAINT "Claimant_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Claimant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_possibleMatchId_fkey" FOREIGN KEY ("possibleMatchId") REFERENCES "Claimant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimVisit" ADD CONSTRAINT "ClaimVisit_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimDocument" ADD CONSTRAINT "ClaimDocument_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimDocument" ADD CONSTRAINT "ClaimDocument_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonDetailsChange" ADD CONSTRAINT "PersonDetailsChange_claimantId_fkey" FOREIGN KEY ("claimantId") REFERENCES "Claimant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonDetailsChange" ADD CONSTRAINT "PersonDetailsChange_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonDetailsChange" ADD CONSTRAINT "PersonDetailsChange_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

