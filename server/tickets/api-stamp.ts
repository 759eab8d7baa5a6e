import "server-only";
import type { DbOrTx } from "../db/transaction";
import { Prisma } from "../db/generated/client";
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

/**
 * The "via" history row of a ticket's creation through the API, as a CTE of the creation's own
 * INSERT (`created` names its RETURNING), so it is written in the same statement.
 */
export function openedStampCte(actor: TicketActor, created: string): Prisma.Sql {
  if (!actor.stamp) return Prisma.empty;
  return Prisma.sql`, stamp as (
    insert into "TicketHistory" ("ticketId", "actorId", "version", "field", "fromValue", "toValue", "at")
    select c.id, ${actor.id}::text, 1, 'via', null, ${`opened the ticket ${actor.stamp}`}::text, c."createdAt"
      from ${Prisma.raw(created)} c)`;
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

/*
 * What an API write records beside the change (server/api/actions.ts: its ApiAction and audit
 * rows, as common table expressions: apiWriteRecordCtes), handed to the domain with the actor so
 * a creation writes them in its own insert statement. Taken once; a write that does not take it
 * leaves it to the caller (server/trpc/middleware/api.ts), which then writes it itself.
 */
const alongside = new WeakMap<TicketActor, (ticketId: string) => Prisma.Sql>();

export function writeAlongside(actor: TicketActor, record: (ticketId: string) => Prisma.Sql): void {
  alongside.set(actor, record);
}

/** `, <ctes>` to write with the change of `ticketId`, if any (and then no longer the caller's to write). */
export function takeAlongside(actor: TicketActor, ticketId: string): Prisma.Sql {
  const record = alongside.get(actor);
  if (!record) return Prisma.empty;
  alongside.delete(actor);
  return Prisma.sql`, ${record(ticketId)}`;
}

/** Whether the statement given with writeAlongside is still to be written (the domain did not take it). */
export function untakenAlongside(actor: TicketActor): boolean {
  return alongside.delete(actor);
}
