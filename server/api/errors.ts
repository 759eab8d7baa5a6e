import "server-only";

/*
 * Errors of /api/v1: `{ code, message, data }` with a stable `code` (tRPC's, e.g. BAD_REQUEST,
 * UNPROCESSABLE_CONTENT, CONFLICT), a message for the person reading the program's log, and the
 * request id in `data.requestId`. trpc-to-openapi answers every input error with the message
 * "Input validation failed"; this spells out which field and why, from the issues it sends.
 */

type ErrorBody = {
  code?: unknown;
  message?: unknown;
  issues?: { path?: (string | number)[]; message?: string }[];
  data?: { requestId?: unknown; fieldErrors?: unknown; details?: unknown };
};

export function readableErrorBody(text: string): string {
  let body: ErrorBody;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    return text;
  }
  if (Array.isArray(body.issues) && body.issues.length) {
    const parts = body.issues.map((i) => (i.path?.length ? `${i.path.join(".")}: ${i.message}` : `${i.message}`));
    body.message = `Input validation failed: ${parts.join("; ")}`;
  }
  return JSON.stringify({ code: body.code, message: body.message, data: body.data ?? null, issues: body.issues });
}
