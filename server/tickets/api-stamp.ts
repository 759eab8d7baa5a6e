import type { DbOrTx } from "../db/transaction";
import type { TicketActor } from "./actor";

/*
 * Accountability for changes made through an API account (../shared/licensing.md, "Integrations
 * never multiplex"): the person acted for is the actor, and the account is stamped visibly as a
 * "via" row in the ticket's history ("replied via Chat hub for Ana Ruiz, E-10422") and at the end
 * of the reply or note itself. Browser changes carry no stamp and are unchanged.
 */

/** The reply or note as kept: the text, then the stamp on its own line. */
export function stampedBody(body: string, actor: TicketActor): string {
  return actor.stamp ? `${body}\n\n— ${actor.stamp}` : body;
}

/** The "via" history row of an API change (nothing for a browser's change). */
export async function recordApiStamp(
  db: DbOrTx,
  actor: TicketActor,
  change: { ticketId: string; version: number; what: string; at?: Date },
): Promise<void> {
  if (!actor.stamp) return;
  await db.ticketHistory.create({
    data: {
      ticketId: change.ticketId,
      actorId: actor.id,
      version: change.version,
      field: "via",
      fromValue: null,
      toValue: `${change.what} ${actor.stamp}`,
      ...(change.at ? { at: change.at } : {}),
    },
  });
}
