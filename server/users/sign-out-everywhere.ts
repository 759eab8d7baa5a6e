import "server-only";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { endAllSessionsOfUser } from "../auth/auth-sessions";
import { releaseLeaseOfUser } from "../licensing/release";
import { recordSeatEvent } from "../licensing/events";
import type { Actor } from "./actor";

export type SignOutResult = { sessionsEnded: number; seatReleased: boolean };

/**
 * Ends every sign-in session of the person at once (their next request is refused) and gives
 * their seat back with reason ADMIN, so the console tells them an administrator ended it.
 */
export async function signOutEverywhere(db: Db, userId: string, actor: Actor, why: string): Promise<SignOutResult> {
  const sessionsEnded = await endAllSessionsOfUser(db, userId, why);
  const { released } = await releaseLeaseOfUser(db, {
    userId,
    reason: "ADMIN",
    note: why,
    actorId: actor.userId,
    requestId: actor.requestId,
  });
  return { sessionsEnded, seatReleased: released };
}

/** "Sign out everywhere": an administrator ends all of someone's sessions and frees their seat. */
export async function endUserSessions(db: Db, input: { id: string }, actor: Actor): Promise<SignOutResult> {
  const user = await db.user.findUnique({ where: { id: input.id }, select: { id: true, name: true } });
  if (!user) throw new AppError("NOT_FOUND", "This person no longer exists.");
  const result = await signOutEverywhere(db, user.id, actor, "signed out by an administrator");
  await recordSeatEvent(db, {
    type: "ADMIN_ACTION",
    userId: user.id,
    userName: user.name,
    actorId: actor.userId,
    reason: "signed out everywhere",
    requestId: actor.requestId ?? null,
    details: result,
  });
  return result;
}
