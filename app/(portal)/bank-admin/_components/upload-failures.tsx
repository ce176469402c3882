import Link from "next/link";
import { Money } from "@/components/money";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { plural } from "@/lib/plural";
import type { FailedByUpload } from "@/lib/direct-payments/failed-payments/failed-payments-message";
import { NO_REASON_GIVEN } from "@/lib/direct-payments/failed-payments/match-failed-payments";
import { FAILURES_ON_PAGE } from "@/lib/direct-payments/failed-payments/load-failed-payments-result";

/**
 * Every payment an applied failed-payments upload failed (its result names the first 20), up to
 * FAILURES_ON_PAGE; past that, each batch's reconciliation CSV lists them. `failures` holds one
 * more than are shown, to know there are more.
 */
export function UploadFailures({ failures }: { failures: readonly FailedByUpload[] }) {
  const shown = failures.slice(0, FAILURES_ON_PAGE);
  return (
    <>
      <Table caption="Payments this upload marked as failed">
        <THead>
          <Tr>
            <Th>Payment</Th>
            <Th numeric>Amount</Th>
            <Th>Reason</Th>
          </Tr>
        </THead>
        <TBody>
          {shown.map((f) => (
            <Tr key={f.reference}>
              <Td>
                <Link href={`/payments/${f.reference}`} className="text-link underline">
                  {f.reference}
                </Link>
              </Td>
              <Td numeric>
                <Money pence={f.amountPence} />
              </Td>
              <Td>{f.reason && f.reason !== NO_REASON_GIVEN ? f.reason : "No reason given"}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {failures.length > FAILURES_ON_PAGE && (
        <p>
          The first {plural(FAILURES_ON_PAGE, "payment")} are listed: the reconciliation CSV of each batch above lists every
          failed payment.
        </p>
      )}
    </>
  );
}
