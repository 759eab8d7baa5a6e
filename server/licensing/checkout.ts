import type { Db } from "../db/client";
import { inTransaction, type Tx } from "../db/transaction";
import type { SeatKind } from "../db/generated/enums";
import { lockPool, lockUser } from "./locks";
import { sweepPool, seatsTaken } from "./sweep";
import { insertLease, poolHolders, settleOwnLease, touchLiveLease, type SeatHolder } from "./leases";
import { recordSeatEvent } from "./events";
import { seatTiming, type SeatTiming } from "./timing";

/*
 * Checking out a seat (../shared/licensing.md, "Checkout, hold, release").
 *
 * Everything happens in one transaction holding the person's row lock (one lease per person,
 * whatever their tabs) and, for a pool, the pool's row lock (never more leases than seats, across
 * instances: the count and the insert are serialised by PostgreSQL, not by process memory).
 * Repeating a checkout returns the lease already held.
 */

export type CheckoutGranted = { status: "granted"; leaseId: bigint; kind: SeatKind; poolId: string | null; poolName: string | null; reused: boolean };
export type CheckoutRefused = {
  status: "refused";
  pool: { id: string; name: string; size: number; inUse: number; reserved: number };
  holders: SeatHolder[];
  /** When the first of the current leases ends at the latest (idle timeout or presence grace). */
  nextFreeAtLatest: Date | null;
  /** The person's place in the waiting line, if they joined it. */
  queuePosition: number | null;
};
export type CheckoutResult = CheckoutGranted | CheckoutRefused | { status: "unlicensed" } | { status: "disabled" };

export type CheckoutInput = { userId: string; authSessionId?: string | null; requestId?: string | null; timing?: Partial<SeatTiming> };

export function checkoutSeat(db: Db | Tx, input: CheckoutInput): Promise<CheckoutResult> {
  const timing = seatTiming(input.timing);
  const requestId = input.requestId ?? null;
  return inTransaction(db, async (tx) => {
    const user = await lockUser(tx, input.userId);
    if (!user || !user.active) return { status: "disabled" } as const;

    const open = await settleOwnLease(tx, user.id, timing, requestId);
    const assignment = await tx.seatAssignment.findUnique({ where: { userId: user.id }, select: { kind: true, pool: { select: { id: true, deletedAt: true } } } });
    if (!assignment || (assignment.kind === "CONCURRENT" && (!assignment.pool || assignment.pool.deletedAt))) {
      return { status: "unlicensed" } as const;
    }

    // A lease already held is returned as it is, even if the license changed kind since:
    // a change takes effect at the next checkout (licensing.md, "Entitlement and allocation").
    if (open) {
      await touchLiveLease(tx, user.id, true, timing);
      const poolName = open.poolId ? (await tx.seatPool.findUnique({ where: { id: open.poolId }, select: { name: true } }))?.name ?? null : null;
      return { status: "granted", leaseId: open.id, kind: open.kind, poolId: open.poolId, poolName, reused: true } as const;
    }

    if (assignment.kind === "NAMED") {
      const { id: leaseId, grantedAt } = await insertLease(tx, { userId: user.id, kind: "NAMED", poolId: null, authSessionId: input.authSessionId ?? null });
      await recordSeatEvent(tx, { type: "GRANTED", at: grantedAt, userId: user.id, userName: user.name, kind: "NAMED", leaseId, requestId, reason: "named seat" });
      return { status: "granted", leaseId, kind: "NAMED", poolId: null, poolName: null, reused: false } as const;
    }

    const pool = await lockPool(tx, assignment.pool!.id);
    if (!pool) return { status: "unlicensed" } as const;
    await sweepPool(tx, pool, timing, requestId);
    const taken = await seatsTaken(tx, pool.id);
    const entries = await tx.$queryRaw<{ id: bigint; reserved: boolean; position: number }[]>`
      select id, coalesce("reservedUntil" > now(), false) as reserved,
        (select count(*)::int from "SeatQueueEntry" o where o."poolId" = q."poolId" and o."endedAt" is null and (o."enqueuedAt", o.id) <= (q."enqueuedAt", q.id)) as position
      from "SeatQueueEntry" q where q."userId" = ${user.id} and q."poolId" = ${pool.id} and q."endedAt" is null`;
    const entry = entries[0];
    // Free seats are already reserved for the line by the sweep, so a newcomer never jumps it.
    // A reservation is only good while the leases are fewer than the seats: it may have been
    // made before the pool shrank, and claiming it then would exceed the new size (invariant 1).
    const free = pool.size - taken.leases - taken.reservations;
    if ((entry?.reserved && taken.leases < pool.size) || free > 0) {
      if (entry) await tx.$executeRaw`update "SeatQueueEntry" set "endedAt" = now(), outcome = 'GRANTED' where id = ${entry.id}`;
      const { id: leaseId, grantedAt } = await insertLease(tx, { userId: user.id, kind: "CONCURRENT", poolId: pool.id, authSessionId: input.authSessionId ?? null });
      await recordSeatEvent(tx, {
        type: "GRANTED", at: grantedAt, userId: user.id, userName: user.name, kind: "CONCURRENT", poolId: pool.id, poolName: pool.name, leaseId, requestId,
        reason: entry?.reserved ? "reservation claimed" : "seat free",
        details: { inUseBefore: taken.leases, size: pool.size },
      });
      return { status: "granted", leaseId, kind: "CONCURRENT", poolId: pool.id, poolName: pool.name, reused: false } as const;
    }

    const holders = await poolHolders(tx, pool);
    await recordSeatEvent(tx, {
      type: "REFUSED", at: taken.at, userId: user.id, userName: user.name, kind: "CONCURRENT", poolId: pool.id, poolName: pool.name, requestId,
      reason: `${taken.leases} of ${pool.size} seats in use`,
      details: { inUse: taken.leases, reserved: taken.reservations, size: pool.size, inLine: Boolean(entry) },
    });
    const nextFreeAtLatest = holders.reduce<Date | null>((min, h) => (min === null || h.endsAtLatest < min ? h.endsAtLatest : min), null);
    return {
      status: "refused",
      pool: { id: pool.id, name: pool.name, size: pool.size, inUse: taken.leases, reserved: taken.reservations },
      holders,
      nextFreeAtLatest,
      queuePosition: entry?.position ?? null,
    } as const;
  });
}

/** The sentence an agent reads when refused: which pool, N of N, and when one frees at the latest. */
export function refusalMessage(refused: CheckoutRefused): string {
  const { pool } = refused;
  const when = refused.nextFreeAtLatest ? ` The next seat frees by ${refused.nextFreeAtLatest.toISOString().slice(11, 16)} UTC at the latest.` : "";
  return `All seats of the pool "${pool.name}" are taken: ${pool.inUse} of ${pool.size} in use.${when}`;
}
