import type { ReactNode } from "react";
import type { BankField } from "@/lib/bank-details/compare-bank-details";
import { Table, TBody, Td, Th, THead, Tr } from "./table";
import { ProposedCell } from "./proposed-cell";

/** Bank details as shown to a checker, in full (a claimant's or a beneficiary's). */
export type SideBySideDetails = { nameOnAccount: string; sortCode: string; accountNumber: string; rollNumber: string | null };

const ROWS: { field: BankField; label: string; value: (d: SideBySideDetails) => string }[] = [
  { field: "nameOnAccount", label: "Name on account", value: (d) => d.nameOnAccount },
  { field: "sortCode", label: "Sort code", value: (d) => d.sortCode },
  { field: "accountNumber", label: "Account number", value: (d) => d.accountNumber },
  { field: "rollNumber", label: "Roll number", value: (d) => d.rollNumber ?? "None" },
];

/** The checker's comparison: current and proposed details in full, each changed field tagged "Changed". */
export function BankDetailsSideBySide<D extends SideBySideDetails>({
  current,
  proposed,
  changed,
  checkTag,
}: {
  current: D | null;
  proposed: D;
  changed: BankField[];
  checkTag: (details: D) => ReactNode;
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
              <ProposedCell changed={isChanged} className="tabular-nums break-all">
                {value(proposed)}
              </ProposedCell>
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
