import "server-only";
import type { Db } from "../db/client";
import { inTransaction } from "../db/transaction";
import { AppError } from "../errors";
import { endAllSessionsOfUser } from "../auth/auth-sessions";
import { lockUser } from "../licensing/locks";
import { releaseLeaseOfUser } from "../licensing/release";
import { recordSeatEvent } from "../licensing/events";
import type { SetUserActiveInput } from "@/lib/validation/users";
import type { Actor } from "./actor";

export type SetActiveResult = { active: boolean; sessionsEnded: number; seatReleased: boolean };

/**
 * Disables or enables an account. Disabling takes effect on the person's very next request:
 * the flag, their seat (released ACCOUNT_DISABLED, leaving any waiting line), the audit event and
 * the end of every session row commit together under their row lock, so no checkout can slip in
 * between and no session is left open after a failed disable. Ended sessions stay ended, so
 * enabling the account later does not revive an old sign-in.
 * The seat license itself is kept: enabling gives the person back what they had.
 */
export async function setUserActive(db: Db, input: SetUserActiveInput, actor: Actor): Promise<SetActiveResult> {
  if (!input.active && input.id === actor.userId) {
    throw new AppError("FORBIDDEN", "You cannot disable your own account. Ask another administrator to do it.");
  }
  return inTransaction(db, async (tx) => {
    const user = await lockUser(tx, input.id);
    if (!user) throw new AppError("NOT_FOUND", "This person no longer exists.");
    await tx.user.update({ where: { id: user.id }, data: { active: input.active } });
    const release = input.active
      ? null
      : await releaseLeaseOfUser(tx, {
          userId: user.id,
          reason: "ACCOUNT_DISABLED",
          actorId: actor.userId,
          requestId: actor.requestId,
        });
    if (user.active !== input.active) {
      await recordSeatEvent(tx, {
        type: "ADMIN_ACTION",
        userId: user.id,
        userName: user.name,
        actorId: actor.userId,
        reason: input.active ? "account enabled" : "account disabled",
        requestId: actor.requestId ?? null,
      });
    }
    const sessionsEnded = input.active ? 0 : await endAllSessionsOfUser(tx, user.id, "account disabled");
    return { active: input.active, sessionsEnded, seatReleased: release?.released ?? false };
  });
}
