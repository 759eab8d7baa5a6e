import "server-only";

/** Who performs an administrative action, for the audit trail and the "not yourself" rules. */
export type Actor = { userId: string; requestId?: string | null };

/** The actor of a signed-in procedure call. */
export function actorOf(ctx: { session: { user: { id: string } }; requestId: string }): Actor {
  return { userId: ctx.session.user.id, requestId: ctx.requestId };
}
