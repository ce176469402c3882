-- SSCL's failed-payments upload finds the AccessPay lines it names by reference, case-insensitively
-- (roll numbers come back in either case): lib/reconciliation/sscl-failed-payments/
-- load-candidate-lines.ts queries upper("fileReference"). A plain index on the column cannot
-- answer that, so it is replaced by an EXPRESSION index, which the Prisma schema language cannot
-- express: it lives only here (schema.prisma says so on FileLine).
DROP INDEX "FileLine_fileReference_idx";
CREATE INDEX "FileLine_upper_fileReference_idx" ON "FileLine"((upper("fileReference")));
