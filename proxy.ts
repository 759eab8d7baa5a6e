import { NextResponse, type NextRequest } from "next/server";

/*
 * In front of every request:
 * - CSRF: a state-changing request (anything but GET/HEAD/OPTIONS) must come from the app's own
 *   origin. Browsers send Origin on such requests; a missing Origin is allowed only when the
 *   Fetch metadata says same-origin (or there is none, as from curl, which carries no cookies
 *   of a victim).
 * - Pages of the three areas need a sign-in cookie; without one the visitor goes to sign-in and
 *   comes back after. Whether the session is still valid, and the role, is checked by the
 *   area's layout and by every procedure on the server.
 */

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function isSameOrigin(req: NextRequest): boolean {
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (origin) {
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  const site = req.headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
}

export function proxy(req: NextRequest) {
  if (!SAFE_METHODS.has(req.method) && !isSameOrigin(req)) {
    return NextResponse.json({ error: "Forbidden", message: "Cross-site request refused: state-changing requests must come from seatdesk's own pages." }, { status: 403 });
  }
  const { pathname, search } = req.nextUrl;
  const isAreaPage = /^\/(portal|console|admin|reports)(\/|$)/.test(pathname);
  if (isAreaPage && !SESSION_COOKIES.some((name) => req.cookies.has(name))) {
    const signIn = new URL("/sign-in", req.url);
    signIn.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(signIn);
  }
  // Lets a layout send an ended session back to this very page after sign-in.
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-seatdesk-path", pathname + search);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
