import "server-only";
import { Prisma } from "../db/generated/client";
import { runnerFor, type SqlTarget } from "../db/sql";
import type { SeatKind } from "../db/generated/enums";
import type { SeatTiming } from "./timing";

/*
 * Lease rows: the small SQL pieces that checkout, release and the fence share. Every time comes
 * from the database clock, never an app instance's: now() (the transaction's start) for checks,
 * clock_timestamp() (this very moment) where a grant or an end is dated after waiting for locks.
 * A lease is inserted (checkout.ts) dated by clock_timestamp(), the moment of the insert made
 * under the pool lock, not now(), the start of a transaction that may have waited long for its
 * locks: a seat freed by a release that committed while this checkout waited must not appear
 * granted before it was freed, or usage history would show more seats in use than the pool has
 * (checkout-race.test.ts, "recorded history"). Its id is the fence number.
 */

/**
 * SQL: the idle timeout, in seconds, of lease `l`: the one it was granted under (kept on the
 * lease at checkout, so shortening a pool's timeout does not move the end of leases already held,
 * nor rewrite history), or for a lease recorded without it (history written by the demo or the
 * benchmarks), the pool's or the named seats' current one. Every idle end is computed with it.
 */
/** SQL: the named seats' idle timeout now, in seconds; a new named lease keeps it. */
export const NAMED_IDLE_SECONDS_SQL = Prisma.sql`coalesce((select e."namedIdleTimeoutSeconds" from "Entitlement"
  e where e.id = 1), 1800)`;

export const LEASE_IDLE_SECONDS_SQL = Prisma.sql`coalesce(l."idleTimeoutSeconds",
  (select p."idleTimeoutSeconds" from "SeatPool" p where p.id = l."poolId"), ${NAMED_IDLE_SECONDS_SQL})`;

export type OpenLease = { id: bigint; kind: SeatKind; poolId: string | null; grantedAt: Date };

/**
 * CTEs `settle_limits`, `settled` (the ids of the person's leases it ended) and `settled_events`:
 * end the person's open lease when its idle timeout or presence grace has already elapsed
 * (dated when it elapsed). A statement that starts with these sees the lease as it was before;
 * `settled` tells which one just ended.
 */
export function settleOwnLeaseCtes(userId: string, timing: SeatTiming, requestId: string | null): Prisma.Sql {
  return Prisma.sql`settle_limits as (
      select l.id,
        l."lastActivityAt" + make_interval(secs => ${LEASE_IDLE_SECONDS_SQL}) as idle_end,
        l."lastPresenceAt" + make_interval(secs => ${timing.presenceGraceSeconds}::int) as presence_end
      from "SeatLease" l
      where l."userId" = ${userId}::text and l."endedAt" is null
    ), settled as (
      update "SeatLease" l set "endedAt" = least(m.idle_end, m.presence_end),
        "endReason" = (case when m.idle_end <= m.presence_end then 'IDLE' else 'CLOSED' end)::"LeaseEndReason"
      -- "endedAt" is null again here, not only in settle_limits: that read a snapshot, while this
      -- update re-reads a row that changed meanwhile (the sweeper or a release ended it while this
      -- waited for the row) and must then leave it, and record no second release.
      from settle_limits m where l.id = m.id and l."endedAt" is null and least(m.idle_end, m.presence_end) <= now()
      returning l.id, l."userId", l.kind, l."poolId", l."endedAt", l."endReason"
    ), settled_events as (
      insert into "SeatEvent" (type, at, "userId", "userName", kind, "poolId", "poolName", "leaseId", reason,
        "requestId")
      select 'RELEASED', e."endedAt", e."userId", u.name, e.kind, e."poolId", p.name, e.id, e."endReason"::text,
        ${requestId}::text
      from settled e join "User" u on u.id = e."userId" left join "SeatPool" p on p.id = e."poolId"
    )`;
}

/**
 * Ends the person's open lease when its idle timeout or presence grace has already elapsed
 * (dated when it elapsed), then returns the open lease that remains, if any. One statement.
 */
export async function settleOwnLease(
  tx: SqlTarget,
  userId: string,
  timing: SeatTiming,
  requestId: string | null,
): Promise<OpenLease | null> {
  const rows = await runnerFor(tx).rows<OpenLease>(Prisma.sql`
    with ${settleOwnLeaseCtes(userId, timing, requestId)}
    select id, kind, "poolId", "grantedAt" from "SeatLease"
    where "userId" = ${userId} and "endedAt" is null and id not in (select id from settled)`);
  return rows[0] ?? null;
}

/**
 * SQL condition on a lease row aliased `l`: open, and neither its presence grace nor its idle
 * timeout (the pool's, or the named-seat one) has elapsed by the database clock.
 */
export function liveLeaseCondition(timing: SeatTiming): Prisma.Sql {
  return Prisma.sql`l."endedAt" is null
    and l."lastPresenceAt" + make_interval(secs => ${timing.presenceGraceSeconds}::int) > now()
    and l."lastActivityAt" + make_interval(secs => ${LEASE_IDLE_SECONDS_SQL}) > now()`;
}

/**
 * Marks presence (a tab is open) and, when `active`, activity (real input or a write) on the
 * person's live lease. A lease whose time already ran out is not revived: the sweep ends it.
 * Returns the lease id, or null when the person holds no live lease.
 */
export async function touchLiveLease(
  tx: SqlTarget,
  userId: string,
  active: boolean,
  timing: SeatTiming,
): Promise<bigint | null> {
  const rows = await runnerFor(tx).rows<{ id: bigint }>(Prisma.sql`
    update "SeatLease" l set "lastPresenceAt" = now(),
      "lastActivityAt" = case when ${active}::boolean then now() else l."lastActivityAt" end
    where l."userId" = ${userId} and ${liveLeaseCondition(timing)}
    returning l.id`);
  return rows[0]?.id ?? null;
}

export type SeatHolder = { userId: string; name: string; since: Date; idleSeconds: number; endsAtLatest: Date };

/** SQL: who holds a pool's seats, as SeatHolder rows in the order they were granted. */
export function poolHoldersQuery(pool: { id: string }): Prisma.Sql {
  return Prisma.sql`
    select l."userId", u.name, l."grantedAt" as since,
      greatest(0, extract(epoch from now() - l."lastActivityAt"))::int as "idleSeconds",
      -- "At the latest" is the idle end: an open tab keeps extending presence, so the presence
      -- grace is no bound, while nothing but real activity moves the idle end.
      l."lastActivityAt" + make_interval(secs => ${LEASE_IDLE_SECONDS_SQL}) as "endsAtLatest"
    from "SeatLease" l join "User" u on u.id = l."userId"
    where l."poolId" = ${pool.id}::text and l."endedAt" is null
    order by l."grantedAt", l.id`;
}

/** Who holds a pool's seats, how long each has been idle and when each lease ends at the latest. */
export async function poolHolders(tx: SqlTarget, pool: { id: string }): Promise<SeatHolder[]> {
  return runnerFor(tx).rows<SeatHolder>(poolHoldersQuery(pool));
}

/** SeatHolder rows read back from json_agg (times arrive as ISO strings). */
export function holdersFromJson(
  rows: (Omit<SeatHolder, "since" | "endsAtLatest"> & { since: string; endsAtLatest: string })[] | null,
): SeatHolder[] {
  return (rows ?? []).map((h) => ({ ...h, since: new Date(h.since), endsAtLatest: new Date(h.endsAtLatest) }));
}
