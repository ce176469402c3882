import Link from "next/link";
import { Money } from "@/components/money";
import { KeysetPagination } from "@/components/pagination";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { Tag } from "@/components/tag";
import type { ChangeRow, PreviousCycle } from "@/lib/plans/cycles/compare-cycle";
import {
  changeOf,
  describeComparison,
  signedPence,
  type ChangeKind,
  type PayrollComparison,
} from "@/lib/plans/cycles/rules/compare-payrolls";
import { comparisonHref, type ChangeFilter, type ComparisonParams } from "@/lib/plans/cycles/rules/comparison-params";
import type { KeysetPage } from "@/lib/pagination/keyset";
import { periodWords } from "../../_components/period";

const KIND_TAGS: Partial<Record<ChangeKind, { label: string; colour: "green" | "red" | "blue" | "orange" }>> = {
  JOINED: { label: "Joined", colour: "green" },
  LEFT: { label: "Left", colour: "red" },
  UP: { label: "Up", colour: "blue" },
  DOWN: { label: "Down", colour: "orange" },
};

const FILTERS: { value?: ChangeFilter; label: string }[] = [
  { label: "All changes" },
  { value: "joined", label: "Joined" },
  { value: "left", label: "Left" },
  { value: "changed", label: "Amount changed" },
];

/**
 * This payroll against the previous cycle's: the changes in one sentence, then who joined, left or
 * is paid a different amount for the period, filtered and paged, each linked to their beneficiary
 * page when the viewer may open it.
 */
export function PayrollComparisonSection(props: {
  cycleId: string;
  previous: PreviousCycle | null;
  comparison: PayrollComparison | null;
  changes: KeysetPage<ChangeRow, string> | null;
  params: ComparisonParams;
  /** The beneficiary page of a person reference, or null when the viewer may not open it. */
  beneficiaryHref: (personReference: string) => string | null;
}) {
  const { cycleId, previous, comparison, changes, params } = props;
  return (
    <section aria-labelledby="changes-heading" id="changes" className="mt-10">
      <h2 id="changes-heading" className="mb-4 text-2xl font-bold">
        Against the previous cycle
      </h2>
      {!previous || !comparison || !changes ? (
        <p className="mb-8">This is the plan&apos;s first cycle: there is no previous payroll to compare it with.</p>
      ) : (
        <>
          <p className="mb-4">
            {describeComparison(comparison, periodWords(previous.periodStart, previous.periodEnd))}{" "}
            <Link href={`/payment-cycles/${previous.id}`} className="text-link underline">
              Open the previous cycle
            </Link>
          </p>
          <Table caption="Period amounts compared, person by person (carried-over money left out)" captionVisuallyHidden>
            <THead>
              <Tr>
                <Th>Change</Th>
                <Th numeric>People</Th>
                <Th numeric>Previous</Th>
                <Th numeric>This cycle</Th>
                <Th numeric>Difference</Th>
              </Tr>
            </THead>
            <TBody>
              {(["JOINED", "LEFT", "UP", "DOWN", "UNCHANGED"] as const).map((kind) => {
                const group = comparison.groups[kind];
                return (
                  <Tr key={kind}>
                    <Td>{KIND_TAGS[kind]?.label ?? "Unchanged"}</Td>
                    <Td numeric>{group.people.toLocaleString("en-GB")}</Td>
                    <Td numeric>
                      <Money pence={group.previousPence} />
                    </Td>
                    <Td numeric>
                      <Money pence={group.currentPence} />
                    </Td>
                    <Td numeric>{signedPence(changeOf(group))}</Td>
                  </Tr>
                );
              })}
              <Tr>
                <Td className="font-bold">All</Td>
                <Td numeric />
                <Td numeric className="font-bold">
                  <Money pence={comparison.previousPence} />
                </Td>
                <Td numeric className="font-bold">
                  <Money pence={comparison.currentPence} />
                </Td>
                <Td numeric className="font-bold">
                  {signedPence(comparison.netPence)}
                </Td>
              </Tr>
            </TBody>
          </Table>

          <nav aria-label="Show changes" className="mb-4">
            <ul className="m-0 flex list-none flex-wrap gap-x-6 gap-y-2 p-0">
              {FILTERS.map((f) => {
                const current = params.changes === f.value;
                return (
                  <li key={f.label}>
                    <Link
                      href={comparisonHref(cycleId, { changes: f.value })}
                      aria-current={current ? "page" : undefined}
                      className={current ? "font-bold text-ink no-underline" : "text-link underline"}
                    >
                      {f.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          {changes.rows.length === 0 ? (
            <p className="mb-8">No one matches.</p>
          ) : (
            <Table caption="People whose period amount changed, by person reference" captionVisuallyHidden>
              <THead>
                <Tr>
                  <Th>Beneficiary</Th>
                  <Th>Change</Th>
                  <Th numeric>Previous</Th>
                  <Th numeric>This cycle</Th>
                  <Th numeric>Difference</Th>
                </Tr>
              </THead>
              <TBody>
                {changes.rows.map((r) => {
                  const href = props.beneficiaryHref(r.personReference);
                  const tag = KIND_TAGS[r.kind];
                  return (
                    <Tr key={r.personId}>
                      <Td>
                        {href ? (
                          <Link href={href} className="text-link underline">
                            {r.personName}
                          </Link>
                        ) : (
                          r.personName
                        )}
                        <span className="block font-mono text-secondary">{r.personReference}</span>
                      </Td>
                      <Td>{tag && <Tag colour={tag.colour}>{tag.label}</Tag>}</Td>
                      <Td numeric>{r.previousReference ? <Money pence={r.previousPence} /> : "None"}</Td>
                      <Td numeric>
                        {r.currentReference ? <Money pence={r.currentPence} /> : "None"}
                        {r.currentCarriedPence > 0 && (
                          <span className="block text-secondary">
                            + <Money pence={r.currentCarriedPence} /> carried over
                          </span>
                        )}
                      </Td>
                      <Td numeric>{signedPence(r.changePence)}</Td>
                    </Tr>
                  );
                })}
              </TBody>
            </Table>
          )}
          <KeysetPagination
            label="Changes pages"
            previousHref={changes.previous ? comparisonHref(cycleId, params, { before: changes.previous }) : undefined}
            nextHref={changes.next ? comparisonHref(cycleId, params, { after: changes.next }) : undefined}
          />
        </>
      )}
    </section>
  );
}
