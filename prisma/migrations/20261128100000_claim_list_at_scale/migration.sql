-- The claim list and the home page's counts at a million claims and more (the "payments at
-- national scale" issue). The migration adapter splits this file on every semicolon, comments
-- included: only statements end with one. Function bodies are E-strings with \073 for theirs.
--
-- 1. The claimant's names are copied onto "Claim" ("claimantFirstName", "claimantLastName"), kept
--    in step by triggers, so the list sorts and searches by name with the filters in one index on
--    one table instead of walking "Claimant" and probing claims one by one.
-- 2. Every order the list offers gets a btree per filter that has an index of its own: a status
--    or the assignee in front, or partial for "unassigned" and "needs attention". A filtered page
--    is then one index range read from its cursor. The date-received ones also carry the event
--    date and the payment method, so rows those filters refuse are skipped inside the index.
-- 3. "ClaimCount" holds the home page's counts, kept exact by statement triggers on "Claim".

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "claimantFirstName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "claimantLastName" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "ClaimCount" (
    "id" BIGSERIAL NOT NULL,
    "status" "ClaimStatus" NOT NULL,
    "needsAttention" BOOLEAN NOT NULL,
    "assignedToId" UUID,
    "claims" INTEGER NOT NULL,

    CONSTRAINT "ClaimCount_pkey" PRIMARY KEY ("id")
);

-- The names on a claim are its claimant's, whatever the statement that writes the claim says. The
-- claimant row is read FOR SHARE so that a concurrent rename of the claimant waits for this
-- transaction (and then renames this claim too) or this one waits for the rename (and reads the
-- new name): either way no claim keeps an old name.
CREATE FUNCTION "claim_claimant_name"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  first_name text\073
  last_name text\073
BEGIN
  SELECT cl."firstName", cl."lastName" INTO first_name, last_name
    FROM "Claimant" cl WHERE cl.id = NEW."claimantId" FOR SHARE\073
  IF FOUND THEN
    NEW."claimantFirstName" := first_name\073
    NEW."claimantLastName" := last_name\073
  END IF\073
  RETURN NEW\073
END'
;

CREATE FUNCTION "claimant_name_to_claims"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "Claim" SET "claimantFirstName" = NEW."firstName", "claimantLastName" = NEW."lastName"
    WHERE "claimantId" = NEW.id\073
  RETURN NULL\073
END'
;

-- The counts: one row per (status, needsAttention, assignedToId) group a statement changed, with
-- the change. Writers only ever INSERT here, so two transactions never wait on the same counter
-- row (no hot row, no lock-order deadlocks between claims), and a count read in a snapshot is
-- exactly the claims in that snapshot. countClaimsByStatus sums the rows and, now and then, folds
-- them into one per group (lib/claims/list/count-claims-by-status.ts).
CREATE FUNCTION "claim_count_changes"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO "ClaimCount" (status, "needsAttention", "assignedToId", claims)
      SELECT status, "needsAttention", "assignedToId", count(*) FROM new_claims GROUP BY 1, 2, 3\073
  ELSIF TG_OP = ''UPDATE'' THEN
    INSERT INTO "ClaimCount" (status, "needsAttention", "assignedToId", claims)
      SELECT status, "needsAttention", "assignedToId", sum(change) FROM (
        SELECT status, "needsAttention", "assignedToId", 1 AS change FROM new_claims
        UNION ALL
        SELECT status, "needsAttention", "assignedToId", -1 FROM old_claims
      ) changes GROUP BY 1, 2, 3 HAVING sum(change) <> 0\073
  ELSIF TG_OP = ''DELETE'' THEN
    INSERT INTO "ClaimCount" (status, "needsAttention", "assignedToId", claims)
      SELECT status, "needsAttention", "assignedToId", -count(*) FROM old_claims GROUP BY 1, 2, 3\073
  ELSE
    DELETE FROM "ClaimCount"\073
  END IF\073
  RETURN NULL\073
END'
;

-- Backfill and triggers in one statement (a DO block is one transaction, whatever the migration
-- runner does between statements), with writes to both tables held off meanwhile: no claim is
-- written between the copy of the names and the name trigger, or counted twice or not at all
-- between the first count and the count triggers.
DO E'
BEGIN
  LOCK TABLE "Claimant", "Claim" IN SHARE ROW EXCLUSIVE MODE\073
  UPDATE "Claim" c SET "claimantFirstName" = cl."firstName", "claimantLastName" = cl."lastName"
    FROM "Claimant" cl WHERE cl.id = c."claimantId"\073
  CREATE TRIGGER "Claim_claimant_name"
    BEFORE INSERT OR UPDATE OF "claimantId", "claimantFirstName", "claimantLastName" ON "Claim"
    FOR EACH ROW EXECUTE FUNCTION "claim_claimant_name"()\073
  CREATE TRIGGER "Claimant_name_to_claims"
    AFTER UPDATE OF "firstName", "lastName" ON "Claimant"
    FOR EACH ROW WHEN (OLD."firstName" IS DISTINCT FROM NEW."firstName" OR OLD."lastName" IS DISTINCT FROM NEW."lastName")
    EXECUTE FUNCTION "claimant_name_to_claims"()\073
  INSERT INTO "ClaimCount" (status, "needsAttention", "assignedToId", claims)
    SELECT status, "needsAttention", "assignedToId", count(*) FROM "Claim" GROUP BY 1, 2, 3\073
  CREATE TRIGGER "Claim_count_insert" AFTER INSERT ON "Claim"
    REFERENCING NEW TABLE AS new_claims FOR EACH STATEMENT EXECUTE FUNCTION "claim_count_changes"()\073
  CREATE TRIGGER "Claim_count_update" AFTER UPDATE ON "Claim"
    REFERENCING OLD TABLE AS old_claims NEW TABLE AS new_claims FOR EACH STATEMENT EXECUTE FUNCTION "claim_count_changes"()\073
  CREATE TRIGGER "Claim_count_delete" AFTER DELETE ON "Claim"
    REFERENCING OLD TABLE AS old_claims FOR EACH STATEMENT EXECUTE FUNCTION "claim_count_changes"()\073
  CREATE TRIGGER "Claim_count_truncate" AFTER TRUNCATE ON "Claim"
    FOR EACH STATEMENT EXECUTE FUNCTION "claim_count_changes"()\073
