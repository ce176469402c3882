import { useId, type ReactNode } from "react";
import { cx } from "./cx";

export type NotificationVariant = "info" | "success" | "important";

/** Success banners use role="alert" so the result of an action is announced. */
export function NotificationBanner({
  title,
  variant = "info",
  children,
}: {
  title?: string;
  variant?: NotificationVariant;
  children: ReactNode;
}) {
  const titleId = useId();
  const success = variant === "success";
  return (
    <div
      role={success ? "alert" : "region"}
      aria-labelledby={titleId}
      className={cx("mb-[30px] border-[5px] sm:mb-[50px]", success ? "border-success bg-success" : "border-link bg-link")}
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
