import "server-only";
import type { Db } from "../db/client";

/*
 * A resolved ticket closes by itself after TicketSettings.autoCloseDays unless the requester
 * reopens it (or confirms it first). Judged by the database clock, the same clock and window
 * the requester's reopen is checked against (workflow.ts), in batches so a backlog never holds
 * many rows locked at once. Rows another transaction holds (a reopen in flight) are skipped and
 * looked at again next run; a reopened ticket is no longer Resolved, so it is never closed.
 * The close is a change like any other: version + 1 (an agent's stale edit hears about it) and a
 * history row with no actor, the system.
 */
export const AUTO_CLOSE_BATCH = 200;

export async function autoCloseResolved(db: Db, batchSize = AUTO_CLOSE_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const closed = await db.$executeRaw`
      with due as (
        select t."id" from "Ticket" t, "TicketSettings" s
        where s."id" = 1 and t."status" = 'RESOLVED' and t."resolvedAt" < now() - make_interval(days =>
          s."autoCloseDays")
        order by t."resolvedAt"
        limit ${batchSize}
        for no key update of t skip locked
      ), closed as (
        update "Ticket" t set "status" = 'CLOSED', "closedAt" = now(), "updatedAt" = now(), "version" = t."version" + 1
        from due where t."id" = due."id"
        returning t."id", t."version"
      ), told as (
        -- the requester's "closed" mail (server/mail/events.ts), committed with the close
        insert into "MailEvent" ("kind", "ticketId", "actorId", "data")
        select 'ticket.updated', "id", null, '{"status":"CLOSED"}'::jsonb from closed
      )
      insert into "TicketHistory" ("ticketId", "actorId", "version", "field", "fromValue", "toValue", "at")
      select "id", null, "version", 'status', 'RESOLVED', 'CLOSED', now() from closed`;
    total += closed;
    if (closed < batchSize) return total;
  }
}
