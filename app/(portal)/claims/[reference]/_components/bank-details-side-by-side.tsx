import type { ReactNode } from "react";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { Tag } from "@/components/tag";
import type { BankField } from "@/lib/bank-details/compare-bank-details";
import type { ShownDetails } from "@/lib/bank-details/load-bank-details-review";

const ROWS: { field: BankField; label: string; value: (d: ShownDetails) => string }[] = [
  { field: "nameOnAccount", label: "Name on account", value: (d) => d.nameOnAccount },
  { field: "sortCode", label: "Sort code", value: (d) => d.sortCode },
  { field: "accountNumber", label: "Account number", value: (d) => d.accountNumber },
  { field: "rollNumber", label: "Roll number", value: (d) => d.rollNumber ?? "None" },
];

/** The checker's comparison: current and proposed details in full, each changed field tagged "Changed". */
export function BankDetailsSideBySide({
  current,
  proposed,
  changed,
  checkTag,
}: {
  current: ShownDetails | null;
  proposed: ShownDetails;
  changed: BankField[];
  checkTag: (details: ShownDetails) => ReactNode;
}) {
  return (
    <Table caption="Current and proposed bank details">
      <THead>
        <Tr>
          <Th>Detail</Th>
          <Th>Current</Th>
          <Th>Proposed</Th>
        </Tr>
      </THead>
      <TBody>
        {ROWS.map(({ field, label, value }) => {
          const isChanged = current !== null && changed.includes(field);
          return (
            <Tr key={field}>
              <Th scope="row">{label}</Th>
              <Td className="tabular-nums break-all">{current ? value(current) : "None on record"}</Td>
              <Td className={isChanged ? "tabular-nums break-all bg-[#fff7bf] font-bold" : "tabular-nums break-all"}>
                {value(proposed)}
                {isChanged && (
                  <>
                    {" "}
                    <Tag colour="orange">Changed</Tag>
                  </>
                )}
              </Td>
            </Tr>
          );
        })}
        <Tr>
          <Th scope="row">Check</Th>
          <Td>{current ? checkTag(current) : "None on record"}</Td>
          <Td>{checkTag(proposed)}</Td>
        </Tr>
      </TBody>
    </Table>
  );
}
