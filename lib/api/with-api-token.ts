import "server-only";
import type { NextResponse } from "next/server";
import { parseBearerToken } from "@/lib/api-tokens/token-format";
import { verifyApiToken } from "@/lib/api-tokens/verify-api-token";
import { prisma } from "@/lib/db";
import { httpStatusFor, isAppError } from "@/lib/errors";
import type { ApiToken } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { apiError, apiFieldErrors } from "./json-response";

type Params = Record<string, string>;

export type ApiHandler<P extends Params> = (request: Request, context: { token: ApiToken; params: P }) => Promise<Response>;

// RFC 6750: a 401 names the scheme the client should use.
const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="disburse"' };

function unauthorised(message: string): NextResponse {
  return apiError(message, 401, CHALLENGE);
}

/**
 * Route handlers of the intake API: a missing, malformed, unknown or revoked bearer token is a
 * 401 JSON answer (never a redirect to sign-in); coded errors from lib/ become their HTTP
 * status; anything else is a logged 500 that says nothing was saved.
 */
export function withApiToken<P extends Params = Params>(handler: ApiHandler<P>) {
  return async function route(request: Request, context: { params: Promise<P> }): Promise<Response> {
    const header = request.headers.get("authorization");
    const parsed = parseBearerToken(header);
    if (parsed.kind === "missing") return unauthorised("An API token is required: send Authorization: Bearer <API token>");
    if (parsed.kind === "malformed") return unauthorised("The Authorization header must be Bearer followed by an API token");
    try {
      const token = await verifyApiToken(prisma, header);
      if (!token) return unauthorised("The API token is not recognised or has been revoked");
      return await handler(request, { token, params: await context.params });
    } catch (error) {
      if (isAppError(error)) {
        if (error.code === "VALIDATION" && error.fieldErrors) return apiFieldErrors(error.fieldErrors);
        return apiError(error.message, httpStatusFor[error.code]);
      }
      // The request body may hold bank details: log the error and the route only.
      log.error({ err: error, route: new URL(request.url).pathname }, "API request failed");
      return apiError("Something went wrong. Nothing was saved. Try again.", 500);
    }
  };
}
