import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { Prisma } from "../db/generated/client";
import type { DbOrTx } from "../db/transaction";
import { sqlOutsideTransaction } from "../db/sql";
import type { ApiScopeValue } from "@/lib/validation/api-accounts";

/*
 * API tokens. A token is `sdk_` and 32 random base64url characters (192 bits); only its SHA-256
 * is stored (a slow hash adds nothing to a random secret of this size, and the check runs on
 * every request), so it is shown once, when issued. Checking a token, counting it against its
 * per-minute limit and dating its last use (when and from where) is one UPDATE: revoking a token
 * or disabling its account takes effect on the very next request, on every app instance.
 */

const TOKEN_PATTERN = /^sdk_[A-Za-z0-9_-]{32}$/;
export const TOKEN_PREFIX_LENGTH = 12;

export function newTokenSecret(): { token: string; hash: string; prefix: string } {
  const token = `sdk_${randomBytes(24).toString("base64url")}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX_LENGTH) };
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const isWellFormedToken = (token: string) => TOKEN_PATTERN.test(token);

/** Who is calling through a valid token, and what it may do. */
export type ApiCaller = {
  tokenId: string;
  accountId: string;
  accountName: string;
  scopes: ApiScopeValue[];
};

export type TokenCheck =
  | { status: "ok"; caller: ApiCaller }
  | { status: "rate-limited"; limit: number; retryAfterSeconds: number }
  | { status: "malformed" | "unknown" | "expired" | "revoked" | "account-disabled" };

/**
 * Checks a presented token and counts the request in its current minute (a fixed window on the
 * database clock, so every instance counts together). `from` is the client's address.
 */
export async function checkToken(db: DbOrTx, token: string, from: string | null): Promise<TokenCheck> {
  if (!isWellFormedToken(token)) return { status: "malformed" };
  const hash = hashToken(token);
  const sql = sqlOutsideTransaction(db);
  const [row] = await sql.rows<{
    id: string;
    accountId: string;
    accountName: string;
    scopes: ApiScopeValue[];
    requestsPerMinute: number;
    windowCount: number;
    secondsLeft: number;
  }>(Prisma.sql`
    update "ApiToken" t set
      "windowCount" = case when t."windowStart" = date_trunc('minute', now()) then t."windowCount" + 1 else 1 end,
      "windowStart" = date_trunc('minute', now()),
      "lastUsedAt" = now(), "lastUsedFrom" = ${from}::text
    from "ApiAccount" a
    where t."tokenHash" = ${hash}::text and a.id = t."accountId"
      and t."revokedAt" is null and t."expiresAt" > now() and a."disabledAt" is null
    returning t.id, t."accountId", a.name as "accountName", t.scopes::text[] as scopes, t."requestsPerMinute",
      t."windowCount",
      ceil(extract(epoch from date_trunc('minute', now()) + interval '1 minute' - now()))::int as "secondsLeft"`);
  if (row) {
    if (row.windowCount > row.requestsPerMinute)
      return { status: "rate-limited", limit: row.requestsPerMinute, retryAfterSeconds: Math.max(1, row.secondsLeft) };
    return {
      status: "ok",
      caller: { tokenId: row.id, accountId: row.accountId, accountName: row.accountName, scopes: row.scopes },
    };
  }
  // Refused: say why (only on this rare path).
  const [why] = await sql.rows<{ revoked: boolean; expired: boolean; disabled: boolean }>(Prisma.sql`
    select t."revokedAt" is not null as revoked, t."expiresAt" <= now() as expired, a."disabledAt" is not null as
      disabled
    from "ApiToken" t join "ApiAccount" a on a.id = t."accountId" where t."tokenHash" = ${hash}::text`);
  if (!why) return { status: "unknown" };
  if (why.revoked) return { status: "revoked" };
  if (why.disabled) return { status: "account-disabled" };
  return { status: "expired" };
}

/** The sentence a program's operator reads for each refusal (HTTP 401). */
export const TOKEN_REFUSAL_MESSAGE: Record<Exclude<TokenCheck["status"], "ok" | "rate-limited">, string> = {
  malformed:
    "The API token is malformed: send `Authorization: Bearer sdk_…` with the token exactly as it was shown once.",
  unknown: "This API token is not known to seatdesk. Ask an administrator for a token.",
  expired: "This API token has expired. Ask an administrator for a new one.",
  revoked: "This API token was revoked by an administrator.",
  "account-disabled": "This API account is disabled by an administrator.",
};
