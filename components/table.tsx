import Link from "next/link";
import { useId, type ComponentPropsWithoutRef, type ReactNode } from "react";
import { cx } from "./cx";

export function Table({
  caption,
  captionVisuallyHidden,
  children,
  className,
}: {
  caption?: ReactNode;
  captionVisuallyHidden?: boolean;
  children: ReactNode;
  className?: string;
}) {
  const captionId = useId();
  // A wide table scrolls in its own box, never the page (320 px: WCAG 1.4.10 reflow). The box is
  // a named, focusable region so that keyboard users can scroll it too. On small screens its
  // width is contained: without that a grid or flex column holding it grows to the table's width
  // and takes the page with it. `relative`: visually hidden (absolutely positioned) text in a
  // cell is clipped by this scroller too; without it, it widens the page at 320 px.
  return (
    <div
      role="region"
      tabIndex={0}
      aria-labelledby={caption ? captionId : undefined}
      aria-label={caption ? undefined : "Table"}
      className="relative mb-5 max-w-full overflow-x-auto max-sm:[contain:inline-size] focus-visible:outline-[3px] focus-visible:outline-offset-0 focus-visible:outline-focus sm:mb-[30px]"
    >
      <table className={cx("w-full border-collapse border-spacing-0", className)}>
        {caption && (
          <caption
            id={captionId}
            className={cx("mb-[15px] text-left text-[1.125rem] font-bold sm:text-[1.5rem]", captionVisuallyHidden && "sr-only")}
          >
            {caption}
          </caption>
        )}
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return <thead>{children}</thead>;
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody>{children}</tbody>;
}

export function Tr(props: ComponentPropsWithoutRef<"tr">) {
  return <tr {...props} />;
}

const cellClass = "border-b border-mid-grey py-[10px] pr-5 align-top last:pr-0";

export type SortDirection = "ascending" | "descending" | "none";

export function Th({
  numeric,
  sortHref,
  sortDirection = "none",
  scope = "col",
  className,
  children,
  ...rest
}: Omit<ComponentPropsWithoutRef<"th">, "scope"> & {
  numeric?: boolean;
  /** Makes the header a link that sorts by this column. */
  sortHref?: string;
  sortDirection?: SortDirection;
  scope?: "col" | "row";
}) {
  const arrow = sortDirection === "ascending" ? "▲" : sortDirection === "descending" ? "▼" : "▲▼";
  return (
    <th
      scope={scope}
      aria-sort={sortHref ? sortDirection : undefined}
      className={cx(cellClass, "font-bold", numeric ? "text-right" : "text-left", className)}
      {...rest}
    >
      {sortHref ? (
        <Link href={sortHref} className="inline-flex items-baseline gap-1 text-link visited:text-link hover:text-link-hover">
          {children}
          <span aria-hidden="true" className={cx("text-[0.7em]", sortDirection === "none" && "tracking-[-0.2em]")}>
            {arrow}
          </span>
        </Link>
      ) : (
        children
      )}
    </th>
  );
}

export function Td({ numeric, className, ...rest }: ComponentPropsWithoutRef<"td"> & { numeric?: boolean }) {
  return <td className={cx(cellClass, numeric && "text-right tabular-nums", className)} {...rest} />;
}
