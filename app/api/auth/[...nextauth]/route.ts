import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authOptions } from "@/server/auth/options";
import { getDb } from "@/server/db/client";
import { normalizeEmail } from "@/server/auth/email";
import { lockedMessage, secondsToWait, throttleKey } from "@/server/auth/sign-in-throttle";
import { clientAddressOf } from "@/server/http/client-address";
import { sessionAnswer } from "@/server/auth/session-answer";
import { notedSsoFailure, specificSsoRedirect, withSsoFailureContext } from "@/server/identity/sso/failure";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth's handler, inside the context where its logger notes why a single sign-on failed: a
 * redirect to the sign-in page with next-auth's catch-all error=OAuthCallback names the reason
 * instead (wrong issuer, bad signature, expired, replayed state or nonce, unreachable provider:
 * server/identity/sso/failure.ts).
 */
function nextAuth(req: Request, context: RouteContext): Promise<Response> {
  return withSsoFailureContext(async () => {
    const response: Response = await NextAuth(authOptions())(req, context);
    const location = response.headers.get("location");
    const specific = location ? specificSsoRedirect(location, notedSsoFailure()) : null;
    if (!specific) return response;
    const headers = new Headers(response.headers); // keeps every Set-Cookie (the checks' cookies cleared)
    headers.set("location", specific);
    return new Response(response.body, { status: response.status, headers });
  });
}

/**
 * GET /api/auth/session answers from the server-side session row (server/auth/session-answer.ts):
 * a session ended by sign-out elsewhere, an administrator, a password change or the idle timeout
 * is no session here either, whatever the cookie's JWT still says.
 */
export async function GET(req: NextRequest, context: RouteContext) {
  if (new URL(req.url).pathname.endsWith("/api/auth/session")) return sessionAnswer(req, getDb());
  return nextAuth(req, context);
}

/**
 * A sign-in refused by the throttle (counted and refused inside authorize, before any password
 * check: server/auth/credentials.ts) gets a real 429 with Retry-After and a readable message
 * instead of next-auth's redirect to ?error=Locked.
 */
export async function POST(req: Request, context: RouteContext) {
  if (!new URL(req.url).pathname.endsWith("/callback/credentials")) return nextAuth(req, context);
  const form = await req
    .clone()
    .formData()
    .catch(() => null);
  const response = await nextAuth(req, context);
  const location =
    response.headers.get("location") ??
    (
      (await response
        .clone()
        .json()
        .catch(() => null)) as { url?: string } | null
    )?.url;
  if (!location || !/[?&]error=Locked(&|$)/.test(location)) return response;
  const email = form?.get("email");
  const address = clientAddressOf(req.headers);
  const keys = [
    ...(typeof email === "string" && email ? [throttleKey.account(normalizeEmail(email))] : []),
    ...(address ? [throttleKey.address(address)] : []),
  ];
  const db = getDb();
  const seconds = Math.max(1, await secondsToWait(db, keys));
  const accountWaits = keys[0]?.startsWith("email:") && (await secondsToWait(db, keys.slice(0, 1))) > 0;
  return NextResponse.json(
    { error: "Locked", message: lockedMessage(seconds, accountWaits ? "account" : "address") },
    { status: 429, headers: { "Retry-After": String(seconds) } },
  );
}
