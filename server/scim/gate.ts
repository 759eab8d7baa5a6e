import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { logger } from "../logger";
import { ScimError } from "./errors";
import { connectionForToken } from "./tokens";
import type { ScimRequest } from "./users";

/*
 * The one door of the SCIM API: every request passes here. It finds the provisioning connection
 * of the bearer token (missing, unknown or revoked: 401, with WWW-Authenticate), reads the JSON
 * body (malformed: 400 invalidSyntax), and turns every refusal into a SCIM error response; an
 * unexpected failure is logged with the request id and answered 500 without its details.
 */

export const SCIM_CONTENT_TYPE = "application/scim+json";

export type ScimCall = ScimRequest & { method: string; segments: string[]; params: URLSearchParams; body: unknown };
export type ScimResult = { status: number; body?: unknown; location?: string };

export function scimResponse(result: ScimResult, requestId: string): Response {
  const headers: Record<string, string> = { "Cache-Control": "no-store", "X-Request-Id": requestId };
  if (result.location) headers.Location = result.location;
  if (result.body === undefined) return new Response(null, { status: result.status, headers });
  headers["Content-Type"] = `${SCIM_CONTENT_TYPE}; charset=utf-8`;
  return new Response(JSON.stringify(result.body), { status: result.status, headers });
}

export function errorResponse(error: ScimError, requestId: string): Response {
  const res = scimResponse({ status: error.status, body: error.body() }, requestId);
  if (error.status === 401) res.headers.set("WWW-Authenticate", 'Bearer realm="seatdesk SCIM"');
  return res;
}

/** The public base URL of the SCIM API, as the client reached it (for meta.location). */
function baseUrlOf(req: Request): string {
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? url.host;
  const proto = req.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}/api/scim/v2`;
}

export async function handleScim(
  db: Db,
  req: Request,
  segments: string[],
  route: (db: Db, call: ScimCall) => Promise<ScimResult>,
): Promise<Response> {
  const requestId = req.headers.get("x-request-id")?.slice(0, 100) || randomUUID();
  try {
    const auth = req.headers.get("authorization");
    const connection = await connectionForToken(db, auth);
    if (!connection)
      throw new ScimError(
        401,
        auth ? "The bearer token is not valid, or was revoked." : "A bearer token is needed (Authorization: Bearer …).",
      );
    let body: unknown = undefined;
    if (req.method === "POST" || req.method === "PUT" || req.method === "PATCH") {
      const raw = await req.text();
      if (raw.length > 1_000_000) throw new ScimError(413, "The request body is larger than 1 MB.", "tooMany");
      try {
        body = JSON.parse(raw);
      } catch {
        throw new ScimError(400, "The request body is not valid JSON.", "invalidSyntax");
      }
    }
    const result = await route(db, {
      connection,
      baseUrl: baseUrlOf(req),
      requestId,
      method: req.method,
      segments,
      params: new URL(req.url).searchParams,
      body,
    });
    return scimResponse(result, requestId);
  } catch (error) {
    if (error instanceof ScimError) return errorResponse(error, requestId);
    logger.error("SCIM request failed", {
      requestId,
      method: req.method,
      path: segments.join("/"),
      error: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    return errorResponse(
      new ScimError(500, `Something went wrong on our side; quote request ${requestId}.`),
      requestId,
    );
  }
}
