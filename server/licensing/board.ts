import "server-only";
import type { Db } from "../db/client";
import { recordMailEvent } from "../mail/events";
import { Prisma } from "../db/generated/client";
import type { LeaseEndReason, SeatKind } from "../db/generated/enums";
import { inTransaction } from "../db/transaction";
import { AppError } from "../errors";
import { endSeatNote } from "@/lib/validation/seat-board";
import { LEASE_IDLE_SECONDS_SQL, liveLeaseCondition, settleOwnLease } from "./leases";
import { lockPool, lockUser } from "./locks";
import { releaseLeaseOfUser } from "./release";
import { sweepPool } from "./sweep";
import { LEASE_END_WORDS, utcClock } from "./event-text";
import { seatTiming, type SeatTiming } from "./timing";

/*
 * The administrator's live seat board, and ending one seat from it.
 *
 * The board only reads: five queries (one per kind of thing, whatever the number of pools or
 * people) in one REPEATABLE READ transaction, so every number comes from one snapshot and one
 * database clock reading (now() is fixed for a transaction). A lease whose idle timeout or
 * presence grace already elapsed is not shown even if the sweep has not ended it yet: it no
 * longer keeps anyone out (checkout sweeps first), and the sweeper dates its end correctly.
 * Likewise for waiting-line entries whose reservation lapsed or whose tabs are all closed.
 */

export type BoardHolder = {
  leaseId: string;
  userId: string;
  name: string;
  email: string;
  since: Date;
  idleSeconds: number;
  endsAtLatest: Date;
};
export type BoardWaiting = {
  userId: string;
  name: string;
  email: string;
  waitingSince: Date;
  reservedUntil: Date | null;
};
export type BoardPool = {
  id: string;
  name: string;
  size: number;
  idleTimeoutSeconds: number;
  inUse: number;
  reserved: number;
  holders: BoardHolder[];
  waiting: BoardWaiting[];
};
export type BoardNamedSeat = {
  userId: string;
  name: string;
  email: string;
  /** False for someone still holding a named lease after their named seat was taken away (it lasts until it ends). */
  assigned: boolean;
  lease: (Omit<BoardHolder, "userId" | "name" | "email"> & { kind: SeatKind }) | null;
};
export type SeatBoard = { now: Date; namedSeatsOwned: number; pools: BoardPool[]; namedSeats: BoardNamedSeat[] };

type LeaseRow = Omit<BoardHolder, "leaseId"> & { leaseId: bigint; kind: SeatKind; poolId: string | null };
type WaitingRow = BoardWaiting & { poolId: string };

export async function getSeatBoard(db: Db, timingOverrides: Partial<SeatTiming> = {}): Promise<SeatBoard> {
  const timing = seatTiming(timingOverrides);
  return inTransaction(
    db,
    async (tx) => {
      const [{ now, namedSeatsOwned }] = await tx.$queryRaw<[{ now: Date; namedSeatsOwned: number }]>`
      select now() as now, coalesce((select "namedSeats" from "Entitlement" where id = 1), 0) as "namedSeatsOwned"`;
      const pools = await tx.seatPool.findMany({
        where: { deletedAt: null },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        select: { id: true, name: true, size: true, idleTimeoutSeconds: true },
      });
      const leases = await tx.$queryRaw<LeaseRow[]>`
      select l.id as "leaseId", l."userId", l.kind, l."poolId", u.name, u.email, l."grantedAt" as since,
        greatest(0, extract(epoch from now() - l."lastActivityAt"))::int as "idleSeconds",
        -- The idle end: an open tab keeps extending presence, so only activity moves this bound.
        l."lastActivityAt" + make_interval(secs => ${LEASE_IDLE_SECONDS_SQL}) as "endsAtLatest"
      from "SeatLease" l join "User" u on u.id = l."userId" left join "SeatPool" p on p.id = l."poolId"
      where ${liveLeaseCondition(timing)}
      order by l."grantedAt", l.id`;
      const waiting = await tx.$queryRaw<WaitingRow[]>`
      select q."poolId", q."userId", u.name, u.email, q."enqueuedAt" as "waitingSince",
        case when q."reservedUntil" > now() then q."reservedUntil" end as "reservedUntil"
      from "SeatQueueEntry" q join "User" u on u.id = q."userId"
      where q."endedAt" is null and (q."reservedUntil" is null or q."reservedUntil" > now())
        and q."lastPresenceAt" + make_interval(secs => ${timing.presenceGraceSeconds}) > now()
      order by q."enqueuedAt", q.id`;
      const named = await tx.seatAssignment.findMany({
        where: { kind: "NAMED" },
        select: { user: { select: { id: true, name: true, email: true } } },
      });

      const holder = ({ leaseId, userId, name, email, since, idleSeconds, endsAtLatest }: LeaseRow): BoardHolder => ({
        leaseId: leaseId.toString(),
        userId,
        name,
        email,
        since,
        idleSeconds,
        endsAtLatest,
      });
      const boardPools = pools.map((pool) => {
        const holders = leases.filter((l) => l.poolId === pool.id).map(holder);
        const line = waiting
          .filter((w) => w.poolId === pool.id)
          .map(({ userId, name, email, waitingSince, reservedUntil }) => ({
            userId,
            name,
            email,
            waitingSince,
            reservedUntil,
          }));
        return {
          ...pool,
          inUse: holders.length,
          reserved: line.filter((w) => w.reservedUntil).length,
          holders,
          waiting: line,
        };
      });

      const leaseOf = new Map(leases.map((l) => [l.userId, l]));
      const namedSeat = (user: { id: string; name: string; email: string }, assigned: boolean): BoardNamedSeat => {
        const l = leaseOf.get(user.id);
        return {
          userId: user.id,
          name: user.name,
          email: user.email,
          assigned,
          lease: l
            ? {
                leaseId: l.leaseId.toString(),
                kind: l.kind,
                since: l.since,
                idleSeconds: l.idleSeconds,
                endsAtLatest: l.endsAtLatest,
              }
            : null,
        };
      };
      const assignedIds = new Set(named.map((n) => n.user.id));
      const namedSeats = [
        ...named.map((n) => namedSeat(n.user, true)),
        ...leases
          .filter((l) => l.kind === "NAMED" && !assignedIds.has(l.userId))
          .map((l) => namedSeat({ id: l.userId, name: l.name, email: l.email }, false)),
      ].sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));

      return { now, namedSeatsOwned, pools: boardPools, namedSeats };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
}

