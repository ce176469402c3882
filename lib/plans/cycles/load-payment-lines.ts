import type { SqlTx } from "@/lib/db/pg-transaction";

// The breakdown of some of a cycle's payments (a page of the payroll, the suspended ones), in one
// query: each line in order, a carried-over line with the reference of the payment it carries.

export type PaymentLineRow = {
  paymentId: string;
  lineNo: number;
  kind: string;
  label: string;
  amountPence: number;
  carriedFromReference: string | null;
};

export async function loadPaymentLines(db: SqlTx, paymentIds: readonly string[]): Promise<Map<string, PaymentLineRow[]>> {
  const byPayment = new Map<string, PaymentLineRow[]>();
  if (paymentIds.length === 0) return byPayment;
  const rows = await db.$queryRaw<PaymentLineRow[]>`
    SELECT l."paymentId", l."lineNo", l.kind, l.label, l."amountPence", f.reference AS "carriedFromReference"
    FROM "PaymentLine" l LEFT JOIN "Payment" f ON f.id = l."carriedFromPaymentId"
    WHERE l."paymentId" = ANY(${paymentIds as string[]}::uuid[])
    ORDER BY l."paymentId", l."lineNo"`;
  for (const row of rows) {
    const list = byPayment.get(row.paymentId) ?? [];
    list.push(row);
    byPayment.set(row.paymentId, list);
  }
  return byPayment;
}
