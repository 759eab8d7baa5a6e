import "server-only";

/**
 * The one error type of the domain layer. Domain functions throw it with a code and a message
 * written for the person who will read it. Procedures answer it through the error middleware of
 * server/trpc/init.ts (a TRPCError of the same code, whose HTTP status tRPC sets); route handlers
 * map the code to an HTTP status themselves.
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
