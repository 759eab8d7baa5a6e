import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { getDb, type Db } from "../db/client";
import type { Tx } from "../db/transaction";
import { env } from "../env";
import { findValidSession, type ValidSession } from "../auth/auth-sessions";
import { logger, type Logger } from "../logger";
import { cachedDecode } from "./token-cache";
import type { ApiRequest } from "../api/caller";

/**
 * What every procedure gets. `db` is the process's client, or, inside a seat-gated procedure,
 * the transaction that also holds the seat fence.
 */
export type Context = {
  db: Db | Tx;
  /** The client itself, for work that must not run inside the seat fence's transaction. */
  rootDb: Db;
  session: ValidSession | null;
  requestId: string;
  log: Logger;
  /** A program calling /api/v1 with a valid token (server/api/gate.ts); null for the browser. */
  api: ApiRequest | null;
};

/** The context without Next's request: what tests build to call procedures directly. */
export function createInnerContext(input: {
  db: Db;
  session: ValidSession | null;
  requestId?: string;
  api?: ApiRequest | null;
}): Context {
  const requestId = input.requestId ?? randomUUID();
  return {
    db: input.db,
    rootDb: input.db,
    session: input.session,
    requestId,
    log: logger.child({ requestId }),
    api: input.api ?? null,
  };
}

export async function createContext({ req }: { req: Request }): Promise<Context> {
  return contextFor(req.headers.get("x-request-id"), req as unknown as NextRequest);
}

/**
 * The same context for a request of Node's own HTTP server (the lean path of the custom server,
 * server/http/lean-server.ts): next-auth reads the session cookie from `cookies`.
 */
export async function createNodeContext(req: IncomingMessage, db: Db = getDb()): Promise<Context> {
  const header = req.headers["x-request-id"];
  return contextFor(
    typeof header === "string" ? header : null,
    { cookies: parseCookies(req.headers.cookie), headers: req.headers } as unknown as NextRequest,
    db,
  );
}

async function contextFor(requestIdHeader: string | null, req: NextRequest, db: Db = getDb()): Promise<Context> {
  const requestId = requestIdHeader?.slice(0, 100) || randomUUID();
  const token = await getToken({ req, secret: env.NEXTAUTH_SECRET, decode: cachedDecode });
  // The JWT only names the server-side session; the row decides whether it is still valid.
  const session = token?.sid ? await findValidSession(db, token.sid) : null;
  return createInnerContext({ db, session, requestId });
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      cookies[name] = part.slice(at + 1).trim();
    }
  }
  return cookies;
}
