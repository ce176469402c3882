-- Indexes for the claim list (/claims, lib/claims/list). The list pages by keyset, so every
-- order it offers needs a btree whose columns are the sort key followed by the claim id.
-- The migration adapter splits this file on every semicolon, comments included: only statements
-- end with one.

-- Default order (date received, newest first) with no filter: a backward scan of this index.
-- In schema.prisma as @@index([createdAt, id]).
CREATE INDEX "Claim_createdAt_id_idx" ON "Claim"("createdAt", "id");

-- "Assigned to me" and "Unassigned" (IS NULL) in date-received order.
-- In schema.prisma as @@index([assignedToId, createdAt, id]).
CREATE INDEX "Claim_assignedToId_createdAt_id_idx" ON "Claim"("assignedToId", "createdAt", "id");

-- The next two are EXPRESSION indexes, which the Prisma schema language cannot express: they live
-- only here. `prisma migrate dev` will propose DROP INDEX for them in a later migration: delete
-- those lines when it does.
--
-- Names lower-cased in the "C" collation (byte order). One index then serves both the name search
-- (lower(name) LIKE a prefix pattern: in the C collation a default btree can answer an anchored LIKE, so
-- text_pattern_ops is not needed) and the claimant sort (ORDER BY surname, first name). The query
-- must use the same expressions: see claim-list-sql.ts.
CREATE INDEX "Claimant_lower_lastName_firstName_idx" ON "Claimant"((lower("lastName") COLLATE "C"), (lower("firstName") COLLATE "C"));

-- Search by first name prefix (Ada, or Ada Lov).
CREATE INDEX "Claimant_lower_firstName_idx" ON "Claimant"((lower("firstName") COLLATE "C"));
