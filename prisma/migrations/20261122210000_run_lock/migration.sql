-- Runs that happen exactly once (domain.md "Runs"). The migration adapter splits this file on
-- every semicolon, comments included: only statements end with one.

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "leaseUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "FileLine" ADD COLUMN     "isVoid" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Batch_runId_idx" ON "Batch"("runId");

-- The next three are PARTIAL unique indexes, which the Prisma schema language cannot express: they
-- live only here (schema.prisma names them in comments). Delete any DROP INDEX lines that a later
-- `prisma migrate dev` proposes for them.

-- The run lock: one RUNNING run per kind. Inserting a RUNNING run takes the lock, and a second
-- worker's insert fails with a unique violation, which the code reads as "a run is in progress".
CREATE UNIQUE INDEX "Run_one_running_per_kind" ON "Run"("kind") WHERE "status" = 'RUNNING';

-- A run makes at most one batch that is not void, so a retry can never make a second file.
CREATE UNIQUE INDEX "Batch_one_live_per_run" ON "Batch"("runId") WHERE "status" <> 'VOID';

-- A payment is on at most one live file line, so no bug or race can put it in two files. Voiding a
-- batch sets its lines' isVoid (the payment goes back to NEW and a later run may take it again).
CREATE UNIQUE INDEX "FileLine_one_live_per_payment" ON "FileLine"("paymentId") WHERE NOT "isVoid";
