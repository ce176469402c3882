import Link from "next/link";
import { containerClass } from "./container";
import { cx } from "./cx";

export type NavItem = { href: string; label: string };

function isCurrent(href: string, currentPath?: string): boolean {
  if (!currentPath) return false;
  return currentPath === href || currentPath.startsWith(href + "/");
}

export function PrimaryNav({ items, currentPath }: { items: NavItem[]; currentPath?: string }) {
  return (
    <nav aria-label="Main navigation" className="border-b border-mid-grey bg-light-grey">
      <ul className={cx(containerClass, "flex flex-wrap gap-x-6")}>
        {items.map((item) => {
          const current = isCurrent(item.href, currentPath);
          return (
            <li key={item.href} className={cx("border-b-[5px] py-3", current ? "border-link" : "border-transparent")}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={cx(
                  "text-link no-underline visited:text-link hover:text-link-hover hover:underline",
                  current && "font-bold",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
