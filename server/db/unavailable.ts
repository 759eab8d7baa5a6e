/**
 * The database being out of reach (restarting, down, the connection cut) is not a bug of the
 * request: it is answered 503 with Retry-After and a sentence that says so, never a 500
 * "something went wrong". One classifier for every way in: the tRPC error middleware and
 * context (server/trpc), and route handlers (databaseUnavailableResponse).
 */
import "server-only";
import { markDatabaseUnreachable } from "./reachability";

export const DATABASE_UNAVAILABLE_MESSAGE =
  "The database is unavailable right now (it may be restarting). Please try again in a few seconds.";

/** What Retry-After says: about how long a PostgreSQL restart takes. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// Socket errors of node and pg.
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);
// SQLSTATE: the server shutting down or starting, and class 08 (connection exceptions).
const SERVER_CODES = new Set(["57P01", "57P02", "57P03"]);
// Prisma: cannot reach the server (P1001), timed out reaching it (P1002), the server closed the connection (P1017).
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017"]);
// The kinds of Prisma's driver adapter for the same (in meta.driverAdapterError.cause.kind).
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
// pg's own messages for a connection that ended under it, and PostgreSQL's for a server going away.
const MESSAGES = new RegExp(
  [
    "Connection terminated",
    "terminating connection due to administrator command",
    "the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)",
    "Client has encountered a connection error",
    "Can't reach database server",
    "Server has closed the connection",
  ].join("|"),
  "i",
);

type ErrorLike = { code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };

/** Whether `error` says the database is out of reach; when it does, the reachability flag says so too. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!saysDatabaseUnavailable(error)) return false;
  markDatabaseUnreachable();
  return true;
}

function saysDatabaseUnavailable(error: unknown): boolean {
  // The error, its causes, and the driver error Prisma keeps in meta: a few levels at most.
  const seen: unknown[] = [error];
  for (let i = 0; i < seen.length && i < 8; i++) {
    const e = seen[i] as ErrorLike | null | undefined;
    if (!e || typeof e !== "object") continue;
    const code = typeof e.code === "string" ? e.code : "";
    if (SOCKET_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith("08") || PRISMA_CODES.has(code))
      return true;
    const kind = (e as { kind?: unknown }).kind;
    if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
    if (kind === "postgres" && SERVER_CODES.has(String(e.code))) return true;
    if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
    if (e.cause) seen.push(e.cause);
    if (e.meta?.driverAdapterError) seen.push(e.meta.driverAdapterError);
  }
  return false;
}

/**
 * A route handler that answers 503 (databaseUnavailableResponse) when the database is out of
 * reach anywhere in it, reading the session included, instead of Next's 500.
 */
export function answeringUnavailableDatabase<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      const unavailable = databaseUnavailableResponse(error);
      if (unavailable) return unavailable;
      throw error;
    }
  };
}

/** The 503 a route handler answers when the database is out of reach; null for any other error. */
export function databaseUnavailableResponse(error: unknown): Response | null {
  if (!isDatabaseUnavailable(error)) return null;
  return Response.json(
    { error: DATABASE_UNAVAILABLE_MESSAGE },
    {
      status: 503,
      headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS), "Cache-Control": "no-store" },
    },
  );
}
