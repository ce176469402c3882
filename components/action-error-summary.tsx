"use client";

import { useEffect } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { ErrorSummary } from "./error-summary";

/**
 * The error summary for an action's result: one link per field error (in the form's order),
 * or the action's message when no field is to blame. Prefixes the page title with "Error: "
 * while errors show, as GOV.UK pages do.
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
  const failed = !!result && !result.ok;
  useEffect(() => {
    const base = document.title.replace(/^Error: /, "");
    document.title = failed ? `Error: ${base}` : base;
  }, [failed, result]);
  if (!result || result.ok) return null;
  const fieldErrors = result.fieldErrors ?? {};
  const errors = fields.filter((f) => fieldErrors[f]?.length).map((f) => ({ href: `#${ids[f] ?? f}`, text: fieldErrors[f][0] }));
  if (!errors.length) errors.push({ href: `#${ids[fields[0]] ?? fields[0] ?? "main-content"}`, text: result.message });
  return <ErrorSummary errors={errors} focusKey={result} />;
}

export function fieldError(result: ActionResult | null, field: string): string | undefined {
  return result && !result.ok ? result.fieldErrors?.[field]?.[0] : undefined;
}
