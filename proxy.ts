import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/auth.config";
import { authLogger } from "@/lib/auth/auth-logger";

// Convenience only: sends signed-out visitors from pages to sign-in, and passes the path on so
// the 403 page can name the role needed. Every page, action and route checks access itself
// (proxies can be bypassed: CVE-2025-29927). API routes are not matched: they answer 401 JSON.
const { auth } = NextAuth({ ...authConfig, logger: authLogger });

const PUBLIC_PAGES = new Set(["/login"]);

export default auth((request) => {
  const { pathname, search } = request.nextUrl;
  if (!request.auth && !PUBLIC_PAGES.has(pathname)) {
    const login = new URL("/login", request.nextUrl.origin);
    login.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(login);
  }
  const headers = new Headers(request.headers);
  headers.set("x-disburse-path", pathname + search);
  return NextResponse.next({ request: { headers } });
});

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
