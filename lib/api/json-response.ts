import { NextResponse } from "next/server";

/** JSON answers from the API are never cached: each one is about one request. */
export function apiJson(body: unknown, status: number, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** `{"error": "…"}`, the shape of every refusal that is not about a field. */
export function apiError(message: string, status: number, headers: Record<string, string> = {}): NextResponse {
  return apiJson({ error: message }, status, headers);
}

/** `{"errors": {"<path>": ["…"]}}`, the 400 for a request that failed validation. */
export function apiFieldErrors(errors: Record<string, string[]>): NextResponse {
  return apiJson({ errors }, 400);
}
