import "server-only";
import { readBodyBytes } from "./read-body";
import { NextRequest } from "next/server";
import { TRPC_MAX_BATCH_SIZE, TRPC_MAX_BODY_BYTES } from "@/lib/trpc/limits";

/*
 * The size limits of /api/trpc and their check, in one place for every entry point that serves
 * tRPC (the route handler app/api/trpc/[trpc]/route.ts, and any other server in front of the
 * same router). The proxy's body limit does not apply to /api/trpc (proxy.ts skips it), so
 * without this one request could run any number of procedures, or send any body.
 * - a batch (`?batch=1`, procedures joined by commas in the path) holds at most
 *   TRPC_MAX_BATCH_SIZE calls: 400;
 * - a body is at most TRPC_MAX_BODY_BYTES, by its Content-Length or, without one, as it is
 *   read: 413.
 */
export { TRPC_MAX_BATCH_SIZE, TRPC_MAX_BODY_BYTES };

export type TrpcLimitRefusal = { status: 400 | 413; error: string; message: string };

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toLocaleString("en-US")} MB`;

/** The number of procedures a tRPC URL calls (path after the endpoint, comma-separated in a batch). */
export function callsInTrpcUrl(url: URL, endpoint = "/api/trpc"): number {
  if (url.searchParams.get("batch") !== "1") return 1;
  const path = url.pathname.startsWith(endpoint) ? url.pathname.slice(endpoint.length + 1) : url.pathname;
  return path.split(",").length;
}

export function batchRefusal(url: URL, endpoint?: string): TrpcLimitRefusal | null {
  const calls = callsInTrpcUrl(url, endpoint);
  if (calls <= TRPC_MAX_BATCH_SIZE) return null;
  return {
    status: 400,
    error: "BatchTooLarge",
    message: `One request may call at most ${TRPC_MAX_BATCH_SIZE} procedures; this one called ${calls}.`,
  };
}

export function bodyTooLargeRefusal(): TrpcLimitRefusal {
  return {
    status: 413,
    error: "PayloadTooLarge",
    message: `This request is too large: at most ${megabytes(TRPC_MAX_BODY_BYTES)} can be sent at once.`,
  };
}

/** A Content-Length over the limit (or not a number) is refused before anything is read. */
export function contentLengthRefusal(contentLength: string | null): TrpcLimitRefusal | null {
  if (contentLength === null) return null;
  const bytes = Number(contentLength);
  if (!Number.isSafeInteger(bytes) || bytes < 0)
    return { status: 400, error: "BadRequest", message: "The Content-Length of this request is not valid." };
  return bytes > TRPC_MAX_BODY_BYTES ? bodyTooLargeRefusal() : null;
}

export function refusalResponse(refusal: TrpcLimitRefusal): Response {
  return Response.json({ error: refusal.error, message: refusal.message }, { status: refusal.status });
}

/**
 * The whole check for a Fetch API request: the request to hand to tRPC (the same one, or, for a
 * body without Content-Length, a copy holding the body read within the limit), or the refusal.
 */
export async function limitTrpcRequest(
  req: NextRequest,
  endpoint?: string,
): Promise<{ ok: true; req: NextRequest } | { ok: false; response: Response }> {
  const refusal = batchRefusal(new URL(req.url), endpoint) ?? contentLengthRefusal(req.headers.get("content-length"));
  if (refusal) return { ok: false, response: refusalResponse(refusal) };
  // With a Content-Length, Node's HTTP parser delivers exactly that many bytes.
  if (!req.body || req.headers.get("content-length") !== null) return { ok: true, req };
  const body = await readBodyBytes(req.body, TRPC_MAX_BODY_BYTES);
  if (!body) return { ok: false, response: refusalResponse(bodyTooLargeRefusal()) };
  const copy = new NextRequest(req.url, { method: req.method, headers: req.headers, body: body as BodyInit });
  return { ok: true, req: copy };
}
