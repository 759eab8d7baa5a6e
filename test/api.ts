import { randomBytes } from "node:crypto";
import type { Db } from "@/server/db/client";
import { createApiAccount, issueApiToken } from "@/server/api/accounts";
import { handleApiV1Request } from "@/server/api/fetch-handler";
import type { ApiScopeValue } from "@/lib/validation/api-accounts";
import { createUser } from "./factories";

/** An API account with one token of the given scopes (made through the same functions as the admin page). */
export async function apiToken(
  db: Db,
  scopes: ApiScopeValue[],
  options: { requestsPerMinute?: number; accountName?: string } = {},
) {
  const owner = await createUser(db, { role: "ADMIN" });
  const account = await createApiAccount(db, owner.id, {
    name: options.accountName ?? `Hub ${randomBytes(3).toString("hex")}`,
    purpose: "tests",
    ownerEmail: owner.email,
  });
  const issued = await issueApiToken(db, owner.id, {
    accountId: account.id,
    label: "test",
    scopes,
    expiresInDays: 1,
    requestsPerMinute: options.requestsPerMinute ?? 10_000,
  });
  return { account, token: issued.token, tokenId: issued.id };
}

export type ApiAnswer = { status: number; body: Record<string, unknown>; headers: Headers };

/** One request to /api/v1 through the same handler as the app's route (gate, procedures, errors). */
export async function apiCall(
  db: Db,
  method: string,
  path: string,
  options: {
    token?: string | null;
    onBehalfOf?: string;
    body?: unknown;
    rawBody?: string;
    idempotencyKey?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { host: "seatdesk.test", ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.onBehalfOf !== undefined) headers["on-behalf-of"] = options.onBehalfOf;
  if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await handleApiV1Request(
    new Request(`http://seatdesk.test/api/v1${path}`, { method, headers, body }),
    "198.51.100.9",
    db,
  );
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
}
