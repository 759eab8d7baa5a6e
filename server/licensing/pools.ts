import "server-only";
import { Prisma } from "../db/generated/client";
import { inTransaction, type DbOrTx, type Tx } from "../db/transaction";
import { AppError } from "../errors";
import type { DeletePoolInput, PoolInput, UpdatePoolInput } from "@/lib/validation/licensing";
import {
  allocationCounts,
  lockEntitlement,
  lockUsers,
  plural,
  recordAdminAction,
  type AdminActor,
  type LockedPerson,
  type OwnedSeats,
} from "./allocation";
import { changeLicense } from "./license-change";
import { liveLeaseCondition } from "./leases";
import { lockPool } from "./locks";
import { releaseLeaseOfUser } from "./release";
import { seatsTaken, sweepPool } from "./sweep";
import { seatTiming } from "./timing";
import {
  assertGroupExists,
  assertMembersEligible,
  assertPoolsFit,
  minutesToSeconds,
  secondsToMinutes,
  withPoolName,
} from "./pool-rules";

/*
 * Concurrent seat pools (../shared/licensing.md, "Entitlement and allocation"). Every change holds the
 * Entitlement lock (allocation.ts), so the sizes of all pools never exceed the concurrent seats
 * owned, however many administrators edit at once.
 */

export type PoolRow = {
  id: string;
  name: string;
  size: number;
  idleTimeoutSeconds: number;
  idleTimeoutMinutes: number;
  group: { id: string; name: string } | null;
  memberCount: number;
  inUse: number;
  reserved: number;
};

