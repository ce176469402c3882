import Link from "next/link";
import { Barcode } from "@/components/barcode";
import { formatDate, formatDateTime } from "@/components/format-date";
import { InsetText } from "@/components/inset-text";
import { Money } from "@/components/money";
import { SummaryList, type SummaryListRow } from "@/components/summary-list";
import { Tag, type TagColour } from "@/components/tag";
import type { ClaimPage } from "@/lib/claims/get-claim-page";
import { voucherLabel, voucherState, type VoucherState } from "@/lib/claims/list/voucher-filter";
import { holdReasonLabels } from "@/lib/payments/hold-reasons";
import { VoucherReissueForm } from "./voucher-reissue-form";

type Payment = ClaimPage["payments"][number];
export type VoucherReissue = {
  voucherPaymentId: string;
  problems: { CASH: string | null; BANK: string | null };
  account: string | null;
} | null;

const colours: Record<VoucherState, TagColour> = {
  waiting: "blue",
  sent: "purple",
  coded: "turquoise",
  cashed: "green",
  expired: "orange",
  cancelled: "red",
};

const outcomeWords = { CASHED: "Cashed", EXPIRED: "Expired", CANCELLED: "Cancelled by the Post Office" } as const;

function rows(voucher: Payment): SummaryListRow[] {
  const state = voucherState(voucher);
  const out: SummaryListRow[] = [
    {
      key: "Status",
      value: (
        <>
          <Tag colour={state ? colours[state] : "grey"}>{voucherLabel(voucher)}</Tag>
          {voucher.holdReason && <span className="mt-1 block">{holdReasonLabels[voucher.holdReason]}</span>}
        </>
      ),
    },
    {
      key: "Payment reference",
      value: (
        <>
          <strong>{voucher.reference}</strong> for <Money pence={voucher.amountPence} />
        </>
      ),
    },
  ];
  if (voucher.batchId) {
    out.push({
      key: "Payout batch",
      value: (
        <Link href={`/payout/batches/${voucher.batchId}`} className="text-link underline">
          The batch it was sent in
        </Link>
      ),
    });
  }
  if (voucher.paymentCode) {
    out.push({
      key: "Payment code",
      value: (
        <>
          {voucher.status === "SENT" ? (
            <Barcode code={voucher.paymentCode} />
          ) : (
            <span className="font-mono tracking-[0.2em]">{voucher.paymentCode}</span>
          )}
          {voucher.codeIssuedAt && <span className="block text-secondary">Issued {formatDateTime(voucher.codeIssuedAt)}</span>}
        </>
      ),
    });
  } else if (voucher.status === "SENT") {
    out.push({ key: "Payment code", value: "Not issued yet: it comes in the Post Office's payment-code file." });
  }
  if (voucher.voucherExpiresOn) out.push({ key: "Can be cashed until", value: formatDate(voucher.voucherExpiresOn) });
  if (
    voucher.status === "CASHED" ||
    voucher.status === "EXPIRED" ||
    (voucher.status === "CANCELLED" && voucher.postOfficeStatusDate)
  ) {
    const date = voucher.postOfficeStatusDate ? ` on ${formatDate(voucher.postOfficeStatusDate)}` : "";
    out.push({ key: "Outcome", value: `${outcomeWords[voucher.status]}${date} (the Post Office's status date)` });
  }
  if (voucher.replacedBy) {
    const how = voucher.replacedBy.method === "BANK" ? "a bank transfer" : "a new voucher";
    out.push({ key: "Replaced by", value: `${voucher.replacedBy.reference} (${how})` });
  }
  return out;
}

/**
 * A cash claim's Post Office voucher (docs/domain.md#payout-pages): its latest cash payment, where
 * it is, its code and barcode while it can be cashed, and the outcome the Post Office reported.
 * An expired or cancelled voucher can be replaced here by a caseworker.
 */
export function VoucherSection({
  claim,
  isCaseworker,
  reissue,
}: {
  claim: ClaimPage;
  isCaseworker: boolean;
  reissue: VoucherReissue;
}) {
  const cash = claim.payments.filter((p) => p.method === "CASH");
  if (claim.paymentMethod !== "CASH" && cash.length === 0) return null;
  const voucher = cash[cash.length - 1];
  const waiting = reissue ? claim.payments.find((p) => p.id === reissue.voucherPaymentId) : undefined;
  const ended = cash.some((p) => p.postOfficeStatusDate && (p.status === "EXPIRED" || p.status === "CANCELLED"));
  return (
    <section aria-labelledby="voucher-heading" id="voucher" className="mt-10">
      <h2 id="voucher-heading" className="mb-4 text-2xl font-bold">
        Post Office voucher
      </h2>
      {voucher ? (
        <SummaryList rows={rows(voucher)} />
      ) : (
        <p className="mb-4">
          No voucher yet. Approving the claim makes a cash payment; the next Payout run sends it to the Post Office.
        </p>
      )}
      {waiting && reissue && (
        <>
          <h3 className="mb-2 text-xl font-bold">Reissue the voucher</h3>
          {reissue.problems.CASH ? (
            <InsetText>{reissue.problems.CASH}</InsetText>
          ) : (
            <p className="mb-4">
              Voucher {waiting.reference} was not cashed. Replace it with a new payment of the same amount, linked to it.
              {isCaseworker ? "" : " Only caseworkers reissue vouchers."}
            </p>
          )}
          {isCaseworker && !reissue.problems.CASH && reissue.problems.BANK && (
            <p className="mb-4 text-secondary">A bank transfer is not possible: {reissue.problems.BANK}</p>
          )}
        </>
      )}
      {isCaseworker && ended && (
        <VoucherReissueForm
          reference={claim.reference}
          version={claim.version}
          paymentId={waiting?.id ?? ""}
          voucherReference={waiting?.reference ?? voucher?.reference ?? ""}
          bankAccount={reissue && !reissue.problems.BANK ? reissue.account : null}
          showForm={!!waiting && !reissue?.problems.CASH}
        />
      )}
    </section>
  );
}
