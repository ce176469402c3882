import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/auth.config";
import { authLogger } from "@/lib/auth/auth-logger";
import { pageSecurityHeaders } from "@/lib/security/page-headers";

// Every page gets a fresh CSP nonce, which Next.js puts on its own scripts when it finds the policy
// in the request headers (pages are rendered per request). Also a convenience: sends signed-out
// visitors from pages to sign-in, and passes the path on so the 403 page can name the role needed.
// Every page, action and route checks access itself (proxies can be bypassed: CVE-2025-29927). API
// routes are not matched: they answer 401 JSON.
const { auth } = NextAuth({ ...authConfig, logger: authLogger });

// The accessibility statement too: it must be readable before signing in.
const PUBLIC_PAGES = new Set(["/login", "/accessibility"]);
// Activation links (/activate/<token>): followed signed out, from the user's email.
const isPublicPage = (pathname: string) => PUBLIC_PAGES.has(pathname) || pathname.startsWith("/activate/");

export default auth((request) => {
  const { pathname, search } = request.nextUrl;
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const security = pageSecurityHeaders(nonce, { https, dev: process.env.NODE_ENV === "development" });

  let response: NextResponse;
  if (!request.auth && !isPublicPage(pathname)) {
    const login = new URL("/login", request.nextUrl.origin);
    login.searchParams.set("callbackUrl", pathname + search);
    response = NextResponse.redirect(login);
  } else {
    const headers = new Headers(request.headers);
    headers.set("x-disburse-path", pathname + search);
    headers.set("x-nonce", nonce);
    headers.set("Content-Security-Policy", security["Content-Security-Policy"]);
    response = NextResponse.next({ request: { headers } });
  }
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
});

export const config = {
  // Not API routes, static files, or next/link's prefetches (which render no page of their own).
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|robots.txt).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
