import "server-only";
import { getDb, type Db } from "../db/client";
import { appRouter } from "../routers/_app";
import { createApiContext } from "../trpc/context";
import { apiBodyMaxBytes, bodyTooLarge, passApiGate, type GateRefusal } from "./gate";
import { createApiV1Dispatcher } from "./dispatch";
import { readBodyText } from "../http/read-body";

export const API_V1_ENDPOINT = "/api/v1";
const WITH_BODY = new Set(["POST", "PUT", "PATCH"]);
let dispatcher: ReturnType<typeof createApiV1Dispatcher> | null = null;

/**
 * /api/v1 through Next's route handler (app/api/v1/[...path]/route.ts): the gate, a body read
 * up to API_BODY_MAX_BYTES (also when no Content-Length says how long it is), then the procedure.
 */
export async function handleApiV1Request(
  req: Request,
  remoteAddress: string | null,
  db: Db = getDb(),
): Promise<Response> {
  const length = req.headers.get("content-length");
  const gate = await passApiGate(db, {
    method: req.method,
    headers: req.headers,
    remoteAddress,
    contentLength: length === null ? null : Number(length),
  });
  if (!gate.ok) return refusalResponse(gate);
  let body: string | null = null;
  if (WITH_BODY.has(req.method)) {
    body = await readBodyText(req, apiBodyMaxBytes());
    if (body === null) return refusalResponse(bodyTooLarge());
  }
  const url = new URL(req.url);
  dispatcher ??= createApiV1Dispatcher(appRouter);
  const answer = await dispatcher(
    {
      method: req.method,
      pathname: url.pathname.slice(API_V1_ENDPOINT.length),
      searchParams: url.searchParams,
      contentType: req.headers.get("content-type"),
      body,
    },
    () => createApiContext(db, gate),
  );
  return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
    status: answer.status,
    headers: { "Content-Type": "application/json", "X-Request-Id": gate.requestId },
  });
}

export function refusalResponse(refusal: GateRefusal): Response {
  return Response.json(refusal.body, { status: refusal.status, headers: refusal.headers });
}
