"use client";

import { fieldError } from "@/components/action-error-summary";
import { ActionForm } from "@/components/action-form";
import { Checkboxes } from "@/components/checkboxes";
import { Money } from "@/components/money";
import { Radios } from "@/components/radios";
import { Textarea } from "@/components/textarea";
import type { PaymentLineRow } from "@/lib/plans/cycles/load-payment-lines";
import { decideSuspendedPaymentsAction } from "../actions";
import { PaymentBreakdown } from "./payment-breakdown";

export type SuspendedPayment = {
  id: string;
  reference: string;
  personName: string;
  amountPence: number;
  lines: PaymentLineRow[];
};

/**
 * The suspended payments, each with its breakdown: tick one or several, choose what to do with
 * them, and say why. The note goes on each payment's history and the cycle's timeline.
 */
export function SuspendedPaymentsForm({
  cycleId,
  payments,
  limitWords,
}: {
  cycleId: string;
  payments: SuspendedPayment[];
  /** "£600.00", or null when the plan has no limit (then approval at the limit is not offered). */
  limitWords: string | null;
}) {
  return (
    <ActionForm
      action={decideSuspendedPaymentsAction}
      fields={["paymentId", "decision", "note"]}
      hidden={{ cycleId }}
      submitLabel="Decide the ticked payments"
      pendingLabel="Deciding…"
      keepValues
      className="mb-10"
    >
      {(result) => (
        <>
          <Checkboxes
            name="paymentId"
            legend="Suspended payments"
            hint="Tick one payment, or several to decide them together."
            error={fieldError(result, "paymentId")}
            options={payments.map((p) => ({
              value: p.id,
              label: (
                <>
                  <span className="font-mono font-bold">{p.reference}</span> {p.personName}: <Money pence={p.amountPence} />
                </>
              ),
              hint: <PaymentBreakdown lines={p.lines} />,
            }))}
          />
          <Radios
            name="decision"
            legend="What should happen to them?"
            error={fieldError(result, "decision")}
            options={[
              { value: "APPROVE_FULL", label: "Approve at the full amount" },
              ...(limitWords
                ? [
                    {
                      value: "APPROVE_AT_LIMIT",
                      label: `Approve at the plan's limit of ${limitWords}`,
                      hint: "The amount for this period is cut to the limit; money carried over from earlier cycles is paid in full.",
                    },
                  ]
                : []),
              {
                value: "REJECT",
                label: "Reject",
                hint: "The payment is cancelled and never paid, nor carried into a later cycle.",
              },
            ]}
          />
          <Textarea
            id="note"
            name="note"
            label="Note"
            hint="Why: for example, the household's size was checked against the letter of 3 November."
            rows={3}
            error={fieldError(result, "note")}
          />
        </>
      )}
    </ActionForm>
  );
}
