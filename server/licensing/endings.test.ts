import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers, createUser, signIn } from "@/test/factories";
import type { Db } from "@/server/db/client";
import { onSignOut } from "@/server/auth/sign-out";
import { checkoutSeat } from "./checkout";
import { releaseLeaseOfUser } from "./release";
import { sweepAll } from "./sweep-job";
import { getSeatStatus, reportPresence } from "./status";
import { seatTiming } from "./timing";

/*
 * How a lease ends (../../shared/licensing.md, "A lease is live until it is released"): idle
 * timeout, closed tabs, an administrator, sign-out; what a heartbeat may and may not do; and a
 * pool resized below its use. Timeouts are simulated by moving timestamps back in the database.
 */

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

const grace = seatTiming().presenceGraceSeconds;

async function holding(size: number, options: { idleTimeoutSeconds?: number; holders?: number } = {}) {
  const pool = await createPool(db, { size, idleTimeoutSeconds: options.idleTimeoutSeconds });
  const holders = await createPoolMembers(db, pool.id, options.holders ?? size);
  for (const h of holders) expect((await checkoutSeat(db, { userId: h.id })).status).toBe("granted");
  return { pool, holders };
}

async function leaseOf(userId: string) {
  return db.seatLease.findFirstOrThrow({ where: { userId }, orderBy: { id: "desc" } });
}

async function dbNow(): Promise<Date> {
  const [{ now }] = await db.$queryRaw<[{ now: Date }]>`select now() as now`;
  return now;
}

async function releasedEvent(leaseId: bigint) {
  return db.seatEvent.findFirstOrThrow({ where: { type: "RELEASED", leaseId } });
}

describe("the idle timeout", () => {
  it("ends a lease at the moment the timeout elapsed, when the sweeper runs", async () => {
    const { holders } = await holding(2, { idleTimeoutSeconds: 600 });
    const [idle, busy] = holders;
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '700 seconds' where "userId"
      = ${idle!.id} and "endedAt" is null`;
    const before = await leaseOf(idle!.id);

    await sweepAll(db);
    const ended = await leaseOf(idle!.id);
    expect(ended.endReason).toBe("IDLE");
    expect(ended.endedAt!.getTime()).toBe(before.lastActivityAt.getTime() + 600_000);
    const event = await releasedEvent(ended.id);
    expect(event).toMatchObject({ userId: idle!.id, reason: "IDLE", poolId: ended.poolId });
    // Dated when the timeout elapsed (100 s ago), not when the sweeper noticed.
    expect(event.at.getTime()).toBe(ended.endedAt!.getTime());
    expect((await dbNow()).getTime() - event.at.getTime()).toBeGreaterThanOrEqual(100_000);
    expect((await leaseOf(busy!.id)).endedAt).toBeNull();
  });

  it("ends a lease at the next checkout of anyone in the pool, with that checkout's request id", async () => {
    const { pool, holders } = await holding(1, { idleTimeoutSeconds: 600 });
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '601 seconds' where "userId"
      = ${holders[0]!.id} and "endedAt" is null`;
    const before = await leaseOf(holders[0]!.id);
    const [newcomer] = await createPoolMembers(db, pool.id, 1);

    expect((await checkoutSeat(db, { userId: newcomer!.id, requestId: "newcomer" })).status).toBe("granted");
    const ended = await leaseOf(holders[0]!.id);
    expect(ended).toMatchObject({ endReason: "IDLE" });
    expect(ended.endedAt!.getTime()).toBe(before.lastActivityAt.getTime() + 600_000);
    expect(await releasedEvent(ended.id)).toMatchObject({ at: ended.endedAt, requestId: "newcomer", reason: "IDLE" });
    // The seat it freed was granted after it was freed.
    expect((await leaseOf(newcomer!.id)).grantedAt.getTime()).toBeGreaterThanOrEqual(ended.endedAt!.getTime());
  });

  it("ends the person's own lease at their next checkout, which grants a fresh one", async () => {
    const { holders } = await holding(1, { idleTimeoutSeconds: 600 });
    const old = await leaseOf(holders[0]!.id);
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '900 seconds' where id = ${old.id}`;
    const result = await checkoutSeat(db, { userId: holders[0]!.id });
    expect(result).toMatchObject({ status: "granted", reused: false });
    expect(await db.seatLease.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({ endReason: "IDLE" });
  });

  it("ends an idle named lease by the named-seat timeout of the entitlement", async () => {
    await db.entitlement.upsert({
      where: { id: 1 },
      create: { id: 1, namedIdleTimeoutSeconds: 1200 },
      update: { namedIdleTimeoutSeconds: 1200 },
    });
    const agent = await createNamedAgent(db);
    await checkoutSeat(db, { userId: agent.id });
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '1201 seconds' where "userId"
      = ${agent.id}`;
    const before = await leaseOf(agent.id);
    await sweepAll(db);
    const ended = await leaseOf(agent.id);
    expect(ended.endReason).toBe("IDLE");
    expect(ended.endedAt!.getTime()).toBe(before.lastActivityAt.getTime() + 1_200_000);
    expect((await releasedEvent(ended.id)).at).toEqual(ended.endedAt);
  });
});

