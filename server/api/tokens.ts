import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { Prisma } from "../db/generated/client";
import type { DbOrTx } from "../db/transaction";
import { sqlOutsideTransaction } from "../db/sql";
import type { ApiScopeValue } from "@/lib/validation/api-accounts";
import type { PersonRow } from "./on-behalf-of";

/*
 * API tokens. A token is `sdk_` and 32 random base64url characters (192 bits); only its SHA-256
 * is stored (a slow hash adds nothing to a random secret of this size, and the check runs on
 * every request), so it is shown once, when issued. Checking a token is one statement per request
 * (an indexed read, or the write of its count, below): revoking a token or disabling its account
 * takes effect on the very next request, on every app instance.
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
  | {
      status: "ok";
      caller: ApiCaller;
      person?: PersonRow | null;
      /** The database clock when the token was checked: the time of this request. */
      checkedAt: Date;
    }
  | { status: "rate-limited"; limit: number; retryAfterSeconds: number }
  | { status: "malformed" | "unknown" | "expired" | "revoked" | "account-disabled" };

/*
 * Counting without a write per request. A token far below its limit (under half of it, known
 * from the last statement) is counted in memory and its count written at most once a second per
 * instance, with the date and address of its last use; the other requests only read the token
 * (one indexed read: revoked, expired and disabled still take effect on the very next request).
 * A token nearer its limit, or one this instance has not yet seen, writes its count with every
 * request, so the limit holds exactly across instances where it matters; far below it, an
 * instance's unwritten count is at most a second of its own requests.
 */
const COUNT_WRITE_EVERY_MS = 1000;
const BATCH_BELOW_SHARE_OF_LIMIT = 0.5;

type Tally = {
  /** The minute (of this process's clock) the unwritten count belongs to. */
  minute: number;
  /** Requests of this minute counted here and not yet written. */
  unwritten: number;
  /** When this instance last wrote the count (or claimed to: one request writes at a time). */
  writtenAt: number;
  /** From the last statement: the limit and the count of the current minute; null until known. */
  limit: number | null;
  counted: number;
};
const tallies = new Map<string, Tally>();
const TALLIES_MAX = 10_000;

type TokenRow = {
  id: string;
  accountId: string;
  accountName: string;
  scopes: ApiScopeValue[];
  requestsPerMinute: number;
  windowCount: number;
  secondsLeft: number;
  checkedAt: Date;
  person?: PersonRow | null;
};

/**
 * Checks a presented token and counts the request in its current minute (a fixed window on the
 * database clock, so every instance counts together). `from` is the client's address.
 */
export async function checkToken(
  db: DbOrTx,
  token: string,
  from: string | null,
  /** Also read in the same statement: the person a write names (on-behalf-of.ts), given back as `person`. */
  personLookup: Prisma.Sql | null = null,
): Promise<TokenCheck> {
  if (!isWellFormedToken(token)) return { status: "malformed" };
  const hash = hashToken(token);
  const sql = sqlOutsideTransaction(db);
  const now = Date.now();
  const minute = Math.floor(now / 60_000);
  let tally = tallies.get(hash);
  if (!tally || tally.minute !== minute) {
    if (!tally && tallies.size >= TALLIES_MAX) tallies.clear();
    tally = { minute, unwritten: 0, writtenAt: tally?.writtenAt ?? 0, limit: tally?.limit ?? null, counted: 0 };
    tallies.set(hash, tally);
  }
  const batched =
    tally.limit !== null &&
    tally.counted + tally.unwritten + 1 < tally.limit * BATCH_BELOW_SHARE_OF_LIMIT &&
    now - tally.writtenAt < COUNT_WRITE_EVERY_MS;
  let row: TokenRow | undefined;
  const person = personLookup ? Prisma.sql`, ${personLookup} as person` : Prisma.empty;
  if (batched) {
    tally.unwritten++;
    [row] = await sql.rows<TokenRow>(Prisma.sql`
      select t.id, t."accountId", a.name as "accountName", t.scopes::text[] as scopes, t."requestsPerMinute",
        case when t."windowStart" = date_trunc('minute', now()) then t."windowCount" else 0 end as "windowCount",
        ceil(extract(epoch from date_trunc('minute', now()) + interval '1 minute' - now()))::int as "secondsLeft",
        now() as "checkedAt"
        ${person}
      from "ApiToken" t join "ApiAccount" a on a.id = t."accountId"
      where t."tokenHash" = ${hash}::text
        and t."revokedAt" is null and t."expiresAt" > now() and a."disabledAt" is null`);
    if (row) row.windowCount += tally.unwritten;
  } else {
    // This request's count and those counted here since the last write, written now.
    const count = tally.unwritten + 1;
    tally.unwritten = 0;
    tally.writtenAt = now;
    [row] = await sql.rows<TokenRow>(Prisma.sql`
      update "ApiToken" t set
        "windowCount" = case when t."windowStart" = date_trunc('minute', now()) then t."windowCount" + ${count}::int
          else ${count}::int end,
        "windowStart" = date_trunc('minute', now()),
        "lastUsedAt" = now(), "lastUsedFrom" = ${from}::text
      from "ApiAccount" a
      where t."tokenHash" = ${hash}::text and a.id = t."accountId"
        and t."revokedAt" is null and t."expiresAt" > now() and a."disabledAt" is null
      returning t.id, t."accountId", a.name as "accountName", t.scopes::text[] as scopes, t."requestsPerMinute",
        t."windowCount",
        ceil(extract(epoch from date_trunc('minute', now()) + interval '1 minute' - now()))::int as "secondsLeft",
        now() as "checkedAt"
        ${person}`);
    if (row) row.windowCount += tally.unwritten;
  }
  if (row) {
    tally.limit = row.requestsPerMinute;
    tally.counted = row.windowCount - tally.unwritten;
    if (row.windowCount > row.requestsPerMinute)
      return { status: "rate-limited", limit: row.requestsPerMinute, retryAfterSeconds: Math.max(1, row.secondsLeft) };
    return {
      status: "ok",
      caller: { tokenId: row.id, accountId: row.accountId, accountName: row.accountName, scopes: row.scopes },
      checkedAt: row.checkedAt,
      ...(personLookup ? { person: row.person ?? null } : {}),
    };
  }
  tallies.delete(hash);
  // Refused: say why (only on this rare path).
  const [why] = await sql.rows<{ revoked: boolean; expired: boolean; disabled: boolean }>(Prisma.sql`
    select t."revokedAt" is not null as revoked, t."expiresAt" <= now() as expired,
      a."disabledAt" is not null as disabled
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
