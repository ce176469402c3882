import type { ReactNode } from "react";
import { formatDateTime } from "./format-date";

export type TimelineItem = { id: string; title: string; at: Date; by?: string; body?: ReactNode };

/** Events in the order given (pass newest first for an audit trail). */
export function Timeline({ items, headingLevel = 3 }: { items: TimelineItem[]; headingLevel?: 2 | 3 | 4 }) {
  const Heading = `h${headingLevel}` as const;
  return (
    <ol className="mb-5 border-l-[3px] border-mid-grey sm:mb-[30px]">
      {items.map((item) => (
        <li key={item.id} className="relative pb-5 pl-5 last:pb-0">
          <span
            aria-hidden="true"
            className="absolute top-[0.45em] -left-[9px] size-[15px] rounded-full border-[3px] border-link bg-white"
          />
          <Heading className="mb-[5px] text-[1rem] font-bold sm:text-[1.1875rem]">{item.title}</Heading>
          <p className="mb-[10px] text-secondary">
            <time dateTime={item.at.toISOString()}>{formatDateTime(item.at)}</time>
            {item.by && <> by {item.by}</>}
          </p>
          {item.body && <div>{item.body}</div>}
        </li>
      ))}
    </ol>
  );
}