describe("closed tabs (presence grace)", () => {
  it("ends a lease whose tabs have all been closed longer than the grace, dated when the grace ran out", async () => {
    const { holders } = await holding(1);
    await db.$executeRaw`update "SeatLease" set "lastPresenceAt" = now() - make_interval(secs => ${grace + 30})
      where "userId" = ${holders[0]!.id}`;
    const before = await leaseOf(holders[0]!.id);
    await sweepAll(db);
    const ended = await leaseOf(holders[0]!.id);
    expect(ended.endReason).toBe("CLOSED");
    expect(ended.endedAt!.getTime()).toBe(before.lastPresenceAt.getTime() + grace * 1000);
    expect(await releasedEvent(ended.id)).toMatchObject({ reason: "CLOSED", at: ended.endedAt });
  });

  it("keeps a lease whose tabs went quiet for less than the grace", async () => {
    const { holders } = await holding(1);
    await db.$executeRaw`update "SeatLease" set "lastPresenceAt" = now() - make_interval(secs => ${grace - 30})
      where "userId" = ${holders[0]!.id}`;
    await sweepAll(db);
    expect((await leaseOf(holders[0]!.id)).endedAt).toBeNull();
  });
});

describe("ending on purpose", () => {
  it("an administrator's ending records who, why, and the agent's status explains it", async () => {
    const { holders } = await holding(2);
    const admin = await createUser(db, { role: "ADMIN" });
    const agent = holders[0]!;
    const lease = await leaseOf(agent.id);

    const result = await releaseLeaseOfUser(db, {
      userId: agent.id,
      reason: "ADMIN",
      note: "needed for the night shift",
      actorId: admin.id,
      requestId: "admin-end",
    });
    expect(result).toEqual({ released: true, leaseId: lease.id });
    expect(await leaseOf(agent.id)).toMatchObject({
      endReason: "ADMIN",
      endNote: "needed for the night shift",
      endedById: admin.id,
    });
    const event = await releasedEvent(lease.id);
    expect(event).toMatchObject({
      userId: agent.id,
      actorId: admin.id,
      reason: "ADMIN",
      requestId: "admin-end",
      details: { note: "needed for the night shift" },
    });

    const status = await getSeatStatus(db, agent.id);
    expect(status.lease).toBeNull();
    expect(status.lastEnd).toMatchObject({ reason: "ADMIN" });
    expect(status.lastEnd!.message).toContain("An administrator ended your seat");
    expect(status.lastEnd!.message).toContain("needed for the night shift");
  });

  it("ending a lease that is already gone releases nothing and records nothing", async () => {
    const { holders } = await holding(1);
    const lease = await leaseOf(holders[0]!.id);
    await releaseLeaseOfUser(db, { userId: holders[0]!.id, reason: "SIGN_OUT" });
    // An administrator acting on a board that still showed it.
    expect(await releaseLeaseOfUser(db, { userId: holders[0]!.id, reason: "ADMIN", leaseId: lease.id })).toEqual({
      released: false,
      leaseId: null,
    });
    expect(await db.seatEvent.count({ where: { type: "RELEASED", leaseId: lease.id } })).toBe(1);
  });

  it("signing out ends the session and frees the seat at once", async () => {
    const { pool, holders } = await holding(1);
    const session = await signIn(db, holders[0]!.id);
    const lease = await leaseOf(holders[0]!.id);
    await onSignOut(db, { sessionId: session.sessionId, userId: holders[0]!.id, requestId: "bye" });
    expect(await leaseOf(holders[0]!.id)).toMatchObject({ id: lease.id, endReason: "SIGN_OUT" });
    expect(await releasedEvent(lease.id)).toMatchObject({ reason: "SIGN_OUT", requestId: "bye" });
    expect((await db.authSession.findUniqueOrThrow({ where: { id: session.sessionId } })).endedAt).not.toBeNull();
    const [next] = await createPoolMembers(db, pool.id, 1);
    expect((await checkoutSeat(db, { userId: next!.id })).status).toBe("granted");
  });
});

