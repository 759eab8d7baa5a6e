import "server-only";
import type { Db } from "../db/client";
import type { DbOrTx } from "../db/transaction";
import { isUniqueViolation } from "../db/transaction";
import { AppError } from "../errors";
import {
  createApiAccountInput,
  issueApiTokenInput,
  type CreateApiAccountInput,
  type IssueApiTokenInput,
} from "@/lib/validation/api-accounts";
import { newTokenSecret } from "./tokens";
import { normalizeEmail } from "../auth/email";

/*
 * API accounts and their tokens, administered at /admin/api-accounts (administrators only, every
 * change in the audit log by the administrator middleware). A token is shown once, when issued.
 */

export async function listApiAccounts(db: DbOrTx) {
  const accounts = await db.apiAccount.findMany({
    orderBy: { name: "asc" },
    take: 200,
    include: {
      tokens: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          label: true,
          prefix: true,
          scopes: true,
          requestsPerMinute: true,
          expiresAt: true,
          revokedAt: true,
          createdAt: true,
          lastUsedAt: true,
          lastUsedFrom: true,
        },
      },
    },
  });
  const people = await db.user.findMany({
    where: { id: { in: [...new Set(accounts.map((a) => a.ownerId))] } },
    select: { id: true, name: true, email: true },
  });
  const byId = new Map(people.map((p) => [p.id, p]));
  const now = Date.now(); // for display only: the token check itself uses the database clock
  return accounts.map((a) => ({
    ...a,
    owner: byId.get(a.ownerId) ?? null,
    tokens: a.tokens.map((t) => ({ ...t, expired: t.expiresAt.getTime() <= now })),
  }));
}
export type ApiAccountRow = Awaited<ReturnType<typeof listApiAccounts>>[number];

export async function createApiAccount(db: Db, actorId: string, rawInput: CreateApiAccountInput) {
  const input = createApiAccountInput.parse(rawInput);
  const owner = await db.user.findUnique({
    where: { email: normalizeEmail(input.ownerEmail) },
    select: { id: true, active: true },
  });
  if (!owner?.active)
    throw new AppError("BAD_REQUEST", `No active person has the email ${input.ownerEmail}.`, undefined, "ownerEmail");
  try {
    return await db.apiAccount.create({
      data: { name: input.name, purpose: input.purpose, ownerId: owner.id, createdById: actorId },
      select: { id: true, name: true },
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `An API account named "${input.name}" already exists.`, undefined, "name");
    throw error;
  }
}

export async function setApiAccountDisabled(db: Db, input: { accountId: string; disabled: boolean }) {
  const updated = await db.apiAccount.updateMany({
    where: { id: input.accountId },
    data: { disabledAt: input.disabled ? new Date() : null },
  });
  if (updated.count === 0) throw new AppError("NOT_FOUND", "This API account no longer exists.");
  return { ok: true };
}

/** Issues a token; the only time its secret is seen. */
export async function issueApiToken(db: Db, actorId: string, rawInput: IssueApiTokenInput) {
  const input = issueApiTokenInput.parse(rawInput);
  const account = await db.apiAccount.findUnique({ where: { id: input.accountId }, select: { disabledAt: true } });
  if (!account) throw new AppError("NOT_FOUND", "This API account no longer exists.");
  if (account.disabledAt) throw new AppError("BAD_REQUEST", "Enable the account before issuing a token for it.");
  const secret = newTokenSecret();
  const [expiry] = await db.$queryRaw<{ expiresAt: Date }[]>`
    select now() + make_interval(days => ${input.expiresInDays}::int) as "expiresAt"`;
  const token = await db.apiToken.create({
    data: {
      accountId: input.accountId,
      label: input.label,
      prefix: secret.prefix,
      tokenHash: secret.hash,
      scopes: input.scopes,
      requestsPerMinute: input.requestsPerMinute,
      expiresAt: expiry!.expiresAt,
      createdById: actorId,
    },
    select: { id: true, prefix: true, expiresAt: true },
  });
  return { ...token, token: secret.token };
}

/** Revokes a token: refused from its next request on, on every instance (the check reads the row). */
export async function revokeApiToken(db: Db, tokenId: string) {
  const updated = await db.apiToken.updateMany({
    where: { id: tokenId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (updated.count === 0) {
    const exists = await db.apiToken.count({ where: { id: tokenId } });
    throw new AppError(exists ? "CONFLICT" : "NOT_FOUND", exists ? "This token is already revoked." : "No such token.");
  }
  return { ok: true };
}
