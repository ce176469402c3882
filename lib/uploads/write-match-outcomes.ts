import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The last step of a set-based whole-file check, one statement: every line's outcome into
 * upload_outcome. A line `rowTable` could not read (its kind set) is an ERROR with its message;
 * every other was judged into `matchTable` (alias m: line_no, result, facts, and what the SQL
 * given reads): 'matched' and 'unchanged' rows get the messages given, any other result is an
 * ERROR of that kind with its facts, worded later by the kind's renderError.
 */
export async function writeMatchOutcomes(
  tx: SqlTx,
  options: { rowTable: string; matchTable: string; matched: Prisma.Sql; unchanged: Prisma.Sql; paymentId: Prisma.Sql },
): Promise<void> {
  const { matched, unchanged, paymentId } = options;
  await tx.$executeRaw`
    INSERT INTO upload_outcome (line_no, outcome, kind, message, facts, payment_id)
    SELECT line_no, 'ERROR', kind, message, NULL, NULL FROM ${Prisma.raw(options.rowTable)} WHERE kind IS NOT NULL
    UNION ALL
    SELECT m.line_no,
           (CASE m.result WHEN 'matched' THEN 'MATCHED' WHEN 'unchanged' THEN 'UNCHANGED' ELSE 'ERROR' END)::"UploadRowOutcome",
           CASE WHEN m.result NOT IN ('matched', 'unchanged') THEN m.result END,
           CASE m.result WHEN 'matched' THEN ${matched} WHEN 'unchanged' THEN ${unchanged} END,
           CASE WHEN m.result NOT IN ('matched', 'unchanged') THEN m.facts END,
           ${paymentId}
    FROM ${Prisma.raw(options.matchTable)} m`;
}
