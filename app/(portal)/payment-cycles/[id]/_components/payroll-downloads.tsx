import Link from "next/link";
import { buttonClass } from "@/components/button-styles";

/** The payroll CSV's URL: the whole payroll, one point's (`pointId`) or that of no point ("none"). */
export function payrollCsvHref(cycleId: string, point?: string): string {
  return `/api/payment-cycles/${cycleId}/payroll.csv${point ? `?point=${encodeURIComponent(point)}` : ""}`;
}

export function payrollPdfHref(cycleId: string): string {
  return `/api/payment-cycles/${cycleId}/payroll.pdf`;
}

/**
 * The payroll's downloads and the way to its reconciliation: the CSV always, the PDF report and the
 * reconciliation once the cycle is approved. Plain links, so the browser downloads them.
 */
export function PayrollDownloads({ cycleId, approved }: { cycleId: string; approved: boolean }) {
  return (
    <div className="mb-5 flex flex-wrap items-center gap-[15px] sm:mb-[30px]">
      <a href={payrollCsvHref(cycleId)} download className={buttonClass("secondary")}>
        Download the payroll (CSV)
      </a>
      {approved && (
        <>
          <a href={payrollPdfHref(cycleId)} className={buttonClass("secondary")}>
            Approved payroll report (PDF)
          </a>
          <Link href={`/payment-cycles/${cycleId}/reconciliation`} className="font-bold text-link underline">
            Reconciliation
          </Link>
        </>
      )}
    </div>
  );
}
