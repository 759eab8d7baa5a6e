import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { getDb, type Db } from "../db/client";
import type { Tx } from "../db/transaction";
import { env } from "../env";
import { findValidSession, type ValidSession } from "../auth/auth-sessions";
import { logger, type Logger } from "../logger";
import { cachedDecode } from "./token-cache";
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
};

/** The context without Next's request: what tests build to call procedures directly. */
export function createInnerContext(input: {
  db: Db;
  session: ValidSession | null;
  requestId?: string;
  clientRequestId?: string | null;
  mayTakeSeat?: boolean;
  clientAddress?: string | null;
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
  };
}

export async function createContext({ req }: { req: Request }): Promise<Context> {
  const db = getDb();
  const { requestId, clientRequestId } = requestIdsOf(req.headers);
  const token = await getToken({
    req: req as unknown as NextRequest,
    secret: env.NEXTAUTH_SECRET,
    decode: cachedDecode,
  });
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
