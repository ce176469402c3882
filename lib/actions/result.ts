import type { ErrorCode } from "@/lib/errors";

/** The one shape every server action returns. */
export type ActionResult<T = unknown> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: Record<string, string[]>; data?: T };

export const FORBIDDEN_RESULT = {
  ok: false,
  code: "FORBIDDEN",
  message: "You do not have permission to do this.",
} as const satisfies ActionResult;
