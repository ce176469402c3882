import Link from "next/link";
import { containerClass } from "./container";
import { cx } from "./cx";

export type SupportContact = { email?: string; phone?: string };

/** GOV.UK-style footer: the accessibility statement and who to ask for help, on every page. */
export function AppFooter({ support }: { support: SupportContact }) {
  return (
    <footer className="mt-auto border-t border-mid-grey bg-light-grey py-6 text-base">
      <div className={cx(containerClass, "flex flex-wrap gap-x-10 gap-y-4")}>
        <nav aria-label="Footer">
          <h2 className="sr-only">Support links</h2>
          <ul className="flex flex-wrap gap-x-6 gap-y-2">
            <li>
              <Link href="/accessibility" className="text-ink underline visited:text-ink hover:decoration-3">
                Accessibility statement
              </Link>
            </li>
          </ul>
        </nav>
        <SupportDetails support={support} />
      </div>
    </footer>
  );
}

/** "Help with Disburse: email …, phone …": whichever of the two the configuration gives. */
export function SupportDetails({ support, className }: { support: SupportContact; className?: string }) {
  if (!support.email && !support.phone) return null;
  return (
    <p className={className}>
      <span className="font-bold">Help with Disburse: </span>
      {support.email && (
        <>
          email{" "}
          <a href={`mailto:${support.email}`} className="break-all text-ink underline visited:text-ink hover:decoration-3">
            {support.email}
          </a>
        </>
      )}
      {support.email && support.phone && ", "}
      {support.phone && (
        <>
          phone{" "}
          <a href={`tel:${support.phone.replace(/\s+/g, "")}`} className="text-ink underline visited:text-ink">
            {support.phone}
          </a>
        </>
      )}
    </p>
  );
}
