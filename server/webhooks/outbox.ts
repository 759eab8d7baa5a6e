import "server-only";
import { Prisma } from "../db/generated/client";
import type { DbOrTx } from "../db/transaction";
import type { WebhookEvent } from "@/lib/webhooks";

/*
 * The webhook outbox (../shared/licensing.md is silent; README "Webhooks"): a ticket change
 * writes one WebhookDelivery row per active endpoint that wants the event, in the change's own
 * transaction (or, for a ticket's creation, in the INSERT's own statement), so an event is sent
 * if and only if its change committed. The sender (deliver.ts) does the HTTP later. An internal
 * work note goes only to endpoints allowed to see internal notes.
 */

type TicketSummary = { id: string; displayNumber: string };

/** Enqueues `event` for the ticket; one statement, in the caller's transaction. */
export async function enqueueTicketEvent(
  db: DbOrTx,
  event: WebhookEvent,
  ticket: TicketSummary,
  details: { internal?: boolean; data?: Record<string, unknown> } = {},
): Promise<void> {
  const payload = JSON.stringify({ event, ticket: { id: ticket.id, number: ticket.displayNumber }, ...details.data });
  await db.$executeRaw(Prisma.sql`
    insert into "WebhookDelivery" ("endpointId", "event", "ticketId", "payload")
    select e.id, ${event}, ${ticket.id}, ${payload}::jsonb || jsonb_build_object('at', now())
    from "WebhookEndpoint" e
    where e.active and ${event} = any(e.events) and (not ${details.internal ?? false}::boolean or
      e."includeInternalNotes")`);
}

/**
 * TICKET_CREATED as a CTE of the ticket's own INSERT (`created` names its RETURNING), so the
 * portal's creation stays one statement and still writes its outbox rows atomically.
 */
export function ticketCreatedOutboxCte(created: string, prefix: string): Prisma.Sql {
  const displayNumber = Prisma.sql`${prefix}::text || '-' || lpad(c.number::text, greatest(6,
    length(c.number::text)), '0')`;
  return Prisma.sql`, outbox as (
    insert into "WebhookDelivery" ("endpointId", "event", "ticketId", "payload")
    select e.id, 'TICKET_CREATED', c.id, jsonb_build_object('event', 'TICKET_CREATED', 'at', now(),
      'ticket', jsonb_build_object('id', c.id, 'number', ${displayNumber}, 'title', c.title, 'status', c.status,
        'priority', c.priority))
    from ${Prisma.raw(created)} c join "WebhookEndpoint" e on e.active and 'TICKET_CREATED' = any(e.events))`;
}
