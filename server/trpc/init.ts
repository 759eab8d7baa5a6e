import "server-only";
import { initTRPC, TRPCError, type AnyRouter } from "@trpc/server";
import superjson from "superjson";
import type { Context } from "./context";
import { AppError, errorFacts, isAppError } from "../errors";
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/text/storable";
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "../db/unavailable";
import type { ResponseMetaFn } from "@trpc/server/http";
// The API for programs (/api/v1) is generated from procedures that carry OpenAPI metadata.
import type { OpenApiMeta } from "trpc-to-openapi";

/**
 * tRPC initialisation. Errors reach the client with what a form needs: zod issues per field,
 * the field an AppError names, its structured details, and the request id to quote to support.
 * Unexpected errors never show their message or stack.
 */
const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error, ctx }) {
      const cause = error.cause;
      // The database out of reach before any procedure ran (creating the context reads the session
      // row) arrives here as an internal error: it is said as what it is (responseMeta makes it 503).
      const unavailable = error.code === "SERVICE_UNAVAILABLE" || isDatabaseUnavailable(cause);
      const internal = error.code === "INTERNAL_SERVER_ERROR" && !unavailable;
      return {
        ...shape,
        message: unavailable
          ? DATABASE_UNAVAILABLE_MESSAGE
          : internal
            ? `Something went wrong on our side. Please try again; if it persists, quote ` +
              `request ${ctx?.requestId ?? "unknown"}.`
            : shape.message,
        data: {
          code: unavailable ? "SERVICE_UNAVAILABLE" : shape.data.code,
          httpStatus: unavailable ? 503 : shape.data.httpStatus,
          path: shape.data.path,
          requestId: ctx?.requestId ?? null,
          // The same facts a route handler's JSON answer carries (server/errors.ts).
          ...errorFacts(cause),
        },
      };
    },
  });

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure's first step, one middleware (each layer of tRPC's chain copies the call's
 * options again): refuses input PostgreSQL cannot store, turns the domain's AppError into the
 * matching tRPC error, and logs what was unexpected.
 *
 * Every string a client sends must be text PostgreSQL can store (lib/text/storable.ts), checked
 * before any procedure reads its input, so a NUL or a broken Unicode sequence in a search, a
 * ticket number or a form gets a 400 naming the field, never a 500.
 */
const errorsMiddleware = t.middleware(async ({ ctx, next, path, type, getRawInput }) => {
  const started = performance.now();
  const unstorable = findUnstorableText(await getRawInput().catch(() => undefined));
  if (unstorable) {
    const field = unstorable.join(".") || undefined;
    throw trpcErrorOf(new AppError("BAD_REQUEST", UNSTORABLE_TEXT_MESSAGE, undefined, field));
  }
  let result = await next();
  // A read whose connection died (a PostgreSQL restart under way; a pooled connection the server
  // ended) is tried once more after a moment, on a fresh connection. A read changes nothing, or
  // only what repeating keeps the same (a seat checkout returns the lease already held). Writes
  // are not retried: whether one that lost its connection committed is unknown.
  if (!result.ok && type === "query" && isDatabaseUnavailable(result.error.cause)) {
    ctx.log.warn("database unavailable, retrying the read once", { path });
    await new Promise((resolve) => setTimeout(resolve, READ_RETRY_DELAY_MS));
    result = await next();
  }
  if (!result.ok) {
    const cause = result.error.cause;
    if (isAppError(cause)) throw trpcErrorOf(cause);
    if (isDatabaseUnavailable(cause)) {
      ctx.log.warn("database unavailable", { path, type, error: cause?.message });
      throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: DATABASE_UNAVAILABLE_MESSAGE, cause });
    }
    // Waiting too long for a database connection or a transaction slot is load, not a bug: say
    // so and let the client try again, instead of a 500.
    if (isDatabaseBusy(cause)) {
      ctx.log.warn("database busy", { path, type, code: (cause as { code?: string }).code });
      throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: DATABASE_BUSY_MESSAGE, cause });
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR") {
      ctx.log.error("procedure failed", {
        path,
        type,
        error: result.error.cause?.message ?? result.error.message,
        stack: result.error.cause?.stack,
      });
    }
  }
  ctx.log.debug("procedure", { path, type, ok: result.ok, ms: Math.round(performance.now() - started) });
  return result;
});

const READ_RETRY_DELAY_MS = 500;

/**
 * The HTTP answer's status and headers (fetchRequestHandler's responseMeta): a database out of
 * reach is 503 with Retry-After, also when it failed before any procedure ran (the context).
 */
export const responseMeta: ResponseMetaFn<AnyRouter> = ({ errors }) =>
  errors.some((e) => e.code === "SERVICE_UNAVAILABLE" || isDatabaseUnavailable(e.cause))
    ? { status: 503, headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) } }
    : {};

export const DATABASE_BUSY_MESSAGE = "seatdesk is very busy right now. Please try again in a moment.";

/** Prisma's "timed out waiting for a connection / to start a transaction" errors (429 at every door). */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === "P2024" || code === "P2028";
}

const trpcErrorOf = (cause: AppError) => new TRPCError({ code: cause.code, message: cause.message, cause });

export const baseProcedure = t.procedure.use(errorsMiddleware);
