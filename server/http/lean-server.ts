import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { appRouter } from "../routers/_app";
import { createApiContext, createNodeContext } from "../trpc/context";
import { getDb } from "../db/client";
import { CROSS_SITE_MESSAGE, isCrossSiteWrite } from "./same-origin";
import { apiBodyMaxBytes, bodyTooLarge, passApiGate, type GateRefusal } from "../api/gate";
import { createApiV1Dispatcher } from "../api/dispatch";
import { openApiDocument } from "../api/openapi";
import { apiDocsHtml } from "../api/docs-page";
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
  const apiV1 = createApiV1Dispatcher(appRouter);

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

const WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

async function serveApiV1(
  db: ReturnType<typeof getDb>,
  apiV1: ReturnType<typeof createApiV1Dispatcher>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const url = new URL(req.url ?? "/", "http://lean.invalid");
    const path = url.pathname.slice("/api/v1".length) || "/";
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
    res.setHeader("X-Request-Id", gate.requestId);
    let body: string | null = null;
    if (WITH_BODY.has(req.method ?? "")) {
      body = await readLimited(req, apiBodyMaxBytes());
      if (body === null) return sendRefusal(res, bodyTooLarge());
    }
    const answer = await apiV1(
      {
        method: req.method ?? "GET",
        pathname: path,
        searchParams: url.searchParams,
        contentType: headerOf(req, "content-type"),
        body,
      },
      () => createApiContext(db, gate),
    );
    if (answer.body === undefined) {
      res.statusCode = answer.status;
      res.end();
    } else sendJson(res, answer.status, answer.body);
  } catch {
    if (!res.headersSent) sendJson(res, 500, { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong." });
  }
}

/** The body as text, or null once it is longer than `max` bytes (also without a Content-Length). */
function readLimited(req: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        resolve(null);
        req.removeAllListeners("data");
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
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
