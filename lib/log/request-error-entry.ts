import type { LogEntry } from "./index";

// Next's `onRequestError` (instrumentation.ts) mapped to one JSON line. Pure, so it is tested
// without a server: lib/log/request-error-entry.test.ts. Headers are left out (cookies,
// authorization), and so is the query string, which may carry what a form sent.

export type RequestErrorRequest = Readonly<{ path: string; method: string; headers?: unknown }>;
export type RequestErrorContext = Readonly<{
  routerKind: string;
  routePath: string;
  routeType: string;
  renderSource?: string;
  revalidateReason?: string;
}>;

export function requestErrorEntry(error: unknown, request: RequestErrorRequest, context: RequestErrorContext): LogEntry {
  const e = (error !== null && typeof error === "object" ? error : {}) as {
    name?: unknown;
    message?: unknown;
    digest?: unknown;
    stack?: unknown;
  };
  const described: Record<string, unknown> = {
    name: typeof e.name === "string" ? e.name : typeof error,
    message: typeof e.message === "string" ? e.message : String(error),
  };
  if (typeof e.digest === "string") described.digest = e.digest;
  if (typeof e.stack === "string") described.stack = e.stack;
  const fields: Record<string, unknown> = {
    component: "next",
    // An activation link's path is itself a credential (app/(auth)/activate/[token]): never logged.
    path: request.path.split("?")[0].replace(/^\/activate\/[^/]+/, "/activate/[token]"),
    method: request.method,
    routerKind: context.routerKind,
    routePath: context.routePath,
    routeType: context.routeType,
    error: described,
  };
  if (context.renderSource) fields.renderSource = context.renderSource;
  if (context.revalidateReason) fields.revalidateReason = context.revalidateReason;
  return { level: "error", msg: "request failed", fields };
}
