import type { Db } from "../db/client";
import type { DbOrTx } from "../db/transaction";
import type { Role } from "../db/generated/enums";

/**
 * Server-side sign-in sessions. next-auth's JWT carries only the session id; every request
 * checks the row here, so ending a session (sign-out, account disabled, an admin) works at once.
 */
export type SessionUser = { id: string; email: string; name: string; role: Role };
export type ValidSession = { sessionId: string; user: SessionUser; createdAt: Date; expiresAt: Date; seatRequestedAt: Date | null };

export async function createAuthSession(db: Db, input: { userId: string; maxAgeSeconds: number; userAgent?: string | null; ipAddress?: string | null }): Promise<string> {
  const session = await db.authSession.create({
    data: {
      userId: input.userId,
      expiresAt: new Date(Date.now() + input.maxAgeSeconds * 1000),
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      ipAddress: input.ipAddress?.slice(0, 64) ?? null,
    },
    select: { id: true },
  });
  return session.id;
}

/** The session and its user when the session is open, unexpired and the account active. */
export async function findValidSession(db: Db, sessionId: string): Promise<ValidSession | null> {
  const row = await db.authSession.findFirst({
    where: { id: sessionId, endedAt: null, expiresAt: { gt: new Date() }, user: { active: true } },
    select: { id: true, createdAt: true, expiresAt: true, lastSeenAt: true, seatRequestedAt: true, user: { select: { id: true, email: true, name: true, role: true } } },
  });
  if (!row) return null;
  // Keep lastSeenAt roughly current without a write on every request.
  if (Date.now() - row.lastSeenAt.getTime() > 60_000) {
    await db.authSession.update({ where: { id: row.id }, data: { lastSeenAt: new Date() } });
  }
  return { sessionId: row.id, user: row.user, createdAt: row.createdAt, expiresAt: row.expiresAt, seatRequestedAt: row.seatRequestedAt };
}

export async function endAuthSession(db: Db, sessionId: string, reason: string): Promise<void> {
  await db.authSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: new Date(), endReason: reason } });
}

/** Ends every open session of the person; takes a transaction so it can commit with a disable. */
export async function endAllSessionsOfUser(db: DbOrTx, userId: string, reason: string): Promise<number> {
  const { count } = await db.authSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: new Date(), endReason: reason } });
  return count;
}
