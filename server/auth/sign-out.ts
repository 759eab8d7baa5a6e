import "server-only";
import type { Db } from "../db/client";
import { endAuthSession } from "./auth-sessions";
import { releaseLeaseOfUser } from "../licensing/release";

/** Signing out ends the server-side session and frees the person's seat at once. */
export async function onSignOut(
  db: Db,
  input: { sessionId: string; userId: string; requestId?: string },
): Promise<void> {
  await endAuthSession(db, input.sessionId, "sign-out");
  if (input.userId)
    await releaseLeaseOfUser(db, { userId: input.userId, reason: "SIGN_OUT", requestId: input.requestId });
}
