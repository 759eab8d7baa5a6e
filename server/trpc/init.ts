import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Context } from "./context";
import { isAppError } from "../errors";
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
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      return {
        ...shape,
        message: internal
          ? `Something went wrong on our side. Please try again; if it persists, quote request ${ctx?.requestId ?? "unknown"}.`
          : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          requestId: ctx?.requestId ?? null,
          fieldErrors:
            cause instanceof ZodError
              ? z.flattenError(cause).fieldErrors
              : isAppError(cause) && cause.field
                ? { [cause.field]: [cause.message] }
                : null,
          details: isAppError(cause) ? (cause.details ?? null) : null,
        },
      };
    },
  });

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;

/** Turns the domain's AppError into the matching tRPC error, and logs what was unexpected. */
const errorsMiddleware = t.middleware(async ({ ctx, next, path, type }) => {
  const started = performance.now();
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (isAppError(cause)) throw new TRPCError({ code: cause.code, message: cause.message, cause });
    // Waiting too long for a database connection or a transaction slot is load, not a bug: say
    // so and let the client try again, instead of a 500.
    if (isDatabaseBusy(cause)) {
      ctx.log.warn("database busy", { path, type, code: (cause as { code?: string }).code });
      throw new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: "seatdesk is very busy right now. Please try again in a moment.",
        cause,
      });
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

/** Prisma's "timed out waiting for a connection / to start a transaction" errors. */
function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === "P2024" || code === "P2028";
}

export const baseProcedure = t.procedure.use(errorsMiddleware);
