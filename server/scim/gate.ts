import "server-only";
import type { Db } from "../db/client";
import { findUnstorableText, isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/text/storable";
import { logger } from "../logger";
import { requestIdsOf } from "../http/request-id";
import { readBodyText } from "../http/read-body";
import { badRequest, ScimError } from "./errors";
import { connectionForToken } from "./tokens";
import type { ScimRequest } from "./users";

/*
 * The one door of the SCIM API: every request passes here. It finds the provisioning connection
 * of the bearer token (missing, unknown or revoked: 401, with WWW-Authenticate), reads the JSON
 * body (malformed: 400 invalidSyntax), refuses text PostgreSQL cannot store (a NUL character, a
 * lone surrogate: 404 in an id, 400 in a query parameter or the body) and bodies nested deeper than
 * any resource, and turns every refusal into a SCIM error response; an unexpected failure is logged
 * with the request id and answered 500 without its details.
 */

export const SCIM_CONTENT_TYPE = "application/scim+json";
export const SCIM_BODY_MAX_BYTES = 1_000_000;

export type ScimCall = ScimRequest & { method: string; segments: string[]; params: URLSearchParams; body: unknown };
export type ScimResult = { status: number; body?: unknown; location?: string };

/** Deeper than any resource nests (an extension's complex attribute is three levels down). */
export const MAX_BODY_DEPTH = 32;

function nestedDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== "object") return false;
  if (limit === 0) return true;
  return Object.values(value).some((v) => nestedDeeperThan(v, limit - 1));
}

/** What no SCIM resource can hold, refused before anything reads it (ids, query parameters, the body). */
function refuseUnstorable(segments: string[], params: URLSearchParams, body: unknown): void {
  if (segments.some((s) => !isStorableText(s)))
    throw new ScimError(404, `No resource has that id: ${UNSTORABLE_TEXT_MESSAGE}`);
  for (const [key, value] of params)
    if (!isStorableText(key) || !isStorableText(value))
      throw badRequest(
        `The query parameter “${key}”: ${UNSTORABLE_TEXT_MESSAGE}`,
        key === "filter" ? "invalidFilter" : "invalidValue",
      );
  if (nestedDeeperThan(body, MAX_BODY_DEPTH))
    throw badRequest(`The request body is nested more than ${MAX_BODY_DEPTH} levels deep.`, "invalidSyntax");
  const path = findUnstorableText(body);
  if (path) throw badRequest(`${path.join(".") || "The request body"}: ${UNSTORABLE_TEXT_MESSAGE}`, "invalidValue");
}

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
  // Made here (server/http/request-id.ts): it goes into the seat history and the audit log.
  const { requestId, clientRequestId } = requestIdsOf(req.headers);
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
      // Read up to the limit only: a declared or an endless longer body is refused without holding it.
      const declared = Number(req.headers.get("content-length") ?? 0);
      const raw = declared > SCIM_BODY_MAX_BYTES ? null : await readBodyText(req, SCIM_BODY_MAX_BYTES);
      if (raw === null) throw new ScimError(413, "The request body is larger than 1 MB.", "tooMany");
      try {
        body = JSON.parse(raw);
      } catch {
        throw new ScimError(400, "The request body is not valid JSON.", "invalidSyntax");
      }
    }
    const params = new URL(req.url).searchParams;
    refuseUnstorable(segments, params, body);
    const result = await route(db, {
      connection,
      baseUrl: baseUrlOf(req),
      requestId,
      method: req.method,
      segments,
      params,
      body,
    });
    return scimResponse(result, requestId);
  } catch (error) {
    if (error instanceof ScimError) return errorResponse(error, requestId);
    logger.error("SCIM request failed", {
      requestId,
      clientRequestId,
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