END'
;

-- The list in date-received order skips the rows its filters refuse, and an event-date filter far
-- from the newest (or, oldest first, the oldest) claims refuses a long run of them: received and
-- event dates move together, which the planner cannot know. So the two date-received indexes carry
-- the event date and the payment method (the filters with no index of their own) after their key
-- (createdAt, id), and those rows are skipped in the index without reading the table. Same names
-- and order as before.

-- DropIndex
DROP INDEX "Claim_createdAt_id_idx";

-- DropIndex
DROP INDEX "Claim_status_createdAt_id_idx";

-- CreateIndex
CREATE INDEX "Claim_status_createdAt_id_idx" ON "Claim"("status", "createdAt", "id", "eventDate", "paymentMethod");

-- CreateIndex
CREATE INDEX "Claim_createdAt_id_idx" ON "Claim"("createdAt", "id", "eventDate", "paymentMethod");

-- CreateIndex
CREATE INDEX "Claim_status_eventDate_id_idx" ON "Claim"("status", "eventDate", "id");

-- CreateIndex
CREATE INDEX "Claim_status_reference_idx" ON "Claim"("status", "reference");

-- CreateIndex
CREATE INDEX "Claim_assignedToId_eventDate_id_idx" ON "Claim"("assignedToId", "eventDate", "id");

-- CreateIndex
CREATE INDEX "Claim_assignedToId_reference_idx" ON "Claim"("assignedToId", "reference");

-- The rest are EXPRESSION and PARTIAL indexes, which the Prisma schema language cannot express:
-- they live only here (tests/db/migration-drift.test.ts lists them). Delete any DROP INDEX lines a
-- later `prisma migrate dev` proposes for them.
--
-- The claimant order and the name search: names lower-cased in the "C" collation (byte order), as
-- lib/claims/list/claim-list-sql.ts writes them. A surname prefix is a range of the first two, and
-- read in the list's order. The first-name one serves "first name" searches.
CREATE INDEX "Claim_claimantName_id_idx" ON "Claim"((lower("claimantLastName") COLLATE "C"), (lower("claimantFirstName") COLLATE "C"), "id");
CREATE INDEX "Claim_status_claimantName_id_idx" ON "Claim"("status", (lower("claimantLastName") COLLATE "C"), (lower("claimantFirstName") COLLATE "C"), "id");
CREATE INDEX "Claim_assignedToId_claimantName_id_idx" ON "Claim"("assignedToId", (lower("claimantLastName") COLLATE "C"), (lower("claimantFirstName") COLLATE "C"), "id");
CREATE INDEX "Claim_claimantFirstName_id_idx" ON "Claim"((lower("claimantFirstName") COLLATE "C"), (lower("claimantLastName") COLLATE "C"), "id");

-- "Unassigned" is IS NULL, which the planner does not treat as a fixed leading column: an
-- (assignedToId, …) index cannot give it the list's order. Partial indexes do, one per order, and
-- hold only the few unassigned (open) claims.
CREATE INDEX "Claim_unassigned_createdAt_id_idx" ON "Claim"("createdAt", "id") WHERE "assignedToId" IS NULL;
CREATE INDEX "Claim_unassigned_eventDate_id_idx" ON "Claim"("eventDate", "id") WHERE "assignedToId" IS NULL;
CREATE INDEX "Claim_unassigned_reference_idx" ON "Claim"("reference") WHERE "assignedToId" IS NULL;
CREATE INDEX "Claim_unassigned_claimantName_id_idx" ON "Claim"((lower("claimantLastName") COLLATE "C"), (lower("claimantFirstName") COLLATE "C"), "id") WHERE "assignedToId" IS NULL;

-- "Needs attention only": the same, for the claims with a held or failed payment.
CREATE INDEX "Claim_attention_createdAt_id_idx" ON "Claim"("createdAt", "id") WHERE "needsAttention";
CREATE INDEX "Claim_attention_eventDate_id_idx" ON "Claim"("eventDate", "id") WHERE "needsAttention";
CREATE INDEX "Claim_attention_reference_idx" ON "Claim"("reference") WHERE "needsAttention";
CREATE INDEX "Claim_attention_claimantName_id_idx" ON "Claim"((lower("claimantLastName") COLLATE "C"), (lower("claimantFirstName") COLLATE "C"), "id") WHERE "needsAttention";

-- The list no longer reads names from "Claimant" (20261122200000_claim_list_indexes made these).
DROP INDEX "Claimant_lower_lastName_firstName_idx";
DROP INDEX "Claimant_lower_firstName_idx";

-- Statistics for the new columns and index expressions now, not at the next autovacuum: the
-- planner needs them to choose these indexes. (The backfill above rewrote every claim, so a
-- VACUUM "Claim" after deploying gives the space back and lets index-only reads skip the table.)
ANALYZE "Claim";
