import { formatDateTime } from "@/components/format-date";
import { Money } from "@/components/money";
import { SummaryList } from "@/components/summary-list";
import { WarningText } from "@/components/warning-text";
import { expenseTypeLabels } from "@/lib/claims/expense-types";
import type { ClaimPage } from "@/lib/claims/get-claim-page";
import {
  readSecondApprovalFigures,
  SECOND_APPROVAL_WINDOW_DAYS,
  secondApprovalReason,
  secondApproverRefusal,
} from "@/lib/claims/rules/second-approval";
import { formatPence } from "@/lib/money";
import { ReturnClaimForm, SecondApproveForm } from "./second-approval-forms";

const decisionLabels: Record<string, string> = {
  APPROVED: "Approved",
  APPROVED_DIFFERENT_AMOUNT: "Approved a different amount",
  REJECTED: "Rejected",
};

/**
 * A claim approved above the threshold, for the second caseworker to check: what the first approver
 * decided line by line, the total, and the 30-day figure that made a second approval necessary;
 * then approve or return. The first approver and whoever keyed the claim in are told why they
 * cannot. Rendered for every caseworker, forms hidden when they no longer apply, so the outcome of
 * a submit stays on screen.
 */
export function SecondApprovalSection({
  claim,
  userId,
  isCaseworker,
}: {
  claim: ClaimPage;
  userId: string;
  isCaseworker: boolean;
}) {
  const waiting = claim.status === "AWAITING_SECOND_APPROVAL";
  const refusal = secondApproverRefusal(claim, userId);
  const mayCheck = isCaseworker && refusal === null;
  if (!waiting && !isCaseworker) return null;
  const firstApproval = claim.events.find((e) => e.kind === "claim.first-approved");
  const figures = firstApproval ? readSecondApprovalFigures(firstApproval.detail) : null;

  return (
    <section aria-labelledby={waiting ? "second-approval-heading" : undefined} className={waiting ? "mt-10" : undefined}>
      {waiting && (
        <>
          <h2 id="second-approval-heading" className="mb-4 text-2xl font-bold">
            Waiting for a second approval
          </h2>
          {figures && <p className="mb-4 max-w-3xl">{secondApprovalReason(figures)}.</p>}
          <SummaryList
            rows={[
              {
                key: "First approved by",
                value: `${claim.firstApprovedBy?.name ?? "Unknown"}${claim.firstApprovedAt ? `, ${formatDateTime(claim.firstApprovedAt)}` : ""}`,
              },
              ...claim.expenses.map((line) => ({
                key: `Line ${line.lineNo}: ${expenseTypeLabels[line.type]}`,
                value: (
                  <>
                    <span className="block">{line.description}</span>
                    <span className="block">
                      {decisionLabels[line.decision ?? ""] ?? "Not decided"}
                      {line.approvedPence !== null && (
                        <>
                          : <Money pence={line.approvedPence} /> of <Money pence={line.claimedPence} /> claimed
                        </>
                      )}
                    </span>
                    {line.decisionNote && <span className="block text-secondary">Note: {line.decisionNote}</span>}
                  </>
                ),
              })),
              { key: "Approved total", value: <Money pence={claim.totals.approvedPence} /> },
              ...(figures
                ? [
                    {
                      key: `Approved for this person in the previous ${SECOND_APPROVAL_WINDOW_DAYS} days`,
                      value: `${formatPence(figures.recentApprovedPence)} on other claims, ${formatPence(figures.combinedPence)} with this one (one caseworker may approve up to ${formatPence(figures.thresholdPence)})`,
                    },
                  ]
                : []),
            ]}
          />
          {isCaseworker && refusal?.code === "FORBIDDEN" && <WarningText>{refusal.message}</WarningText>}
        </>
      )}
      {isCaseworker && (
        <>
          <SecondApproveForm reference={claim.reference} version={claim.version} showForm={mayCheck} />
          <div className={mayCheck ? "mt-6" : undefined}>
            <ReturnClaimForm reference={claim.reference} version={claim.version} showForm={mayCheck} />
          </div>
        </>
      )}
    </section>
  );
}
