import type { ReactNode } from "react";
import { Td } from "./table";
import { Tag } from "./tag";

/**
 * A proposed value beside the current one for a checker (bank details, a name or address): a
 * changed value is highlighted and tagged "Changed" in words, which screen readers read too.
 */
export function ProposedCell({ changed, className, children }: { changed: boolean; className: string; children: ReactNode }) {
  return (
    <Td className={changed ? `${className} bg-[#fff7bf] font-bold` : className}>
      {children}
      {changed && (
        <>
          {" "}
          <Tag colour="orange">Changed</Tag>
        </>
      )}
    </Td>
  );
}
