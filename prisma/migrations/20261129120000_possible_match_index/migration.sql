-- Intake's possible-match lookup (lib/people, docs/people.md): same date of birth and the same
-- normalised last name, the expression of lib/claims/intake/rules/person-match-key.ts. Without it the
-- lookup reads every person (77 ms at 1,000,000 people, against 0.08 ms with it). SQL only: the schema
-- cannot express an index on an expression.
CREATE INDEX "Claimant_dateOfBirth_lastNameKey_idx" ON "Claimant" ("dateOfBirth", (lower(regexp_replace(normalize("lastName", NFKD), '[^[:alnum:]]', '', 'g'))));
