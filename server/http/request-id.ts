import "server-only";
import { randomUUID } from "node:crypto";

/*
 * Request ids. The id kept in logs, error answers and append-only audit rows (seat events, the
 * administrators' log) is always made here, on the server: a caller must not choose what the
 * audit says. A caller's own `x-request-id` is kept apart, only when it is a short token of safe
 * characters, for correlating logs with the caller's own (never stored in audit rows).
 */

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export type RequestIds = { requestId: string; clientRequestId: string | null };

export function cleanClientRequestId(value: string | null | undefined): string | null {
  return value && CLIENT_REQUEST_ID.test(value) ? value : null;
}

export function requestIdsOf(headers: Pick<Headers, "get">): RequestIds {
  return { requestId: randomUUID(), clientRequestId: cleanClientRequestId(headers.get("x-request-id")) };
}
