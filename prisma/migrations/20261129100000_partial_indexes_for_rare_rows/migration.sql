-- Partial indexes over the few rows that matter among many (SQL only: Prisma cannot say WHERE).
-- The planner reads each one's real size at plan time, so a query that starts from them stays
-- fast even while the tables' statistics are stale (right after a bulk insert or a cycle's
-- approval), when it would otherwise scan every enrolment once per payment.

-- Beneficiaries whose new payment method waits for a second plan manager (holdForPendingChanges).
CREATE INDEX "Enrolment_pending_method_idx" ON "Enrolment"("benefitPlanId", "personId")
  WHERE "pendingPaymentMethod" IS NOT NULL;

-- People whose cycle payment failed and who must give new bank details (the benefit plans page).
CREATE INDEX "Claimant_bank_details_needed_idx" ON "Claimant"("bankDetailsNeededSince")
  WHERE "bankDetailsNeededSince" IS NOT NULL;

-- Bank file lines by the keyed hash of the account they paid (same account, another person).
CREATE INDEX "FileLine_bankLookupHash_idx" ON "FileLine"("bankLookupHash")
  WHERE "bankLookupHash" IS NOT NULL;
