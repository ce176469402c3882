import Link from "next/link";
import type { ComponentPropsWithoutRef, ReactNode } from "react";
import { containerClass } from "./container";
import { cx } from "./cx";
import { Tag } from "./tag";

/** `accountHref`: the "Your account" link; none while a one-time password must be changed first. */
type HeaderUser = { name: string; email: string; roleLabel: string; accountHref?: string };

export function AppHeader({
  serviceName,
  isDemo,
  user,
  signOut,
  search,
}: {
  serviceName: string;
  isDemo: boolean;
  user?: HeaderUser;
  signOut?: ReactNode;
  /** The "Find a payment" box (components/payment-search-box.tsx), for signed-in staff: a row of its own. */
  search?: ReactNode;
}) {
  return (
    <header className="bg-ink text-white">
      <div
        className={cx(
          containerClass,
          "flex flex-wrap items-center justify-between gap-x-6 gap-y-2 border-b-[10px] border-link py-3",
        )}
      >
        <div className="flex flex-wrap items-center gap-3">
          <Link
            href="/"
            className="text-[1.125rem] font-bold text-white no-underline visited:text-white hover:text-white hover:underline sm:text-[1.5rem]"
          >
            {serviceName}
          </Link>
          {isDemo && (
            <Tag colour="orange">
              Demo<span className="sr-only"> environment: not real payments</span>
            </Tag>
          )}
        </div>
        {user && (
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-base">
            <p>
              <span className="sr-only">Signed in as </span>
              <span className="font-bold">{user.name}</span>
              <span aria-hidden="true"> · </span>
              <span className="sr-only">, role: </span>
              {user.roleLabel}
            </p>
            {user.accountHref && (
              <Link
                href={user.accountHref}
                className="text-white underline underline-offset-[0.1578em] visited:text-white hover:text-white hover:decoration-3"
              >
                Your account
              </Link>
            )}
            {signOut}
          </div>
        )}
        {search && <div className="basis-full pb-1">{search}</div>}
      </div>
    </header>
  );
}

/** A button that looks like a header link, for the sign-out form passed in as `signOut`. */
export function HeaderActionButton({ className, type = "submit", ...props }: ComponentPropsWithoutRef<"button">) {
  return (
    <button
      type={type}
      className={cx(
        "cursor-pointer text-white underline underline-offset-[0.1578em] hover:decoration-3",
        "focus-visible:bg-focus focus-visible:text-ink focus-visible:no-underline focus-visible:shadow-[0_-2px_#ffdd00,0_4px_#0b0c0c] focus-visible:outline-transparent",
        className,
      )}
      {...props}
    />
  );
}
