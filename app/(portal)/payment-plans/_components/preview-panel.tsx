import { InsetText } from "@/components/inset-text";
import { Money } from "@/components/money";
import { SummaryList } from "@/components/summary-list";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { Tag } from "@/components/tag";
import { WarningText } from "@/components/warning-text";
import { longDate } from "@/lib/dates/london-date";
import { formatPence } from "@/lib/money";
import type { PaymentPreview } from "@/lib/plans/payment-plans/preview-payment";

/** What the rule would pay one beneficiary, every part of the sum in a row of its own. */
export function PreviewPanel({ preview, headingLevel = 3 }: { preview: PaymentPreview; headingLevel?: 2 | 3 }) {
  const { breakdown: b, person } = preview;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const ended = preview.enrolledTo !== null && preview.enrolledTo < preview.today;
  return (
    <section aria-labelledby="preview-heading" className="mb-8">
      <Heading id="preview-heading" className="mb-4 text-xl font-bold">
        Preview for {person.name} ({person.reference})
      </Heading>
      <p className="mb-4">
        Their attribute values in force today, {longDate(preview.today)}
        {preview.attributesFrom ? `, from ${longDate(preview.attributesFrom)}` : ""}. Amounts carried over from earlier unpaid
        payments are not included: a cycle adds them when it is created.
      </p>
      {ended && (
        <WarningText>
          Their enrolment ended on {longDate(preview.enrolledTo!)}
          {preview.endReason ? ` (${preview.endReason})` : ""}: a cycle for a later period pays them nothing.
        </WarningText>
      )}
      {preview.enrolledFrom > preview.today && (
        <WarningText>Their enrolment starts on {longDate(preview.enrolledFrom)}.</WarningText>
      )}
      {preview.attributesFrom === null && <WarningText>No attribute values are in force for them today.</WarningText>}
      <SummaryList rows={preview.attributes.map((a) => ({ key: a.name, value: a.value }))} />

      <Table caption={`What the rule pays ${person.name}`}>
        <THead>
          <Tr>
            <Th>Part of the sum</Th>
            <Th>Why</Th>
            <Th numeric>Amount</Th>
          </Tr>
        </THead>
        <TBody>
          <Tr>
            <Td>Base amount</Td>
            <Td>Paid to every beneficiary</Td>
            <Td numeric>
              <Money pence={b.basePence} />
            </Td>
          </Tr>
          {b.conditionalAmounts.map((a) => (
            <Tr key={a.position}>
              <Td>
                {a.label}
                <span className="block text-secondary">
                  Conditional amount {a.position}
                  {a.countsTowardsCeiling ? ", counts towards the ceiling" : ", outside the ceiling"}
                </span>
              </Td>
              <Td>
                <ul className="space-y-1">
                  {a.conditions.map((c, i) => (
                    <li key={i}>
                      <Tag colour={c.met ? "green" : "grey"}>{c.met ? "Met" : "Not met"}</Tag> {c.text}{" "}
                      <span className="text-secondary">(holds {c.held})</span>
                    </li>
                  ))}
                </ul>
              </Td>
              <Td numeric>
                {a.matched ? (
                  <Money pence={a.amountPence} />
                ) : (
                  <>
                    <Money pence={0} />
                    <span className="block text-secondary">
                      not matched (<Money pence={a.amountPence} />)
                    </span>
                  </>
                )}
              </Td>
            </Tr>
          ))}
          {b.ceiling && (
            <Tr>
              <Td>Ceiling</Td>
              <Td>
                Counting amounts matched: <Money pence={b.ceiling.countingPence} />; ceiling{" "}
                <Money pence={b.ceiling.ceilingPence} />
                {b.ceiling.reductionPence === 0 ? ": not reached" : ": the excess is taken off"}
              </Td>
              <Td numeric>
                <Money pence={b.ceiling.reductionPence} />
              </Td>
            </Tr>
          )}
          <Tr>
            <Th scope="row">Amount for the period</Th>
            <Td />
            <Td numeric className="font-bold">
              <Money pence={b.periodPence} />
            </Td>
          </Tr>
        </TBody>
      </Table>
      {b.status === "NOTHING_DUE" ? (
        <InsetText>Nothing is due: no payment would be made for them.</InsetText>
      ) : b.limit?.exceeded ? (
        <WarningText>
          Above the per-payment limit of {formatPence(b.limit.limitPence)}: the payment would be suspended for an accountant to
          approve or reject.
        </WarningText>
      ) : (
        <InsetText>
          {b.limit ? `Within the per-payment limit of ${formatPence(b.limit.limitPence)}` : "The plan has no per-payment limit"}:
          the payment would be a draft in the cycle&apos;s payroll.
        </InsetText>
      )}
    </section>
  );
}
