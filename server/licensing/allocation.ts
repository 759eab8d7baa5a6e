import "server-only";
import { Prisma } from "../db/generated/client";
import type { DbOrTx, Tx } from "../db/transaction";
import type { Role, SeatKind } from "../db/generated/enums";
import { recordSeatEvent } from "./events";

/*
 * What every allocation change (entitlement, pools, licenses) shares: the entitlement lock that
 * serialises them, the counts they check against what is owned, and their audit event.
 *
 * Lock order (extends locks.ts): the Entitlement row first, then User rows (by id), then SeatPool
 * rows. Checkouts and releases never lock the Entitlement row, so they never wait for it.
 */

/** Who makes an administrative change, for the audit trail. */
export type AdminActor = { actorId: string; requestId?: string | null };

export type OwnedSeats = { namedSeats: number; concurrentSeats: number };

/**
 * Locks the singleton Entitlement row for the rest of the transaction, creating it (0/0) first
 * if the organisation never set one, so two administrators cannot together exceed what is owned.
 */
export async function lockEntitlement(tx: Tx): Promise<OwnedSeats> {
  await tx.$executeRaw`insert into "Entitlement" (id, "updatedAt") values (1, now()) on conflict (id) do nothing`;
  const rows = await tx.$queryRaw<
    OwnedSeats[]
  >`select "namedSeats", "concurrentSeats" from "Entitlement" where id = 1 for update`;
  return rows[0]!;
}

export type Allocation = { namedAssigned: number; concurrentAllocated: number };

/** Named seats assigned and concurrent seats given to pools that are not deleted. */
export async function allocationCounts(db: DbOrTx): Promise<Allocation> {
  const rows = await db.$queryRaw<Allocation[]>`
    select (select count(*)::int from "SeatAssignment" where kind = 'NAMED') as "namedAssigned",
      (select coalesce(sum(size), 0)::int from "SeatPool" where "deletedAt" is null) as "concurrentAllocated"`;
  return rows[0]!;
}

export type LockedPerson = { id: string; name: string; role: Role; active: boolean };

/** Locks the people's User rows in id order (so two changes never wait on each other in a cycle). */
export async function lockUsers(tx: Tx, ids: readonly string[]): Promise<Map<string, LockedPerson>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx.$queryRaw<LockedPerson[]>`
    select id, name, role::text as role, active from "User" where id in (${Prisma.join(unique)}) order by id for
      no key update`;
  return new Map(rows.map((r) => [r.id, r]));
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** Appends the ADMIN_ACTION event every allocation change records (licensing invariant 5). */
export function recordAdminAction(
  tx: Tx,
  actor: AdminActor,
  event: {
    action: string;
    before: Prisma.InputJsonValue | null;
    after: Prisma.InputJsonValue | null;
    userId?: string;
    userName?: string;
    kind?: SeatKind | null;
    poolId?: string | null;
    poolName?: string | null;
    reason?: string | null;
    extra?: Record<string, Prisma.InputJsonValue>;
  },
): Promise<void> {
  return recordSeatEvent(tx, {
    type: "ADMIN_ACTION",
    actorId: actor.actorId,
    requestId: actor.requestId ?? null,
    userId: event.userId ?? null,
    userName: event.userName ?? null,
    kind: event.kind ?? null,
    poolId: event.poolId ?? null,
    poolName: event.poolName ?? null,
    reason: event.reason ?? event.action,
    details: { action: event.action, before: event.before, after: event.after, ...event.extra },
  });
}
