import "server-only";
import type { DbOrTx } from "../db/transaction";

/*
 * Writes past seat history in bulk, as the app would have recorded it: closed leases with their
 * GRANTED and RELEASED events, refusals (REFUSED), and stays in the waiting line (QUEUED,
 * LEFT_QUEUE or the grant that ended them). For the demo organisation and for tests that need a
 * history with a known answer. Never leaves a live lease. One statement per table (unnest).
 */

export type PastLease = {
  userId: string;
  userName: string;
  poolId: string | null;
  poolName: string | null;
  grantedAt: Date;
  endedAt: Date;
  /** The last activity; for an IDLE ending, endedAt is this plus the idle timeout. Default: endedAt. */
  lastActivityAt?: Date;
  endReason?: "SIGN_OUT" | "IDLE" | "CLOSED";
};

export type PastRefusal = { userId: string; userName: string; poolId: string; poolName: string; at: Date };

export type PastQueueStay = {
  userId: string;
  userName: string;
  poolId: string;
  poolName: string;
  enqueuedAt: Date;
  endedAt: Date;
  outcome: "GRANTED" | "LEFT";
};

export type PastHistory = { leases?: PastLease[]; refusals?: PastRefusal[]; queue?: PastQueueStay[] };

export async function writePastHistory(db: DbOrTx, history: PastHistory): Promise<void> {
  const leases = history.leases ?? [];
  const refusals = history.refusals ?? [];
  const queue = history.queue ?? [];
  if (leases.length) {
    const ended = leases.map((l) => l.endedAt);
    await db.$executeRaw`
      with input as (
        select * from unnest(${leases.map((l) => l.userId)}::text[], ${leases.map((l) => l.userName)}::text[],
          ${leases.map((l) => l.poolId)}::text[],
          ${leases.map((l) => l.poolName)}::text[], ${leases.map((l) => l.grantedAt)}::timestamptz[],
            ${ended}::timestamptz[],
          ${leases.map((l) => l.lastActivityAt ?? l.endedAt)}::timestamptz[],
            ${leases.map((l) => l.endReason ?? "SIGN_OUT")}::text[])
          as t("userId", "userName", "poolId", "poolName", "grantedAt", "endedAt", "lastActivityAt", "endReason")
      ),
      made as (
        insert into "SeatLease" ("userId", kind, "poolId", "grantedAt", "lastActivityAt", "lastPresenceAt",
          "endedAt", "endReason")
        select "userId", case when "poolId" is null then 'NAMED' else 'CONCURRENT' end::"SeatKind", "poolId",
          "grantedAt", "lastActivityAt", "lastActivityAt", "endedAt", "endReason"::"LeaseEndReason"
        from input
        returning id, "userId", "poolId", "grantedAt", "endedAt", "endReason"
      )
      insert into "SeatEvent" (type, at, "recordedAt", "userId", "userName", kind, "poolId", "poolName",
        "leaseId", reason)
      select e.type::"SeatEventType", e.at, e.at, m."userId", i."userName", case when m."poolId" is null then
        'NAMED' else 'CONCURRENT' end::"SeatKind",
        m."poolId", i."poolName", m.id, e.reason
      from made m join input i on i."userId" = m."userId" and i."grantedAt" = m."grantedAt"
      cross join lateral (values ('GRANTED', m."grantedAt", case when m."poolId" is null then 'named seat' else
        'seat free' end),
                                 ('RELEASED', m."endedAt", m."endReason"::text)) as e(type, at, reason)`;
  }
  if (refusals.length) {
    await db.$executeRaw`
      insert into "SeatEvent" (type, at, "recordedAt", "userId", "userName", kind, "poolId", "poolName", reason)
      select 'REFUSED', at, at, "userId", "userName", 'CONCURRENT', "poolId", "poolName", 'all seats in use'
      from unnest(${refusals.map((r) => r.userId)}::text[], ${refusals.map((r) => r.userName)}::text[],
        ${refusals.map((r) => r.poolId)}::text[],
        ${refusals.map((r) => r.poolName)}::text[], ${refusals.map((r) => r.at)}::timestamptz[]) as t("userId",
          "userName", "poolId", "poolName", at)`;
  }
  if (queue.length) {
    const cols = [
      queue.map((q) => q.userId),
      queue.map((q) => q.userName),
      queue.map((q) => q.poolId),
      queue.map((q) => q.poolName),
    ] as const;
    await db.$executeRaw`
      with input as (
        select * from unnest(${cols[0]}::text[], ${cols[1]}::text[], ${cols[2]}::text[], ${cols[3]}::text[],
          ${queue.map((q) => q.enqueuedAt)}::timestamptz[],
          ${queue.map((q) => q.endedAt)}::timestamptz[], ${queue.map((q) => q.outcome)}::text[]) as t("userId",
            "userName", "poolId", "poolName", "enqueuedAt", "endedAt", outcome)
      ),
      made as (
        insert into "SeatQueueEntry" ("poolId", "userId", "enqueuedAt", "lastPresenceAt", "endedAt", outcome)
        select "poolId", "userId", "enqueuedAt", "endedAt", "endedAt", outcome::"QueueOutcome" from input returning id
      )
      insert into "SeatEvent" (type, at, "recordedAt", "userId", "userName", kind, "poolId", "poolName", reason)
      select e.type::"SeatEventType", e.at, e.at, i."userId", i."userName", 'CONCURRENT', i."poolId",
        i."poolName", e.reason
      from input i cross join lateral (values ('QUEUED', i."enqueuedAt", null), ('LEFT_QUEUE', i."endedAt",
        'left the line')) as e(type, at, reason)
      where e.type = 'QUEUED' or i.outcome = 'LEFT'`;
  }
}
