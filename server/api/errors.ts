import "server-only";

/*
 * Errors of /api/v1: `{ code, message, data }` with a stable `code` (tRPC's, e.g. BAD_REQUEST,
 * UNPROCESSABLE_CONTENT, CONFLICT), a message for the person reading the program's log, and the
 * request id in `data.requestId`. An input error's message ("Input validation failed", as
 * trpc-to-openapi says it) spells out which field and why, from its issues.
 */

export type ErrorBody = {
  code?: unknown;
  message?: unknown;
  issues?: { path?: (string | number)[]; message?: string }[];
  data?: { requestId?: unknown; fieldErrors?: unknown; details?: unknown };
};

/** The error body a program reads: `{ code, message, data, issues }`, the message naming each field at fault. */
export function readableError(body: ErrorBody): { code: unknown; message: unknown; data: unknown; issues: unknown } {
  let message = body.message;
  if (Array.isArray(body.issues) && body.issues.length) {
    const parts = body.issues.map((i) => (i.path?.length ? `${i.path.join(".")}: ${i.message}` : `${i.message}`));
    message = `Input validation failed: ${parts.join("; ")}`;
  }
  return { code: body.code, message, data: body.data ?? null, issues: body.issues };
}
