"use client";

import { useEffect, useRef } from "react";
import { SummaryList } from "@/components/summary-list";
import type { DecisionSummary } from "@/lib/claims/check-decision";
import type { LineOutcome } from "@/lib/notify/claimant-messages";
import { formatPence } from "@/lib/money";

function decisionText(line: LineOutcome): string {
  switch (line.decision) {
    case "APPROVED":
      return `Approve ${formatPence(line.approvedPence ?? line.claimedPence)}`;
    case "APPROVED_DIFFERENT_AMOUNT":
      return `Approve ${formatPence(line.approvedPence ?? 0)} of ${formatPence(line.claimedPence)}`;
    case "REJECTED":
      return "Reject";
  }
}

/**
 * Check your answers before a decision: each line's decision, amount and the reason the claimant
 * will be sent, the total, and what confirming does. "Change" buttons submit the form back to its
 * fields (a button, not a link, so what was entered comes back with it, with or without JavaScript).
 */
export function DecisionCheckAnswers({ summary }: { summary: DecisionSummary }) {
  const approved = summary.outcome === "APPROVED";
  const heading = useRef<HTMLHeadingElement>(null);
  // The fields just gave way to the summary: start reading there.
  useEffect(() => heading.current?.focus(), [summary]);
  return (
    <div>
      <h3 ref={heading} tabIndex={-1} className="mb-4 text-xl font-bold focus:outline-none">
        Check your decision
      </h3>
      <SummaryList
        rows={[
          ...summary.lines.map((line) => ({
            key: `Line ${line.lineNo}: ${line.typeLabel}, ${line.description} (claimed ${formatPence(line.claimedPence)})`,
            value: (
              <>
                <span className="block">{decisionText(line)}</span>
                {line.reason && (
                  <span className="block text-secondary">
                    {line.decision === "REJECTED" ? "Reason" : "Note"}: {line.reason}
                  </span>
                )}
              </>
            ),
            actions: (
              <button type="submit" name="change" value={String(line.lineNo)} className="cursor-pointer text-link underline">
                Change<span className="sr-only"> line {line.lineNo}</span>
              </button>
            ),
          })),
          {
            key: "Total approved",
            value: (
              <strong className="tabular-nums">
                {formatPence(summary.approvedTotalPence)} of {formatPence(summary.claimedTotalPence)} claimed
              </strong>
            ),
          },
        ]}
      />
      <p className="mb-6 max-w-3xl">
        {approved
          ? `Confirming approves the claim for ${formatPence(summary.approvedTotalPence)} and creates its payment (or sends it to a second caseworker when it is above the amount one caseworker may approve).`
          : "Every line is rejected, so confirming rejects the claim."}{" "}
        The claimant is sent a message listing each line&apos;s outcome, amount and reason. You cannot undo this.
      </p>
    </div>
  );
}
