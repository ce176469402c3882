"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import { NotificationBanner, NotificationHeading } from "@/components/notification-banner";

/**
 * The success banner on a claim's page after "Submit claim" (the key-in action redirects with
 * `?keyedIn=1`). Focus moves to it, as GOV.UK's success banners do.
 */
export function KeyedInBanner({ reference }: { reference: string }) {
  // Null where the page is drawn outside Next.js's router (tests that render a claim page to HTML).
  const keyedIn = (useSearchParams() as URLSearchParams | null)?.get("keyedIn") === "1";
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (keyedIn) ref.current?.focus();
  }, [keyedIn]);
  if (!keyedIn) return null;
  return (
    <div ref={ref} tabIndex={-1} className="outline-none">
      <NotificationBanner variant="success">
        <NotificationHeading>Claim {reference} keyed in</NotificationHeading>
        <p>Another caseworker must decide it, since you keyed it in.</p>
      </NotificationBanner>
    </div>
  );
}
