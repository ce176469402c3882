import type { ReactNode } from "react";

export type SummaryListRow = { key: string; value: ReactNode; actions?: ReactNode };

export function SummaryList({ rows }: { rows: SummaryListRow[] }) {
  const anyActions = rows.some((row) => row.actions);
  return (
    <dl className="mb-5 sm:mb-[30px] sm:table sm:w-full sm:table-fixed sm:border-collapse">
      {rows.map((row) => (
        <div key={row.key} className="mb-[15px] border-b border-mid-grey sm:table-row sm:mb-0">
          <dt className="mb-[5px] font-bold sm:table-cell sm:w-[30%] sm:py-[10px] sm:pr-5">{row.key}</dt>
          <dd className="mb-[15px] break-words sm:table-cell sm:py-[10px] sm:pr-5">{row.value}</dd>
          {row.actions ? (
            <dd className="mb-[15px] sm:table-cell sm:w-[20%] sm:py-[10px] sm:text-right">{row.actions}</dd>
          ) : (
            anyActions && <dd className="hidden sm:table-cell sm:w-[20%]" />
          )}
        </div>
      ))}
    </dl>
  );
}
