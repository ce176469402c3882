"use client";

import type { ActionResult } from "@/lib/actions/result";
import { resultMessage, SuccessBanner, usePageMessage } from "./page-messages";

/**
 * An action's success message, as a success banner at the top of the page that takes focus (drawn
 * here instead only where the page has no slot: its server HTML, for a form posted without
 * JavaScript).
 */
export function SuccessMessage({ result }: { result: ActionResult | null }) {
  const text = result?.ok ? result.message : undefined;
  const inPlace = usePageMessage(result?.ok ? resultMessage(result) : null);
  if (!inPlace || !text) return null;
  return <SuccessBanner text={text} focusKey={result} />;
}