export type AdminEndLeaseInput = {
  leaseId: bigint;
  actorId: string;
  note: string;
  requestId?: string | null;
  timing?: Partial<SeatTiming>;
};

type EndOutcome =
  | { status: "missing" }
  | { status: "ended"; endedAt: Date; endReason: LeaseEndReason | null }
  | { status: "released"; userId: string; userName: string };

/**
 * An administrator ends one lease (the one they saw on the board, even if the person has since
 * taken another). The agent's next action says an administrator ended it, with the note.
 * A lease whose time had already run out is ended as what it was (idle, closed) and dated when
 * it elapsed, and the administrator is told it was already released.
 */
export async function adminEndLease(
  db: Db,
  input: AdminEndLeaseInput,
): Promise<{ leaseId: string; userId: string; userName: string }> {
  const parsedNote = endSeatNote.safeParse(input.note);
  if (!parsedNote.success) throw new AppError("BAD_REQUEST", parsedNote.error.issues[0]!.message, undefined, "note");
  const timing = seatTiming(input.timing);
  const requestId = input.requestId ?? null;

  // Settling an elapsed lease must commit even when the answer is "already released", so the
  // transaction returns an outcome and the error is thrown after it.
  const outcome = await inTransaction<EndOutcome>(db, async (tx) => {
    const found = await tx.seatLease.findUnique({
      where: { id: input.leaseId },
      select: { userId: true, endedAt: true },
    });
    if (!found) return { status: "missing" };
    const user = await lockUser(tx, found.userId);
    if (!user) return { status: "missing" };
    if (!found.endedAt) await settleOwnLease(tx, user.id, timing, requestId);
    const lease = await tx.seatLease.findUniqueOrThrow({
      where: { id: input.leaseId },
      select: { endedAt: true, endReason: true, poolId: true },
    });
    if (lease.endedAt) {
      // It ran out just now: give the freed seat to the waiting line at once.
      if (!found.endedAt && lease.poolId) {
        const pool = await lockPool(tx, lease.poolId);
        if (pool) await sweepPool(tx, pool, timing, requestId);
      }
      return { status: "ended", endedAt: lease.endedAt, endReason: lease.endReason };
    }
    await releaseLeaseOfUser(tx, {
      userId: user.id,
      reason: "ADMIN",
      actorId: input.actorId,
      note: parsedNote.data,
      requestId,
      leaseId: input.leaseId,
      timing,
    });
    await recordMailEvent(tx, { kind: "seat.ended", userId: user.id, actorId: input.actorId, reason: parsedNote.data });
    return { status: "released", userId: user.id, userName: user.name };
  });

  if (outcome.status === "missing")
    throw new AppError("NOT_FOUND", "That seat lease does not exist. Refresh the board.");
  if (outcome.status === "ended") {
    const why = outcome.endReason ? ` (${LEASE_END_WORDS[outcome.endReason]})` : "";
    throw new AppError("CONFLICT", `That seat was already released at ${utcClock(outcome.endedAt)}${why}.`, {
      endedAt: outcome.endedAt,
      endReason: outcome.endReason,
    });
  }
  return { leaseId: input.leaseId.toString(), userId: outcome.userId, userName: outcome.userName };
}
