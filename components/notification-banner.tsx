import { useId, type ReactNode, type Ref } from "react";
import { cx } from "./cx";

export type NotificationVariant = "info" | "success" | "important";

/**
 * GOV.UK notification banner. A success banner is a polite live region that the page focuses
 * when it appears (see page-messages.tsx), so the result of an action is read out once; the
 * others are regions named by their title.
 */
export function NotificationBanner({
  title,
  variant = "info",
  ref,
  children,
}: {
  title?: string;
  variant?: NotificationVariant;
  ref?: Ref<HTMLDivElement>;
  children: ReactNode;
}) {
  const titleId = useId();
  const success = variant === "success";
  return (
    <div
      ref={ref}
      role={success ? "status" : "region"}
      aria-labelledby={titleId}
      tabIndex={ref ? -1 : undefined}
      className={cx(
        "mb-[30px] border-[5px] focus:outline-[3px] focus:outline-offset-0 focus:outline-focus sm:mb-[50px]",
        success ? "border-success bg-success" : "border-link bg-link",
      )}
    >
      <div className="px-[15px] pt-[2px] pb-[5px] sm:px-5 sm:pb-[5px]">
        <h2 id={titleId} className="m-0 text-[1rem] font-bold text-white sm:text-[1.1875rem]">
          {title ?? (success ? "Success" : "Important")}
        </h2>
      </div>
      <div className="bg-white p-[15px] sm:p-5 [&>:last-child]:mb-0">{children}</div>
    </div>
  );
}

/** Bold, larger first line inside a NotificationBanner, as in GOV.UK. */
export function NotificationHeading({ children }: { children: ReactNode }) {
  return <p className="mb-[15px] text-[1.125rem] font-bold sm:text-[1.5rem]">{children}</p>;
}
