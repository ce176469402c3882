// Coded errors thrown by lib/ services; action and route wrappers turn codes into messages and
// HTTP statuses. A plain Error means a bug.
export type ErrorCode =
  "FORBIDDEN" | "UNAUTHENTICATED" | "NOT_FOUND" | "VALIDATION" | "CONFLICT" | "STALE" | "INVALID_STATE" | "INTERNAL";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const httpStatusFor: Record<ErrorCode, number> = {
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  STALE: 409,
  INVALID_STATE: 409,
  INTERNAL: 500,
};

/** By name as well as class: scripts run under tsx can load this module twice (ESM and CJS). */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError || (error instanceof Error && error.name === "AppError" && "code" in error);
}
