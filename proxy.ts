import { NextResponse, type NextRequest } from "next/server";
import { crossSiteRefusal, isCrossSiteWrite } from "./server/http/same-origin";
import { newNonce, pageCsp } from "./server/http/csp";

/*
 * In front of every request but the tRPC API (which checks the origin itself, see
 * server/http/same-origin.ts):
 * - CSRF: a state-changing request must come from the app's own origin.
 * - Pages of the areas need a sign-in cookie; without one the visitor goes to sign-in and
 *   comes back after. Whether the session is still valid, and the role, is checked by the
 *   area's layout and by every procedure on the server.
 * - Pages get a Content Security Policy with a nonce of their own (server/http/csp.ts): Next
 *   reads it from the request's policy header and puts it on its inline scripts.
 */

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(req: NextRequest) {
  if (isCrossSiteWrite(req)) return crossSiteRefusal();
  const { pathname, search } = req.nextUrl;
  const isAreaPage = /^\/(portal|console|admin|reports|account)(\/|$)/.test(pathname);
  if (isAreaPage && !SESSION_COOKIES.some((name) => req.cookies.has(name))) {
    const signIn = new URL("/sign-in", req.url);
    signIn.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(signIn);
  }
  // Lets a layout send an ended session back to this very page after sign-in.
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-seatdesk-path", pathname + search);
  if (pathname.startsWith("/api/")) return NextResponse.next({ request: { headers: requestHeaders } });
  const csp = pageCsp(newNonce(), { development: process.env.NODE_ENV === "development" });
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // api/trpc checks the origin in its own route (app/api/trpc/[trpc]/route.ts), api/v1 in its gate
  // (server/api/gate.ts).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/trpc|api/v1).*)"],
};
