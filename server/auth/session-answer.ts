import "server-only";
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import type { Db } from "../db/client";
import { env } from "../env";
import { findValidSession } from "./auth-sessions";
import { cachedDecode } from "../trpc/token-cache";

/*
 * What GET /api/auth/session answers (next-auth's client asks it): built from the server-side
 * session row, never from the JWT alone. The cookie's JWT only names the row; an ended, idle,
 * expired or disabled one is no session (`{}`, next-auth's own "signed out" answer), and the
 * session's expiry is the row's.
 */
export async function sessionAnswer(req: NextRequest, db: Db): Promise<Response> {
  const token = await getToken({ req, secret: env.NEXTAUTH_SECRET, decode: cachedDecode });
  const session = typeof token?.sid === "string" ? await findValidSession(db, token.sid) : null;
  const headers = { "Cache-Control": "no-store" };
  if (!session) return Response.json({}, { headers });
  const { id, name, email, role } = session.user;
  return Response.json({ user: { id, name, email, role }, expires: session.expiresAt.toISOString() }, { headers });
}
