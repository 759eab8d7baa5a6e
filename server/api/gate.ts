import "server-only";
import type { Db } from "../db/client";
import { env } from "../env";
import { CROSS_SITE_MESSAGE } from "../http/same-origin";
import { requestIdsOf } from "../http/request-id";
import { AppError } from "../errors";
import { checkToken, TOKEN_REFUSAL_MESSAGE } from "./tokens";
import { checkIdempotencyKey } from "./idempotency";
import { ON_BEHALF_OF_HEADER, onBehalfOfLookupSql } from "./on-behalf-of";
import type { ApiRequest } from "./caller";

/*
 * The one gate of the API for programs: every way /api/v1 is served (Next's route handler,
 * app/api/v1/[...path]/route.ts, and the lean path of the custom server, server/http/) passes
 * here before any procedure runs. It accepts a token or answers with a stable code and a
 * message: 401 (missing, malformed, unknown, expired, revoked token or disabled account), 429
 * with Retry-After (over the token's per-minute limit), 413 (body over API_BODY_MAX_BYTES), 400
 * (a malformed Idempotency-Key), 403 (a cross-site write from a browser).
 */

export type GateRefusal = { status: number; headers: Record<string, string>; body: { code: string; message: string } };
/**
 * `requestId` is made here (server/http/request-id.ts: a caller must not choose what the actions and the
 * audit log say); the caller's own `x-request-id`, when safe, is `clientRequestId`, for the logs only.
 */
export type GateResult =
  { ok: true; api: ApiRequest; requestId: string; clientRequestId: string | null } | ({ ok: false } & GateRefusal);

type HeaderReader = { get(name: string): string | null };

const refuse = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  ({ ok: false, status, headers, body: { code, message } }) as const;

export const apiBodyMaxBytes = () => env.API_BODY_MAX_BYTES;

export function bodyTooLarge(): GateRefusal {
  const limit = apiBodyMaxBytes();
  return {
    status: 413,
    headers: {},
    body: {
      code: "PAYLOAD_TOO_LARGE",
      message: `The request body is larger than ${limit.toLocaleString("en")} bytes.`,
    },
  };
}

export async function passApiGate(
  db: Db,
  req: { method: string; headers: HeaderReader; remoteAddress: string | null; contentLength: number | null },
): Promise<GateResult> {
  const { requestId, clientRequestId } = requestIdsOf(req.headers);
  if (req.contentLength !== null && req.contentLength > apiBodyMaxBytes()) return { ok: false, ...bodyTooLarge() };
  // A browser posting cross-site carries no token of the victim, but the rule is the app's: same as /api/trpc.
  const origin = req.headers.get("origin");
  if (origin && req.method !== "GET" && req.method !== "HEAD" && !sameHost(origin, req.headers))
    return refuse(403, "FORBIDDEN", CROSS_SITE_MESSAGE);
  const authorization = req.headers.get("authorization");
  if (!authorization)
    return refuse(401, "UNAUTHORIZED", "Send an API token: Authorization: Bearer sdk_…", {
      "WWW-Authenticate": "Bearer",
    });
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const from = req.remoteAddress;
  const onBehalfOf = req.headers.get(ON_BEHALF_OF_HEADER);
  // A write's person is read with the token, in the same statement (only writes send the header).
  const check = match
    ? await checkToken(db, match[1]!, from, onBehalfOfLookupSql(onBehalfOf))
    : ({ status: "malformed" } as const);
  if (check.status === "rate-limited")
    return refuse(
      429,
      "TOO_MANY_REQUESTS",
      `This token may make ${check.limit.toLocaleString("en")} requests per minute: retry ` +
        `in ${check.retryAfterSeconds} s.`,
      { "Retry-After": String(check.retryAfterSeconds) },
    );
  if (check.status !== "ok")
    return refuse(401, "UNAUTHORIZED", TOKEN_REFUSAL_MESSAGE[check.status], {
      "WWW-Authenticate": 'Bearer error="invalid_token"',
    });
  let idempotencyKey: string | null;
  try {
    idempotencyKey = checkIdempotencyKey(req.headers.get("idempotency-key"));
  } catch (error) {
    return refuse(400, "BAD_REQUEST", (error as AppError).message);
  }
  return {
    ok: true,
    requestId,
    clientRequestId,
    api: {
      caller: check.caller,
      onBehalfOf,
      onBehalfOfPerson: check.person,
      idempotencyKey,
      from,
      checkedAt: check.checkedAt,
    },
  };
}

function sameHost(origin: string, headers: HeaderReader): boolean {
  try {
    return new URL(origin).host === (headers.get("x-forwarded-host") ?? headers.get("host"));
  } catch {
    return false;
  }
}
