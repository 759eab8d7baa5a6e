import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { DbOrTx } from "../db/transaction";
import { AppError } from "../errors";

/*
 * Provisioning connections' bearer tokens: 32 random bytes, shown once when made, stored as a
 * SHA-256 hash (a random 256-bit secret needs no slow hash: it cannot be guessed from its hash).
 * Looking a token up by its hash is the check, so no comparison leaks timing. This module is
 * SCIM's own: API tokens for programs are another module's.
 */

const PREFIX = "scim_";

export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/**
 * A token as an identity provider's form may hold it: spaces and line breaks pasted around or
 * inside it are dropped, and "Bearer " typed twice is tolerated.
 */
export function normaliseToken(raw: string): string {
  // Every leading "Bearer " before the spaces go: else "Bearer Bearer scim_…" would become "Bearerscim_…".
  return raw.replace(/^(\s*bearer\s+)+/i, "").replace(/\s+/g, "");
}

export type ConnectionView = {
  id: string;
  name: string;
  tokenHint: string;
  jobCodeAttribute: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

const VIEW = {
  id: true,
  name: true,
  tokenHint: true,
  jobCodeAttribute: true,
  createdAt: true,
  revokedAt: true,
  lastUsedAt: true,
} as const;

export async function listConnections(
  db: DbOrTx,
  input: { cursor?: string | null; limit?: number },
): Promise<{ items: ConnectionView[]; nextCursor: string | null }> {
  const limit = input.limit ?? 25;
  const rows = await db.scimConnection.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    take: limit + 1,
    select: VIEW,
  });
  const page = rows.slice(0, limit);
  return { items: page, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}

/** Makes a connection; the token is in the answer and nowhere else, ever. */
export async function createConnection(
  db: DbOrTx,
  actor: { actorId: string },
  input: { name: string; jobCodeAttribute?: string },
): Promise<{ connection: ConnectionView; token: string }> {
  const token = PREFIX + randomBytes(32).toString("base64url");
  const connection = await db.scimConnection.create({
    data: {
      name: input.name,
      tokenHash: hashToken(token),
      tokenHint: token.slice(-4),
      createdById: actor.actorId,
      ...(input.jobCodeAttribute ? { jobCodeAttribute: input.jobCodeAttribute } : {}),
    },
    select: VIEW,
  });
  return { connection, token };
}

export async function revokeConnection(db: DbOrTx, input: { id: string }): Promise<{ message: string }> {
  const { count } = await db.scimConnection.updateMany({
    where: { id: input.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) {
    const exists = await db.scimConnection.findUnique({ where: { id: input.id }, select: { name: true } });
    if (!exists) throw new AppError("NOT_FOUND", "That connection no longer exists.");
    return { message: `${exists.name} was already revoked.` };
  }
  return { message: "Revoked: the identity provider's next request with that token is refused." };
}

export async function setJobCodeAttribute(
  db: DbOrTx,
  input: { id: string; jobCodeAttribute: string },
): Promise<{ message: string }> {
  const { count } = await db.scimConnection.updateMany({
    where: { id: input.id },
    data: { jobCodeAttribute: input.jobCodeAttribute },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "That connection no longer exists.");
  return { message: `The job code is now read from ${input.jobCodeAttribute}.` };
}

export type ScimConnectionContext = { id: string; name: string; jobCodeAttribute: string };

/** The live connection a bearer token belongs to, or null (missing, unknown or revoked). */
export async function connectionForToken(db: DbOrTx, raw: string | null): Promise<ScimConnectionContext | null> {
  if (!raw) return null;
  const token = normaliseToken(raw);
  if (!token.startsWith(PREFIX)) return null;
  const found = await db.scimConnection.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, name: true, jobCodeAttribute: true, revokedAt: true, lastUsedAt: true },
  });
  if (!found || found.revokedAt) return null;
  // Last use, to the minute: one write per minute per connection, not one per request.
  if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > 60_000)
    await db.scimConnection.update({ where: { id: found.id }, data: { lastUsedAt: new Date() } });
  return { id: found.id, name: found.name, jobCodeAttribute: found.jobCodeAttribute };
}
