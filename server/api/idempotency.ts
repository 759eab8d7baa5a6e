import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "../db/generated/client";
import type { DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import type { ApiRequest } from "./caller";

/*
 * Idempotency-Key on creations: a retried request (same account, same key) returns the first
 * result instead of making a second ticket. The key's row is inserted in the creation's own
 * transaction, so two copies of a request racing each other serialise on it: the second waits
 * for the first to commit and then returns its result (or, if the first rolled back, creates).
 * Keys are kept per account; a key reused for a different request is refused.
 */

export const IDEMPOTENCY_KEY_MAX = 200;

export function checkIdempotencyKey(raw: string | null): string | null {
  if (raw === null) return null;
  const key = raw.trim();
  if (!key || key.length > IDEMPOTENCY_KEY_MAX || !/^[\x21-\x7e]+$/.test(key))
    throw new AppError(
      "BAD_REQUEST",
      `Idempotency-Key must be 1 to ${IDEMPOTENCY_KEY_MAX} visible ASCII characters (a UUID is a good choice).`,
      undefined,
      "Idempotency-Key",
    );
  return key;
}

export async function idempotent<T extends Prisma.InputJsonValue>(
  tx: DbOrTx,
  api: ApiRequest,
  operation: string,
  input: unknown,
  create: () => Promise<T>,
): Promise<T> {
  const key = api.idempotencyKey;
  if (!key) return create();
  const requestHash = createHash("sha256")
    .update(JSON.stringify([operation, api.onBehalfOf, input]))
    .digest("hex");
  const inserted = await tx.$executeRaw`
    insert into "ApiIdempotencyKey" ("accountId", "key", "requestHash") values (${api.caller.accountId}, ${key},
      ${requestHash})
    on conflict do nothing`;
  if (inserted === 0) {
    const first = await tx.apiIdempotencyKey.findUnique({
      where: { accountId_key: { accountId: api.caller.accountId, key } },
    });
    if (first && first.requestHash !== requestHash)
      throw new AppError(
        "UNPROCESSABLE_CONTENT",
        "This Idempotency-Key was already used for a different request: use a new key for a new request.",
        undefined,
        "Idempotency-Key",
      );
    if (first?.response != null) return first.response as T;
    throw new AppError("CONFLICT", "A request with this Idempotency-Key is still being processed: retry shortly.");
  }
  const result = await create();
  await tx.apiIdempotencyKey.update({
    where: { accountId_key: { accountId: api.caller.accountId, key } },
    data: { response: result },
  });
  return result;
}
