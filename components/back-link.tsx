import Link from "next/link";
import type { ReactNode } from "react";

export function BackLink({ href, children = "Back" }: { href: string; children?: ReactNode }) {
  return (
    <Link
      href={href}
      className="mt-[15px] mb-[15px] inline-flex items-center gap-[6px] text-[0.875rem] text-ink visited:text-ink hover:text-ink sm:text-base"
    >
      <span aria-hidden="true">‹</span>
      {children}
    </Link>
  );
}
