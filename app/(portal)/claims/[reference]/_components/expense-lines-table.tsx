import { Money } from "@/components/money";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { Tag } from "@/components/tag";

type Line = {
  id: string;
  lineNo: number;
  type: string;
  description: string;
  claimedPence: number;
  approvedPence: number | null;
  decision: string | null;
  decisionNote: string | null;
};

const decisionTags = {
  APPROVED: <Tag colour="green">Approved</Tag>,
  APPROVED_DIFFERENT_AMOUNT: <Tag colour="turquoise">Different amount</Tag>,
  // Pink like a rejected claim: red is kept for a payment that failed (components/status.ts).
  REJECTED: <Tag colour="pink">Rejected</Tag>,
} as Record<string, React.ReactNode>;

export function ExpenseLinesTable({ lines, totals }: { lines: Line[]; totals: { claimedPence: number; approvedPence: number } }) {
  return (
    <Table caption="Expense lines and decisions" captionVisuallyHidden>
      <THead>
        <Tr>
          <Th numeric>Line</Th>
          <Th>Type</Th>
          <Th>Description</Th>
          <Th numeric>Claimed</Th>
          <Th>Decision</Th>
          <Th numeric>Approved</Th>
        </Tr>
      </THead>
      <TBody>
        {lines.map((line) => (
          <Tr key={line.id}>
            <Td numeric>{line.lineNo}</Td>
            <Td>
              {line.type
                .replace("_", " ")
                .toLowerCase()
                .replace(/^\w/, (c) => c.toUpperCase())}
            </Td>
            <Td>
              {line.description}
              {line.decisionNote && (
                <span className="mt-1 block text-secondary">
                  {line.decision === "REJECTED" ? "Reason" : "Note"}: {line.decisionNote}
                </span>
              )}
            </Td>
            <Td numeric>
              <Money pence={line.claimedPence} />
            </Td>
            <Td>{line.decision ? decisionTags[line.decision] : <Tag colour="grey">Not decided</Tag>}</Td>
            <Td numeric>{line.approvedPence === null ? "–" : <Money pence={line.approvedPence} />}</Td>
          </Tr>
        ))}
        <Tr>
          <Th scope="row">Total</Th>
          <Td />
          <Td />
          <Td numeric>
            <strong>
              <Money pence={totals.claimedPence} />
            </strong>
          </Td>
          <Td />
          <Td numeric>
            <strong>
              <Money pence={totals.approvedPence} />
            </strong>
          </Td>
        </Tr>
      </TBody>
    </Table>
  );
}
