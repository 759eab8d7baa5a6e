import "server-only";
import type { Db } from "../db/client";
import type { DbOrTx } from "../db/transaction";
import type { Role } from "../db/generated/enums";
import { Prisma } from "../db/generated/client";
import { sqlOutsideTransaction } from "../db/sql";
import { env } from "../env";

/**
 * Server-side sign-in sessions. next-auth's JWT carries only the session id; every request
 * checks the row here, so ending a session (sign-out, account disabled, an admin) works at once.
 */
export type SessionUser = { id: string; email: string; name: string; role: Role };
export type ValidSession = {
  sessionId: string;
  user: SessionUser;
  createdAt: Date;
  expiresAt: Date;
  seatRequestedAt: Date | null;
  /** Signed in with a password only while the MFA policy requires a second factor: may only enrol. */
  mfaEnrolmentRequired: boolean;
};

export async function createAuthSession(
  db: Db,
  input: {
    userId: string;
    maxAgeSeconds: number;
    userAgent?: string | null;
    ipAddress?: string | null;
    /** How the person proved who they are (RFC 8176 values, or the provider's amr claim). */
    amr?: string[];
    mfaEnrolmentRequired?: boolean;
  },
): Promise<string> {
  const session = await db.authSession.create({
    data: {
      userId: input.userId,
      expiresAt: new Date(Date.now() + input.maxAgeSeconds * 1000),
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      ipAddress: input.ipAddress?.slice(0, 64) ?? null,
      amr: (input.amr ?? []).slice(0, 10).map((v) => v.slice(0, 40)),
      mfaEnrolmentRequired: input.mfaEnrolmentRequired ?? false,
    },
    select: { id: true },
  });
  return session.id;
}

type SessionRow = {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  seatRequestedAt: Date | null;
  mfaEnrolmentRequired: boolean;
  userId: string;
  email: string;
  name: string;
  role: Role;
};

/**
 * The session and its user when the session is open, unexpired (the absolute lifetime,
 * SESSION_MAX_AGE_SECONDS), not idle (no request for SESSION_IDLE_TIMEOUT_SECONDS) and the
 * account active. Runs on every request, so it is one statement on `pg` (server/db/sql.ts) by
 * the database clock; it keeps lastSeenAt roughly current, writing at most once a minute, and
 * ends a session found idle (endReason "idle timeout") so it counts as ended everywhere.
 */
export async function findValidSession(
  db: DbOrTx,
  sessionId: string,
  idleTimeoutSeconds: number = env.SESSION_IDLE_TIMEOUT_SECONDS,
): Promise<ValidSession | null> {
  const [row] = await sqlOutsideTransaction(db).rows<SessionRow>(Prisma.sql`
    with a as (
      select a.id, a."createdAt", a."expiresAt", a."lastSeenAt", a."seatRequestedAt", a."mfaEnrolmentRequired",
        a."userId",
        a."lastSeenAt" <= now() - make_interval(secs => ${idleTimeoutSeconds}::int) as idle
      from "AuthSession" a where a.id = ${sessionId}::text and a."endedAt" is null and a."expiresAt" > now()
    ), s as (
      select a.id, a."createdAt", a."expiresAt", a."lastSeenAt", a."seatRequestedAt", a."mfaEnrolmentRequired",
        u.id as "userId", u.email, u.name, u.role
      from a join "User" u on u.id = a."userId" where not a.idle and u.active
    ), seen as (
      update "AuthSession" x set "lastSeenAt" = now() from s where x.id = s.id and s."lastSeenAt" < now() -
        interval '60 seconds'
    ), idled as (
      update "AuthSession" x set "endedAt" = now(), "endReason" = 'idle timeout' from a where x.id = a.id and a.idle
    )
    select id, "createdAt", "expiresAt", "seatRequestedAt", "mfaEnrolmentRequired", "userId", email, name, role
      from s`);
  if (!row) return null;
  return {
    sessionId: row.id,
    user: { id: row.userId, email: row.email, name: row.name, role: row.role },
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    seatRequestedAt: row.seatRequestedAt,
    mfaEnrolmentRequired: row.mfaEnrolmentRequired,
  };
}

export async function endAuthSession(db: Db, sessionId: string, reason: string): Promise<void> {
  await db.authSession.updateMany({
    where: { id: sessionId, endedAt: null },
    data: { endedAt: new Date(), endReason: reason },
  });
}

/** Ends every open session of the person; takes a transaction so it can commit with a disable. */
export async function endAllSessionsOfUser(db: DbOrTx, userId: string, reason: string): Promise<number> {
  const { count } = await db.authSession.updateMany({
    where: { userId, endedAt: null },
    data: { endedAt: new Date(), endReason: reason },
  });
  return count;
}

/** Ends every other open session of the person (a password change keeps the one that made it). */
export async function endOtherSessionsOfUser(
  db: DbOrTx,
  userId: string,
  keepSessionId: string,
  reason: string,
): Promise<number> {
  const { count } = await db.authSession.updateMany({
    where: { userId, endedAt: null, id: { not: keepSessionId } },
    data: { endedAt: new Date(), endReason: reason },
  });
  return count;
}

/** How the session's person proved who they are (shown on Account security). */
export async function sessionAmr(db: Db, sessionId: string): Promise<string[]> {
  const row = await db.authSession.findUnique({ where: { id: sessionId }, select: { amr: true } });
  return row?.amr ?? [];
}
