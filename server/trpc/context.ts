import "server-only";
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
import { requestIdsOf } from "../http/request-id";
import { isSameOriginRequest } from "../http/same-origin";
import { clientAddressOf } from "../http/client-address";

/**
 * What every procedure gets. `db` is the process's client, or, inside a seat-gated procedure,
 * the transaction that also holds the seat fence.
 */
export type Context = {
  db: Db | Tx;
  /** The client itself, for work that must not run inside the seat fence's transaction. */
  rootDb: Db;
  session: ValidSession | null;
  /** Made on the server (server/http/request-id.ts); the one stored in audit rows. */
  requestId: string;
  log: Logger;
  /**
   * Whether this request may check a seat out as a side effect (an agent's first call): only a
   * request verifiably from seatdesk's own pages (server/http/same-origin.ts), never a cross-site
   * navigation that merely carries the cookie.
   */
  mayTakeSeat: boolean;
  /** The client's network address (server/http/client-address.ts), for limits per address. */
  clientAddress: string | null;
  /** A program calling /api/v1 with a valid token (server/api/gate.ts); null for the browser. */
  api: ApiRequest | null;
};

/** The context without Next's request: what tests build to call procedures directly. */
export function createInnerContext(input: {
  db: Db;
  session: ValidSession | null;
  requestId?: string;
  clientRequestId?: string | null;
  mayTakeSeat?: boolean;
  clientAddress?: string | null;
  api?: ApiRequest | null;
}): Context {
  const requestId = input.requestId ?? randomUUID();
  const log = logger.child(
    input.clientRequestId ? { requestId, clientRequestId: input.clientRequestId } : { requestId },
  );
  return {
    db: input.db,
    rootDb: input.db,
    session: input.session,
    requestId,
    log,
    mayTakeSeat: input.mayTakeSeat ?? true,
    clientAddress: input.clientAddress ?? null,
    api: input.api ?? null,
  };
}

/** The context of a program's call that passed the API gate (server/api/gate.ts): its token, no session. */
export function createApiContext(
  db: Db,
  gate: { requestId: string; clientRequestId: string | null; api: ApiRequest },
): Context {
  return createInnerContext({
    db,
    session: null,
    requestId: gate.requestId,
    clientRequestId: gate.clientRequestId,
    api: gate.api,
  });
}

/** The context of a request through Next's route handler (app/api/trpc/[trpc]/route.ts). */
export async function createContext({ req }: { req: Request }): Promise<Context> {
  return contextFor(req, req as unknown as NextRequest);
}

/**
 * The same context for a request of Node's own HTTP server (the lean path of the custom server,
 * server/http/lean-server.ts): next-auth reads the session cookie from `cookies`; the request id,
 * the seat rule and the client address come from the same functions as above.
 */
export async function createNodeContext(req: IncomingMessage, db: Db = getDb()): Promise<Context> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const fetchLike = { headers, method: req.method ?? "GET" } as Request;
  const nextLike = { cookies: parseCookies(req.headers.cookie), headers: req.headers } as unknown as NextRequest;
  return contextFor(fetchLike, nextLike, db);
}

async function contextFor(req: Request, nextReq: NextRequest, db: Db = getDb()): Promise<Context> {
  const { requestId, clientRequestId } = requestIdsOf(req.headers);
  const token = await getToken({ req: nextReq, secret: env.NEXTAUTH_SECRET, decode: cachedDecode });
  // The JWT only names the server-side session; the row decides whether it is still valid.
  const session = token?.sid ? await findValidSession(db, token.sid) : null;
  return createInnerContext({
    db,
    session,
    requestId,
    clientRequestId,
    mayTakeSeat: isSameOriginRequest(req),
    clientAddress: clientAddressOf(req.headers),
  });
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
