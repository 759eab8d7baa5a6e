import "server-only";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { changePasswordInput, type ChangePasswordInput } from "@/lib/validation/account";
import { hashPassword, verifyPassword } from "./password";
import { endOtherSessionsOfUser, type ValidSession } from "./auth-sessions";
import { claimSignInAttempt, lockedMessage, recordSuccessfulSignIn } from "./sign-in-throttle";
import { releaseLeaseOfUser } from "../licensing/release";

export type PasswordChanged = { otherSessionsEnded: number; seatReleased: boolean };

/**
 * A person changes their own password (OWASP ASVS V6/V7): the current password proves it is
 * them, and counts as a sign-in attempt (the same throttle, so a stolen session cannot be used
 * to guess it). Every other session of theirs ends at once, and a seat held by one of those
 * sessions is given back; the session that made the change goes on.
 */
export async function changeOwnPassword(
  db: Db,
  session: ValidSession,
  rawInput: ChangePasswordInput,
  context: { requestId?: string; clientAddress?: string | null } = {},
): Promise<PasswordChanged> {
  const input = changePasswordInput.parse(rawInput);
  const { user } = session;
  const verdict = await claimSignInAttempt(db, {
    normalizedEmail: user.email,
    clientAddress: context.clientAddress ?? null,
  });
  if (!verdict.allowed)
    throw new AppError(
      "TOO_MANY_REQUESTS",
      lockedMessage(verdict.retryAfterSeconds, verdict.scope),
      undefined,
      "currentPassword",
    );
  const row = await db.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, input.currentPassword)))
    throw new AppError("BAD_REQUEST", "Your current password is not right.", undefined, "currentPassword");
  await recordSuccessfulSignIn(db, {
    normalizedEmail: user.email,
    clientAddress: context.clientAddress ?? null,
    userId: user.id,
  });

  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(input.newPassword) } });
  const otherSessionsEnded = await endOtherSessionsOfUser(db, user.id, session.sessionId, "password changed");
  // One person holds at most one lease: if another (now ended) session holds it, it goes too.
  const lease = await db.seatLease.findFirst({
    where: { userId: user.id, endedAt: null },
    select: { authSessionId: true },
  });
  let seatReleased = false;
  if (lease && lease.authSessionId !== session.sessionId) {
    const { released } = await releaseLeaseOfUser(db, {
      userId: user.id,
      reason: "SIGN_OUT",
      note: "password changed",
      requestId: context.requestId,
    });
    seatReleased = released;
  }
  return { otherSessionsEnded, seatReleased };
}
