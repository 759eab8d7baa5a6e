import "server-only";
import { createOpenApiFetchHandler } from "trpc-to-openapi";
import { getDb, type Db } from "../db/client";
import { appRouter } from "../routers/_app";
import { createInnerContext } from "../trpc/context";
import { apiBodyMaxBytes, bodyTooLarge, passApiGate, type GateRefusal } from "./gate";
import { readableErrorBody } from "./errors";

export const API_V1_ENDPOINT = "/api/v1";
const WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

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
  let request = req;
  if (WITH_BODY.has(req.method)) {
    const body = await readLimited(req, apiBodyMaxBytes());
    if (body === null) return refusalResponse(bodyTooLarge());
    request = new Request(req.url, { method: req.method, headers: req.headers, body });
  }
  const response = await createOpenApiFetchHandler({
    endpoint: API_V1_ENDPOINT,
    router: appRouter,
    req: request,
    createContext: () => createInnerContext({ db, session: null, requestId: gate.requestId, api: gate.api }),
  });
  if (response.ok) return withRequestId(response, gate.requestId);
  const text = await response.text();
  const headers = new Headers(response.headers);
  headers.set("X-Request-Id", gate.requestId);
  return new Response(readableErrorBody(text), { status: response.status, headers });
}

export function refusalResponse(refusal: GateRefusal): Response {
  return Response.json(refusal.body, { status: refusal.status, headers: refusal.headers });
}

function withRequestId(response: Response, requestId: string): Response {
  response.headers.set("X-Request-Id", requestId);
  return response;
}

async function readLimited(req: Request, max: number): Promise<string | null> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
