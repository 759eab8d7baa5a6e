import "server-only";
import type { Db } from "../db/client";

/** Open tickets whose resolution target falls due within this many minutes are announced. */
export const BREACHING_WITHIN_MINUTES = 60;

/**
 * Records a "breaching within the hour" event for each open ticket whose resolution target falls
 * due within the hour and has not been announced for that due time: once per ticket and due time
 * (MailEvent.onceKey, ON CONFLICT DO NOTHING), however many instances run this and however often,
 * so an agent gets one warning per ticket, not one a minute. A due time moved later (Pending, a new
 * priority) that comes close again is announced again. Pending tickets have no due time.
 * Reads the (status, resolutionDueAt) index.
 */
export async function recordBreachingSoon(db: Db, withinMinutes = BREACHING_WITHIN_MINUTES): Promise<number> {
  return db.$executeRaw`
    insert into "MailEvent" ("kind", "ticketId", "data", "onceKey")
    select 'ticket.breaching', t."id", jsonb_build_object('dueAt', t."resolutionDueAt"),
           'breaching:' || t."id" || ':' || to_char(t."resolutionDueAt" at time zone 'UTC',
             'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    from "Ticket" t
    where t."status" in ('NEW', 'ASSIGNED', 'IN_PROGRESS')
      and t."resolutionDueAt" > now() and t."resolutionDueAt" <= now() + make_interval(mins => ${withinMinutes})
    on conflict ("onceKey") do nothing`;
}
