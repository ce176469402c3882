import Link from "next/link";

function Arrow({ direction }: { direction: "previous" | "next" }) {
  return (
    <svg aria-hidden="true" focusable="false" width="15" height="13" viewBox="0 0 15 13" className="shrink-0 fill-current">
      {direction === "previous" ? (
        <path d="M6.6 0 0 6.5 6.6 13 8 11.6 3.8 7.5H15v-2H3.8L8 1.4z" />
      ) : (
        <path d="M8.4 0 15 6.5 8.4 13 7 11.6l4.2-4.1H0v-2h11.2L7 1.4z" />
      )}
    </svg>
  );
}

/** Previous/next links for keyset (cursor) pagination; renders nothing when there is only one page. */
export function KeysetPagination({
  previousHref,
  nextHref,
  label = "Pagination",
}: {
  previousHref?: string;
  nextHref?: string;
  /** The navigation's name, for a page with more than one list that pages. */
  label?: string;
}) {
  if (!previousHref && !nextHref) return null;
  const linkClass = "inline-flex items-center gap-[10px] font-bold text-link visited:text-link hover:text-link-hover";
  return (
    <nav aria-label={label} className="mb-5 flex flex-wrap justify-between gap-4 sm:mb-[30px]">
      {previousHref ? (
        <Link href={previousHref} rel="prev" className={linkClass}>
          <Arrow direction="previous" />
          Previous page
        </Link>
      ) : (
        <span />
      )}
      {nextHref && (
        <Link href={nextHref} rel="next" className={linkClass}>
          Next page
          <Arrow direction="next" />
        </Link>
      )}
    </nav>
  );
}
