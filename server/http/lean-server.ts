import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { createOpenApiNodeHttpHandler } from "trpc-to-openapi";
import { appRouter } from "../routers/_app";
import { createInnerContext, createNodeContext } from "../trpc/context";
import { getDb } from "../db/client";
import { CROSS_SITE_MESSAGE, isCrossSiteWrite } from "./same-origin";
import { apiBodyMaxBytes, passApiGate, type GateRefusal } from "../api/gate";
import { readableErrorBody } from "../api/errors";
import { openApiDocument } from "../api/openapi";
import { apiDocsHtml } from "../api/docs-page";
import type { ApiRequest } from "../api/caller";
import { responseMeta } from "../trpc/init";
import { batchRefusal, contentLengthRefusal, TRPC_MAX_BATCH_SIZE, TRPC_MAX_BODY_BYTES } from "./trpc-limits";

/*
 * The lean path (issue 14, README "API for programs"): in the custom server's process
 * (scripts/serve.ts), /api/trpc and /api/v1 go straight to tRPC's Node adapters instead of
 * through Next's per-request handling (about 3 ms of CPU per call on the 2-core machine: see
 * bench/lib/http-profile.ts). What Next gave those routes is kept here: the same context
 * (createNodeContext: the session cookie and its server-side row), the same origin check
 * (same-origin.ts), the same security headers (next.config.js's headers(), read once) and body
 * limits. Everything else goes to Next.
 */

export type LeanHandlers = {
  /** Answers the request when it is one of the lean paths; false when Next should. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
};

type HeaderRule = { source: string; headers: { key: string; value: string }[] };

export function createLeanHandlers(securityHeaders: HeaderRule["headers"], db = getDb()): LeanHandlers {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/api/trpc/",
    createContext: ({ req }) => createNodeContext(req, db),
    // The same limits and answers as the Next route (app/api/trpc/[trpc]/route.ts): the batch size
    // and a Content-Length are checked in handle() below; a body without one is capped here.
    responseMeta,
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    maxBodySize: TRPC_MAX_BODY_BYTES,
  });
  const apiV1 = createOpenApiNodeHttpHandler({
    router: appRouter,
    maxBodySize: apiBodyMaxBytes(),
    createContext: ({ req }) => {
      const gated = (req as GatedRequest).seatdeskApi!;
      return createInnerContext({ db, session: null, requestId: gated.requestId, api: gated.api });
    },
  });

  const setSecurityHeaders = (res: ServerResponse) => {
    for (const { key, value } of securityHeaders) res.setHeader(key, value);
  };

  return {
    handle(req, res) {
      const url = req.url ?? "/";
      if (url.startsWith("/api/trpc/")) {
        setSecurityHeaders(res);
        if (isCrossSiteWrite(asFetchLike(req))) {
          sendJson(res, 403, { error: "Forbidden", message: CROSS_SITE_MESSAGE });
          return true;
        }
        const refusal =
          batchRefusal(new URL(url, "http://lean.invalid")) ?? contentLengthRefusal(headerOf(req, "content-length"));
        if (refusal) {
          sendJson(res, refusal.status, { error: refusal.error, message: refusal.message });
          return true;
        }
        void trpc(req, res);
        return true;
      }
      if (url === "/api/v1" || url.startsWith("/api/v1/") || url.startsWith("/api/v1?")) {
        setSecurityHeaders(res);
        void serveApiV1(db, apiV1, req, res);
        return true;
      }
      return false;
    },
  };
}

type GatedRequest = IncomingMessage & { seatdeskApi?: { api: ApiRequest; requestId: string } };

async function serveApiV1(
  db: ReturnType<typeof getDb>,
  apiV1: ReturnType<typeof createOpenApiNodeHttpHandler>,
  req: GatedRequest,
  res: ServerResponse,
): Promise<void> {
  try {
    const path = (req.url ?? "").slice("/api/v1".length) || "/";
    if (req.method === "GET" && path === "/openapi.json") return sendJson(res, 200, openApiDocument());
    if (req.method === "GET" && path === "/docs") {
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.end(apiDocsHtml());
      return;
    }
    const length = req.headers["content-length"];
    const gate = await passApiGate(db, {
      method: req.method ?? "GET",
      headers: asFetchLike(req).headers,
      remoteAddress: req.socket.remoteAddress ?? null,
      contentLength: length === undefined ? null : Number(length),
    });
    if (!gate.ok) return sendRefusal(res, gate);
    req.seatdeskApi = { api: gate.api, requestId: gate.requestId };
    req.url = path;
    res.setHeader("X-Request-Id", gate.requestId);
    // Error answers get the same readable message as the Next route's (server/api/errors.ts).
    const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
    res.end = ((chunk?: unknown) =>
      end(res.statusCode >= 400 && typeof chunk === "string" ? readableErrorBody(chunk) : chunk)) as typeof res.end;
    await apiV1(req, res);
  } catch {
    if (!res.headersSent) sendJson(res, 500, { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong." });
  }
}

function sendRefusal(res: ServerResponse, refusal: GateRefusal) {
  for (const [key, value] of Object.entries(refusal.headers)) res.setHeader(key, value);
  sendJson(res, refusal.status, refusal.body);
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json");
  res.end(JSON.stringify(body));
}

function headerOf(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? null);
}

/** What same-origin.ts and the gate read of a request: the method and its headers by name. */
function asFetchLike(req: IncomingMessage): Request {
  return {
    method: req.method ?? "GET",
    headers: {
      get(name: string) {
        const value = req.headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(", ") : (value ?? null);
      },
    },
  } as unknown as Request;
}
