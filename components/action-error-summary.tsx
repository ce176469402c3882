"use client";

import { useEffect } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { ErrorSummary } from "./error-summary";
import { resultMessage, usePageMessage } from "./page-messages";

/**
 * The error summary for an action's result, at the top of the page: one link per field error (in
 * the form's order), or the action's message when no field is to blame. A stale page ("STALE":
 * someone changed the record since it was loaded) gets the message and a link that reloads the
 * page. The page title gets "Error: " while errors show, as GOV.UK pages do.
 */
export function ActionErrorSummary({
  result,
  fields,
  ids = {},
}: {
  result: ActionResult | null;
  fields: string[];
  /** A field's element id where it differs from its name (two forms on a page with a "note" each). */
  ids?: Record<string, string>;
}) {
  const message = result && !result.ok ? resultMessage(result, fields, ids) : null;
  const inPlace = usePageMessage(message);
  const failed = inPlace && !!message;
  useEffect(() => {
    if (!inPlace) return;
    const base = document.title.replace(/^Error: /, "");
    document.title = failed ? `Error: ${base}` : base;
  }, [inPlace, failed, result]);
  if (!inPlace || message?.kind !== "error") return null;
  return <ErrorSummary errors={message.errors} description={message.description} focusKey={result} />;
}

export function fieldError(result: ActionResult | null, field: string): string | undefined {
  return result && !result.ok ? result.fieldErrors?.[field]?.[0] : undefined;
}