describe("the heartbeat", () => {
  it("without activity keeps the tab present but does not reset idleness", async () => {
    const { holders } = await holding(1, { idleTimeoutSeconds: 600 });
    const id = holders[0]!.id;
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '300 seconds',
      "lastPresenceAt" = now() - interval '60 seconds' where "userId" = ${id}`;
    const before = await leaseOf(id);

    const status = await reportPresence(db, { userId: id, active: false });
    const after = await leaseOf(id);
    expect(after.lastActivityAt).toEqual(before.lastActivityAt);
    expect(after.lastPresenceAt.getTime()).toBeGreaterThan(before.lastPresenceAt.getTime() + 50_000);
    // The console counts down to the idle release from the untouched activity time.
    expect(status.lease?.idleReleaseAt.getTime()).toBe(before.lastActivityAt.getTime() + 600_000);
  });

  it("with activity resets idleness", async () => {
    const { holders } = await holding(1, { idleTimeoutSeconds: 600 });
    const id = holders[0]!.id;
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '300 seconds' where "userId"
      = ${id}`;
    const before = await leaseOf(id);
    await reportPresence(db, { userId: id, active: true });
    const after = await leaseOf(id);
    expect(after.lastActivityAt.getTime()).toBeGreaterThan(before.lastActivityAt.getTime() + 250_000);
    expect(after.endedAt).toBeNull();
  });

  it("does not revive a lease whose idle timeout elapsed before the sweeper noticed", async () => {
    const { holders } = await holding(1, { idleTimeoutSeconds: 600 });
    const id = holders[0]!.id;
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '601 seconds' where "userId"
      = ${id}`;
    const before = await leaseOf(id);

    const status = await reportPresence(db, { userId: id, active: true });
    const after = await leaseOf(id);
    expect(after).toMatchObject({ id: before.id, endReason: "IDLE", lastActivityAt: before.lastActivityAt });
    expect(after.endedAt!.getTime()).toBe(before.lastActivityAt.getTime() + 600_000);
    expect(status.lease).toBeNull();
    expect(status.lastEnd?.reason).toBe("IDLE");
    expect(await db.seatLease.count({ where: { userId: id, endedAt: null } })).toBe(0);
  });

  it("does not revive a lease whose tabs were closed longer than the grace", async () => {
    const { holders } = await holding(1);
    const id = holders[0]!.id;
    await db.$executeRaw`update "SeatLease" set "lastPresenceAt" = now() - make_interval(secs => ${grace + 1})
      where "userId" = ${id}`;
    await reportPresence(db, { userId: id, active: true });
    expect(await leaseOf(id)).toMatchObject({ endReason: "CLOSED" });
  });
});

describe("resizing a pool below its use", () => {
  it("kicks nobody, and grants nothing new until use is below the new size", async () => {
    const { pool, holders } = await holding(4);
    await db.seatPool.update({ where: { id: pool.id }, data: { size: 2 } });
    const [newcomer] = await createPoolMembers(db, pool.id, 1);
    const open = () => db.seatLease.count({ where: { poolId: pool.id, endedAt: null } });

    await sweepAll(db);
    expect(await open()).toBe(4);
    expect(await checkoutSeat(db, { userId: newcomer!.id })).toMatchObject({
      status: "refused",
      pool: { inUse: 4, size: 2 },
    });
    // Each holder's next checkout keeps their seat: the resize ends nobody.
    for (const h of holders)
      expect(await checkoutSeat(db, { userId: h.id })).toMatchObject({ status: "granted", reused: true });

    await releaseLeaseOfUser(db, { userId: holders[0]!.id, reason: "SIGN_OUT" });
    expect(await checkoutSeat(db, { userId: newcomer!.id })).toMatchObject({
      status: "refused",
      pool: { inUse: 3, size: 2 },
    });
    await releaseLeaseOfUser(db, { userId: holders[1]!.id, reason: "SIGN_OUT" });
    expect(await checkoutSeat(db, { userId: newcomer!.id })).toMatchObject({
      status: "refused",
      pool: { inUse: 2, size: 2 },
    });
    await releaseLeaseOfUser(db, { userId: holders[2]!.id, reason: "SIGN_OUT" });
    expect(await checkoutSeat(db, { userId: newcomer!.id })).toMatchObject({ status: "granted", reused: false });
    expect(await open()).toBe(2);
    // The one who left cannot come back while the pool is at its new size.
    expect(await checkoutSeat(db, { userId: holders[0]!.id })).toMatchObject({
      status: "refused",
      pool: { inUse: 2, size: 2 },
    });
  });
});
