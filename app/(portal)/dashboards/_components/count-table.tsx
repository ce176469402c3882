import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";

/** The table alternative of a one-series chart: a label and its count per row. */
export function CountTable({
  caption,
  heading,
  countHeading,
  rows,
}: {
  caption: string;
  heading: string;
  countHeading: string;
  rows: readonly { label: string; count: number }[];
}) {
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <Th>{heading}</Th>
          <Th numeric>{countHeading}</Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((r) => (
          <Tr key={r.label}>
            <Th scope="row" className="font-normal">
              {r.label}
            </Th>
            <Td numeric>{r.count.toLocaleString("en-GB")}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
