import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";

/*
 * Calling the app's route handlers in-process, as Next would: a real Request (NextRequest, so
 * cookies are read as in production) with the session cookie next-auth would have set. Route
 * handlers use the process's database client (getDb()), which serveRoutesFrom points at the test
 * file's own database.
 */

export const ORIGIN = "http://desk.test";

export function serveRoutesFrom(db: Db): void {
  (globalThis as unknown as { seatdeskDb?: Db }).seatdeskDb = db;
}

/** The cookie header of a browser signed in as the session (next-auth's JWT naming its row). */
export async function sessionCookie(session: ValidSession): Promise<string> {
  const token = await encode({
    token: { sub: session.user.id, role: session.user.role, sid: session.sessionId },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  return `next-auth.session-token=${token}`;
}

/** Headers a page of the app sends with its own fetches. */
export const SAME_ORIGIN = { origin: ORIGIN, "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors" } as const;

export function appRequest(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: BodyInit | null } = {},
): NextRequest {
  return new NextRequest(new URL(path, ORIGIN), {
    method: init.method ?? "GET",
    headers: { host: new URL(ORIGIN).host, ...init.headers },
    body: init.body ?? null,
  });
}