export async function listPools(
  db: DbOrTx,
  input: { cursor?: string | null; limit?: number } = {},
): Promise<{ items: PoolRow[]; nextCursor: string | null }> {
  const limit = input.limit ?? 50;
  const rows = await db.seatPool.findMany({
    where: { deletedAt: null },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    take: limit + 1,
    select: {
      id: true,
      name: true,
      size: true,
      idleTimeoutSeconds: true,
      group: { select: { id: true, name: true } },
      _count: { select: { members: true } },
    },
  });
  const page = rows.slice(0, limit);
  const use = await liveUse(
    db,
    page.map((p) => p.id),
  );
  const items = page.map(({ _count, ...p }) => ({
    ...p,
    idleTimeoutMinutes: secondsToMinutes(p.idleTimeoutSeconds),
    memberCount: _count.members,
    inUse: use.get(p.id)?.inUse ?? 0,
    reserved: use.get(p.id)?.reserved ?? 0,
  }));
  return { items, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}

/** Live leases (by the database clock) and unexpired reservations per pool. */
async function liveUse(db: DbOrTx, poolIds: string[]): Promise<Map<string, { inUse: number; reserved: number }>> {
  if (poolIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ poolId: string; inUse: number; reserved: number }[]>`
    select p.id as "poolId",
      (select count(*)::int from "SeatLease" l where l."poolId" = p.id and ${liveLeaseCondition(seatTiming())})
        as "inUse",
      (select count(*)::int from "SeatQueueEntry" q where q."poolId" = p.id and q."endedAt" is null and
        q."reservedUntil" > now()) as reserved
    from "SeatPool" p where p.id in (${Prisma.join(poolIds)})`;
  return new Map(rows.map((r) => [r.poolId, r]));
}

/** Everyone in the pool, for the members picker (a selection, bounded by MAX_POOL_MEMBERS). */
export function listPoolMembers(db: DbOrTx, poolId: string) {
  return db.user.findMany({
    where: { seatAssignment: { poolId } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, email: true },
  });
}

/** What the license and pool forms choose from: pools (for a license) and groups (a pool serves). */
export async function licenseChoices(db: DbOrTx) {
  const [pools, groups] = await Promise.all([
    db.seatPool.findMany({
      where: { deletedAt: null },
      orderBy: { name: "asc" },
      take: 500,
      select: { id: true, name: true, size: true },
    }),
    db.group.findMany({ orderBy: { name: "asc" }, take: 500, select: { id: true, name: true } }),
  ]);
  return { pools, groups };
}

export type PoolChange = { pool: { id: string; name: string }; notices: string[] };

export function createPool(db: DbOrTx, actor: AdminActor, input: PoolInput): Promise<PoolChange> {
  return inTransaction(db, async (tx) => {
    const owned = await lockEntitlement(tx);
    const people = await lockUsers(tx, input.memberIds);
    assertMembersEligible(input.memberIds, people);
    await assertGroupExists(tx, input.groupId);
    assertPoolsFit(owned, (await allocationCounts(tx)).concurrentAllocated, input.size);
    const idleTimeoutSeconds = minutesToSeconds(input.idleTimeoutMinutes);
    const pool = await withPoolName(input.name, () =>
      tx.seatPool.create({
        data: { name: input.name, size: input.size, idleTimeoutSeconds, groupId: input.groupId },
        select: { id: true, name: true },
      }),
    );
    const moved = await addMembers(
      tx,
      actor,
      owned,
      pool,
      [...new Set(input.memberIds)].map((id) => people.get(id)!),
    );
    await recordAdminAction(tx, actor, {
      action: "pool.create",
      before: null,
      poolId: pool.id,
      poolName: pool.name,
      kind: "CONCURRENT",
      after: {
        name: pool.name,
        size: input.size,
        idleTimeoutSeconds,
        groupId: input.groupId,
        memberIds: input.memberIds,
      },
    });
    return { pool, notices: movedNotice(moved) };
  });
}

export function updatePool(db: DbOrTx, actor: AdminActor, input: UpdatePoolInput): Promise<PoolChange> {
  return inTransaction(db, async (tx) => {
    const owned = await lockEntitlement(tx);
    const before = await tx.seatPool.findFirst({
      where: { id: input.poolId, deletedAt: null },
      select: { id: true, name: true, size: true, idleTimeoutSeconds: true, groupId: true },
    });
    if (!before) throw new AppError("NOT_FOUND", "That pool no longer exists. Reload the page.");
    const current = (await tx.seatAssignment.findMany({ where: { poolId: before.id }, select: { userId: true } })).map(
      (a) => a.userId,
    );
    const wanted = input.memberIds ? [...new Set(input.memberIds)] : current;
    const added = wanted.filter((id) => !current.includes(id));
    const removed = current.filter((id) => !wanted.includes(id));
    const people = await lockUsers(tx, [...added, ...removed]);
    assertMembersEligible(added, people);
    if (input.groupId !== undefined) await assertGroupExists(tx, input.groupId);
    const size = input.size ?? before.size;
    assertPoolsFit(owned, (await allocationCounts(tx)).concurrentAllocated - before.size, size);

    await lockPool(tx, before.id);
    const name = input.name ?? before.name;
    const idleTimeoutSeconds =
      input.idleTimeoutMinutes !== undefined ? minutesToSeconds(input.idleTimeoutMinutes) : before.idleTimeoutSeconds;
    const groupId = input.groupId !== undefined ? input.groupId : before.groupId;
    const pool = await withPoolName(name, () =>
      tx.seatPool.update({
        where: { id: before.id },
        data: { name, size, idleTimeoutSeconds, groupId },
        select: { id: true, name: true },
      }),
    );
    let seatsEnded = 0;
    for (const id of removed) {
      const change = await changeLicense(
        tx,
        actor,
        owned,
        people.get(id)!,
        { kind: "NONE" },
        { note: `You were removed from the pool "${pool.name}".` },
      );
      if (change.seatEnded) seatsEnded++;
    }
    const moved = await addMembers(
      tx,
      actor,
      owned,
      pool,
      added.map((id) => people.get(id)!),
    );

    const notices = [...movedNotice(moved)];
    if (seatsEnded > 0)
      notices.push(
        `${plural(seatsEnded, "removed member was", "removed members were")} holding a seat: it was ended ` +
          `and they were told why.`,
      );
    // Bring the pool up to date under its new size and timeout; a larger pool serves the line at once.
    const locked = (await lockPool(tx, pool.id))!;
    await sweepPool(tx, locked, seatTiming(), actor.requestId ?? null);
    const taken = await seatsTaken(tx, pool.id);
    if (taken.leases > size) {
      notices.push(
        `The pool now has ${plural(size, "seat")} and ${taken.leases} are in use: nobody was asked to ` +
          `leave, and no new seat is granted until fewer than ${size} are in use.`,
      );
    }
    await recordAdminAction(tx, actor, {
      action: "pool.update",
      poolId: pool.id,
      poolName: pool.name,
      kind: "CONCURRENT",
      before: {
        name: before.name,
        size: before.size,
        idleTimeoutSeconds: before.idleTimeoutSeconds,
        groupId: before.groupId,
      },
      after: { name, size, idleTimeoutSeconds, groupId },
      extra: { membersAdded: added, membersRemoved: removed },
    });
    return { pool, notices };
  });
}

/** Gives each person a place in the pool; returns how many came from another license. */
async function addMembers(
  tx: Tx,
  actor: AdminActor,
  owned: OwnedSeats,
  pool: { id: string },
  people: LockedPerson[],
): Promise<number> {
  let moved = 0;
  for (const person of people) {
    const change = await changeLicense(
      tx,
      actor,
      owned,
      person,
      { kind: "CONCURRENT", poolId: pool.id },
      { field: "memberIds" },
    );
    if (change.changed && change.before.kind !== "NONE") moved++;
  }
  return moved;
}

function movedNotice(moved: number): string[] {
  return moved > 0
    ? [
        `${plural(moved, "member", "members")} moved here from a named seat or another pool; seats they ` +
          `hold now are kept until they end.`,
      ]
    : [];
}

export type PoolDeletion = { seatsEnded: number; membersRemoved: number; message: string };

/**
 * Soft-deletes a pool (its history keeps its meaning). Seats held in it are ended only once the
 * administrator confirmed, knowing how many: the first call without `confirm` is refused with
 * `{ liveLeases }`. Members lose their license and leave its waiting line.
 */
export function deletePool(db: DbOrTx, actor: AdminActor, input: DeletePoolInput): Promise<PoolDeletion> {
  return inTransaction(db, async (tx) => {
    const owned = await lockEntitlement(tx);
    const pool = await tx.seatPool.findFirst({
      where: { id: input.poolId, deletedAt: null },
      select: { id: true, name: true, size: true, idleTimeoutSeconds: true, groupId: true },
    });
    if (!pool) throw new AppError("NOT_FOUND", "That pool no longer exists. Reload the page.");
    const members = (await tx.seatAssignment.findMany({ where: { poolId: pool.id }, select: { userId: true } })).map(
      (a) => a.userId,
    );
    const holders = (
      await tx.seatLease.findMany({ where: { poolId: pool.id, endedAt: null }, select: { userId: true } })
    ).map((l) => l.userId);
    const waiting = (
      await tx.seatQueueEntry.findMany({ where: { poolId: pool.id, endedAt: null }, select: { userId: true } })
    ).map((q) => q.userId);
    const people = await lockUsers(tx, [...members, ...holders, ...waiting]);
    const locked = (await lockPool(tx, pool.id))!;

    // Close the line first, so the seats freed below are not reserved for anyone.
    await tx.$executeRaw`update "SeatQueueEntry" set "endedAt" = now(), outcome = 'REMOVED' where "poolId" =
      ${pool.id} and "endedAt" is null`;
    await sweepPool(tx, locked, seatTiming(), actor.requestId ?? null);
    const leases = await tx.seatLease.findMany({
      where: { poolId: pool.id, endedAt: null },
      select: { id: true, userId: true },
    });
    const shownTooFew = input.liveLeasesShown !== undefined && leases.length > input.liveLeasesShown;
    if (leases.length > 0 && (!input.confirm || shownTooFew)) {
      throw new AppError(
        "CONFLICT",
        `${plural(leases.length, "agent holds", "agents hold")} a seat of "${pool.name}" right now. ` +
          `Deleting the pool ends ${leases.length === 1 ? "it" : "them"} and tells them why: confirm to go on.`,
        { liveLeases: leases.length },
      );
    }
    for (const lease of leases) {
      await releaseLeaseOfUser(tx, {
        userId: lease.userId,
        leaseId: lease.id,
        reason: "POOL_DELETED",
        note: input.reason,
        actorId: actor.actorId,
        requestId: actor.requestId ?? null,
      });
    }
    await tx.$executeRaw`update "SeatPool" set "deletedAt" = now() where id = ${pool.id}`;
    for (const id of members) {
      const person = people.get(id);
      if (person) await changeLicense(tx, actor, owned, person, { kind: "NONE" }, { note: input.reason });
    }
    await recordAdminAction(tx, actor, {
      action: "pool.delete",
      poolId: pool.id,
      poolName: pool.name,
      kind: "CONCURRENT",
      reason: input.reason,
      before: {
        name: pool.name,
        size: pool.size,
        idleTimeoutSeconds: pool.idleTimeoutSeconds,
        groupId: pool.groupId,
        memberIds: members,
      },
      after: { deleted: true },
      extra: { seatsEnded: leases.length },
    });
    const ended =
      leases.length > 0 ? ` ${plural(leases.length, "seat was", "seats were")} ended; the agents were told why.` : "";
    return {
      seatsEnded: leases.length,
      membersRemoved: members.length,
      message:
        `The pool "${pool.name}" was ` +
        `deleted; ${plural(members.length, "member no longer has", "members no longer have")} a seat ` +
        `license.${ended}`,
    };
  });
}
