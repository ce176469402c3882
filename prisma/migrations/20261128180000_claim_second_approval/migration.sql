-- Second approval of claims above the threshold (lib/claims/rules/second-approval.ts).
--
-- Every approval now records who approved the claim first and when ("firstApprovedById",
-- "firstApprovedAt"), and the rule sums what a person had approved on claims first approved in the
-- previous 30 days. Claims approved before this migration have neither, so they would drop out of
-- that sum and a person's recent approvals would not count for the first 30 days after the upgrade.
-- They take both from their first "claim.approved" timeline entry. Only claims that were approved
-- have one: APPROVED claims, and approved claims waiting for new bank details after a failed
-- payment (INFORMATION_REQUESTED). The claims' version is left alone: nobody changed them.
UPDATE "Claim" AS c
SET "firstApprovedAt" = first_approval.at, "firstApprovedById" = first_approval."actorId"
FROM (
  SELECT DISTINCT ON ("claimId") "claimId", at, "actorId"
  FROM "ClaimEvent"
  WHERE kind = 'claim.approved'
  ORDER BY "claimId", at
) AS first_approval
WHERE first_approval."claimId" = c.id
  AND c."firstApprovedAt" IS NULL
  AND c.status IN ('APPROVED', 'INFORMATION_REQUESTED');
