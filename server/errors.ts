import "server-only";
import { ZodError, z } from "zod";

/**
 * The one error type of the domain layer. Domain functions throw it with a code and a message
 * written for the person who will read it; what a client is told of it (status, field, details)
 * is said once, below, for every door: the tRPC error formatter (server/trpc/init.ts) and route
 * handlers (server/http/route-gate.ts).
 */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS"
  | "PRECONDITION_FAILED"
  | "UNPROCESSABLE_CONTENT";

export class AppError<TDetails = unknown> extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string,
    /** Structured facts the UI can render (e.g. who holds the seats); never secrets. */
    public readonly details?: TDetails,
    /** Which input field the message belongs to, so forms can show it beside the field. */
    public readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The HTTP status of each code (as tRPC gives its codes of the same names). */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  PRECONDITION_FAILED: 412,
  UNPROCESSABLE_CONTENT: 422,
};

/**
 * The status of an AppError over plain HTTP: its code's, unless its details name a finer one
 * tRPC has no code for (an attachment too large, 413, or of a refused type, 415).
 */
export function httpStatusOf(error: AppError): number {
  const finer = (error.details as { httpStatus?: unknown } | null | undefined)?.httpStatus;
  return typeof finer === "number" ? finer : HTTP_STATUS[error.code];
}

/** What a client is told of a refusal beside its message: per-field messages and structured details. */
export type ErrorFacts = {
  fieldErrors: Record<string, string[] | undefined> | null;
  details: unknown;
};

/** The facts of a refusal: zod's issues per field, or the field and details an AppError names. */
export function errorFacts(error: unknown): ErrorFacts {
  if (error instanceof ZodError) return { fieldErrors: z.flattenError(error).fieldErrors, details: null };
  if (isAppError(error))
    return { fieldErrors: error.field ? { [error.field]: [error.message] } : null, details: error.details ?? null };
  return { fieldErrors: null, details: null };
}
