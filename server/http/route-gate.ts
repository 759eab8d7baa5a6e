import "server-only";
import { ZodError } from "zod";
import { onlyForMessage, SIGN_IN_MESSAGE, type Role } from "@/lib/auth/roles";
import type { RouteErrorBody } from "@/lib/http/error-body";
import { getCurrentSession } from "../auth/current-user";
import type { ValidSession } from "../auth/auth-sessions";
import { getDb, type Db } from "../db/client";
import type { Tx } from "../db/transaction";
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "../db/unavailable";
import { errorFacts, httpStatusOf, isAppError } from "../errors";
import { logger, type Logger } from "../logger";
import { inSeatedWrite } from "../trpc/middleware/seat";
import { DATABASE_BUSY_MESSAGE, isDatabaseBusy } from "../trpc/init";
import { requestIdsOf } from "./request-id";
import { CROSS_SITE_MESSAGE, isCrossSiteWrite } from "./same-origin";

/*
 * The door of a hand-written route handler (the CSV exports, the attachment routes): the same
 * gates, in the same order, as a tRPC procedure (server/trpc/procedures.ts), not a copy of them:
 * - same origin for anything that changes state (server/http/same-origin.ts, as the proxy);
 * - a valid session (401), then one of the door's roles (403), from lib/auth/roles.ts;
 * - a write that needs a seat runs in `ctx.seatedWrite`, the seat middleware's own
 *   inSeatedWrite: the fence in the write's transaction, a seat taken as the rules allow, an
 *   administrator's release to acknowledge first;
 * - every error answered as JSON with the status of server/errors.ts: an AppError's code (or
 *   finer status), zod's 400 per field, the database out of reach 503 with Retry-After, too
 *   busy (no connection or transaction slot in time) 429 as a procedure, and
 *   anything else a 500 with the request id to quote, logged (never its message or stack).
 * An error answer is always a RouteErrorBody (lib/http/error-body.ts): { message, field,
 * fieldErrors, details }, field being the first field named (for a one-field form: the upload's).
 */

export type RouteContext = {
  req: Request;
  session: ValidSession;
  db: Db;
  requestId: string;
  log: Logger;
  /** Runs `work` as a seat-gated write of the signed-in person (see inSeatedWrite). */
  seatedWrite: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
};

type Segment<P> = { params: Promise<P> };

/** The JSON error answer of every route handler. */
export function errorJson(
  status: number,
  message: string,
  facts: { field?: string; fieldErrors?: Record<string, string[] | undefined> | null; details?: unknown } = {},
  headers: Record<string, string> = {},
): Response {
  const fieldErrors = facts.fieldErrors ?? (facts.field ? { [facts.field]: [message] } : null);
  const field = facts.field ?? (fieldErrors ? (Object.keys(fieldErrors)[0] ?? null) : null);
  const body: RouteErrorBody = { message, field, fieldErrors, details: facts.details ?? null };
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

type Issue = { path: readonly PropertyKey[]; message: string };

/**
 * A refusal of the input with its messages per field: one parser's ZodError (the message names
 * each field), or the issues of several parsers of one query (the messages alone).
 */
export function badRequest(error: ZodError | readonly Issue[]): Response {
  if (error instanceof ZodError) return errorJson(400, issuesMessage(error), errorFacts(error));
  const fieldErrors: Record<string, string[]> = {};
  for (const i of error) (fieldErrors[i.path.map(String).join(".") || "input"] ??= []).push(i.message);
  return errorJson(400, error.map((i) => i.message).join("; "), { fieldErrors });
}

/** zod's issues as one sentence: "to: The end must be on or after the start; …". */
export function issuesMessage(error: ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

/** The answer to an error thrown behind the door (see the comment at the top). */
export function errorResponse(error: unknown, requestId: string, log: Logger): Response {
  if (isAppError(error)) {
    const status = httpStatusOf(error);
    log.info("request refused", { status, message: error.message });
    return errorJson(status, error.message, errorFacts(error));
  }
  if (error instanceof ZodError) return badRequest(error);
  if (isDatabaseBusy(error)) {
    log.warn("database busy", { code: (error as { code?: string }).code });
    return errorJson(429, DATABASE_BUSY_MESSAGE);
  }
  if (isDatabaseUnavailable(error)) {
    log.warn("database unavailable", { error: error instanceof Error ? error.message : String(error) });
    return errorJson(503, DATABASE_UNAVAILABLE_MESSAGE, {}, { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) });
  }
  log.error("request failed", {
    error: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
  return errorJson(
    500,
    `Something went wrong on our side. Please try again; if it persists, quote request ${requestId}.`,
  );
}

/**
 * A route handler behind the door: `roles` may call it (an area's, AREA_ROLES, or ROLES for
 * anyone signed in whose access the domain decides, as the attachments'). Next calls the result
 * with the request and the route's params.
 */
export function routeGate<P = Record<string, never>>(
  roles: readonly Role[],
  handle: (ctx: RouteContext, params: P) => Promise<Response>,
): (req: Request, segment?: Segment<P>) => Promise<Response> {
  return (req, segment) => passGate(req, roles, async (ctx) => handle(ctx, segment ? await segment.params : ({} as P)));
}

/** Who calls, when already known (tests, and the attachment helpers' callers); else read from the request. */
export type KnownCaller = { session: ValidSession | null; db: Db };

/** The door itself: `handle` runs only for a caller who passes it; every error is answered as above. */
export async function passGate(
  req: Request,
  roles: readonly Role[],
  handle: (ctx: RouteContext) => Promise<Response>,
  known?: KnownCaller,
): Promise<Response> {
  const { requestId } = requestIdsOf(req.headers);
  let log = logger.child({ requestId });
  try {
    if (isCrossSiteWrite(req)) return errorJson(403, CROSS_SITE_MESSAGE);
    const session = known ? known.session : await getCurrentSession();
    if (!session) return errorJson(401, SIGN_IN_MESSAGE);
    if (!roles.includes(session.user.role)) return errorJson(403, onlyForMessage(roles));
    log = log.child({ userId: session.user.id });
    const db = known?.db ?? getDb();
    const writer = { rootDb: db, session, requestId };
    return await handle({
      req,
      session,
      db,
      requestId,
      log,
      seatedWrite: async (work) => {
        const done = await inSeatedWrite(writer, async (tx) => ({ ok: true as const, value: await work(tx) }));
        return done.value;
      },
    });
  } catch (error) {
    return errorResponse(error, requestId, log);
  }
}
