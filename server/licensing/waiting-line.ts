import "server-only";
import type { Db } from "../db/client";
import { inTransaction, type Tx } from "../db/transaction";
import { AppError } from "../errors";
import { lockPool, lockUser } from "./locks";
import { sweepPool } from "./sweep";
import { recordSeatEvent } from "./events";
import { settleOwnLease } from "./leases";
import { seatTiming, type SeatTiming } from "./timing";

/*
 * The waiting line of a concurrent pool, and the "request release" nudge. First come, first
 * served: the sweep reserves each freed seat for the first entry.
 */

type Options = { requestId?: string | null; timing?: Partial<SeatTiming> };

async function poolOfMember(tx: Tx, userId: string) {
  const assignment = await tx.seatAssignment.findUnique({
    where: { userId },
    select: { kind: true, pool: { select: { id: true, name: true, deletedAt: true } } },
  });
  if (assignment?.kind !== "CONCURRENT" || !assignment.pool || assignment.pool.deletedAt) {
    throw new AppError("BAD_REQUEST", "Only members of a concurrent seat pool wait in line; you have no pool.");
  }
  return assignment.pool;
}

export function joinWaitingLine(db: Db | Tx, userId: string, options: Options = {}): Promise<{ position: number }> {
  const timing = seatTiming(options.timing);
  return inTransaction(db, async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user?.active) throw new AppError("FORBIDDEN", "Your account is disabled.");
    const member = await poolOfMember(tx, userId);
    // A seat whose time ran out is no seat, swept or not: end it before deciding.
    if (await settleOwnLease(tx, userId, timing, options.requestId ?? null))
      throw new AppError("CONFLICT", "You already hold a seat.");
    const pool = await lockPool(tx, member.id);
    if (!pool) throw new AppError("NOT_FOUND", "That pool no longer exists.");
    // Raw SQL so that the place in line is dated by the database clock under the pool lock:
    // Prisma would fill enqueuedAt from this app instance's clock, and instances' clocks differ,
    // so the line would not be first come, first served across instances. (The person's row
    // lock makes a second open entry impossible; ON CONFLICT keeps the transaction usable anyway.)
    const joined = await tx.$executeRaw`
      insert into "SeatQueueEntry" ("poolId", "userId", "enqueuedAt", "lastPresenceAt")
      values (${pool.id}, ${userId}, clock_timestamp(), now())
      on conflict ("userId") where "endedAt" is null do nothing`;
    if (joined > 0) {
      await recordSeatEvent(tx, {
        type: "QUEUED",
        userId,
        userName: user.name,
        kind: "CONCURRENT",
        poolId: pool.id,
        poolName: pool.name,
        requestId: options.requestId ?? null,
      });
    }
    // A seat may be free right now (e.g. just released): reserve it for the line at once.
    await sweepPool(tx, pool, timing, options.requestId ?? null);
    const rows = await tx.$queryRaw<{ position: number }[]>`
      select count(*)::int as position from "SeatQueueEntry" o, "SeatQueueEntry" me
      where me."userId" = ${userId} and me."endedAt" is null and o."poolId" = me."poolId" and o."endedAt" is null
        and (o."enqueuedAt", o.id) <= (me."enqueuedAt", me.id)`;
    return { position: rows[0]?.position ?? 0 };
  });
}

export function leaveWaitingLine(db: Db | Tx, userId: string, options: Options = {}): Promise<{ left: boolean }> {
  const timing = seatTiming(options.timing);
  return inTransaction(db, async (tx) => {
    const user = await lockUser(tx, userId);
    const entry = await tx.seatQueueEntry.findFirst({
      where: { userId, endedAt: null },
      select: { id: true, poolId: true },
    });
    if (!user || !entry) return { left: false };
    const pool = await lockPool(tx, entry.poolId);
    await tx.$executeRaw`update "SeatQueueEntry" set "endedAt" = now(), outcome = 'LEFT' where id = ${entry.id}`;
    await recordSeatEvent(tx, {
      type: "LEFT_QUEUE",
      userId,
      userName: user.name,
      kind: "CONCURRENT",
      poolId: entry.poolId,
      poolName: pool?.name ?? null,
      reason: "left",
      requestId: options.requestId ?? null,
    });
    // A reservation they held passes on to the next in line.
    if (pool) await sweepPool(tx, pool, timing, options.requestId ?? null);
    return { left: true };
  });
}

export const NUDGE_COOLDOWN_SECONDS = 300;

/** Asks the holders of a full pool to release a seat they no longer need; shown in their console. */
export function requestRelease(
  db: Db | Tx,
  userId: string,
  options: Options = {},
): Promise<{ sent: boolean; retryInSeconds: number }> {
  return inTransaction(db, async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user?.active) throw new AppError("FORBIDDEN", "Your account is disabled.");
    const pool = await poolOfMember(tx, userId);
    const recent = await tx.$queryRaw<{ wait: number }[]>`
      select ceil(extract(epoch from (max(at) + make_interval(secs => ${NUDGE_COOLDOWN_SECONDS}) - now())))::int as wait
      from "SeatEvent" where type = 'NUDGE' and "userId" = ${userId} having max(at) > now() - make_interval(secs
        => ${NUDGE_COOLDOWN_SECONDS})`;
    const wait = recent[0]?.wait ?? 0;
    if (wait > 0) return { sent: false, retryInSeconds: wait };
    await recordSeatEvent(tx, {
      type: "NUDGE",
      userId,
      userName: user.name,
      kind: "CONCURRENT",
      poolId: pool.id,
      poolName: pool.name,
      reason: "request release",
      requestId: options.requestId ?? null,
    });
    return { sent: true, retryInSeconds: NUDGE_COOLDOWN_SECONDS };
  });
}
