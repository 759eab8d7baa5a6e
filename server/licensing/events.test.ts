import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers, createUser } from "@/test/factories";
import type { Db } from "@/server/db/client";
import { checkoutSeat } from "./checkout";
import { releaseLeaseOfUser } from "./release";
import { getSeatStatus, reportPresence } from "./status";
import { joinWaitingLine, leaveWaitingLine, requestRelease } from "./waiting-line";
import { recordSeatEvent } from "./events";

/*
 * The audit trail (licensing invariant 5): every grant, refusal, release (with its reason),
 * queue change and nudge is an event with person, pool, time and the request id that caused
 * it; the database refuses to change or remove one.
 */

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

afterEach(() => {
  vi.useRealTimers();
});

async function dbNow(): Promise<number> {
  const [{ now }] = await db.$queryRaw<[{ now: Date }]>`select clock_timestamp() as now`;
  return now.getTime();
}

describe("every seat decision is recorded with person, pool, time and request id", () => {
  it("grants, refusals, releases of every kind, the line and nudges", async () => {
    const startedAt = await dbNow();
    const pool = await createPool(db, { size: 1, idleTimeoutSeconds: 600 });
    const [ann, ben, cat, dan] = await createPoolMembers(db, pool.id, 4);
    const admin = await createUser(db, { role: "ADMIN" });
    const named = await createNamedAgent(db);

    await checkoutSeat(db, { userId: ann!.id, requestId: "r-grant" });
    await checkoutSeat(db, { userId: named.id, requestId: "r-grant-named" });
    await checkoutSeat(db, { userId: ben!.id, requestId: "r-refuse" });
    await joinWaitingLine(db, ben!.id, { requestId: "r-queue-ben" });
    await joinWaitingLine(db, cat!.id, { requestId: "r-queue-cat" });
    await requestRelease(db, dan!.id, { requestId: "r-nudge" });
    // Ann signs out: the seat is reserved for Ben; Ben lets it expire; it passes to Cat.
    await releaseLeaseOfUser(db, { userId: ann!.id, reason: "SIGN_OUT", requestId: "r-signout" });
    await db.$executeRaw`update "SeatQueueEntry" set "reservedUntil" = now() - interval '1 second' where "userId"
      = ${ben!.id} and "endedAt" is null`;
    await getSeatStatus(db, dan!.id, { requestId: "r-sweep" });
    await checkoutSeat(db, { userId: cat!.id, requestId: "r-claim" });
    // Cat goes idle; Dan's checkout ends her lease and he gets the seat.
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '601 seconds' where "userId"
      = ${cat!.id} and "endedAt" is null`;
    await checkoutSeat(db, { userId: dan!.id, requestId: "r-idle" });
    await releaseLeaseOfUser(db, {
      userId: dan!.id,
      reason: "ADMIN",
      actorId: admin.id,
      note: "audit",
      requestId: "r-admin",
    });
    // Ben waits again (the seat is free: reserved for him) and leaves; the named agent's tabs close and his heartbeat
    // ends the lease.
    await joinWaitingLine(db, ben!.id, { requestId: "r-queue-again" });
    await leaveWaitingLine(db, ben!.id, { requestId: "r-leave" });
    await db.$executeRaw`update "SeatLease" set "lastPresenceAt" = now() - interval '1 hour' where "userId" =
      ${named.id} and "endedAt" is null`;
    await reportPresence(db, { userId: named.id, active: true, requestId: "r-closed" });

    const expected = [
      { requestId: "r-grant", type: "GRANTED", userId: ann!.id, poolId: pool.id, reason: "seat free" },
      { requestId: "r-grant-named", type: "GRANTED", userId: named.id, poolId: null, kind: "NAMED" },
      { requestId: "r-refuse", type: "REFUSED", userId: ben!.id, poolId: pool.id, reason: "1 of 1 seats in use" },
      { requestId: "r-queue-ben", type: "QUEUED", userId: ben!.id, poolId: pool.id },
      { requestId: "r-queue-cat", type: "QUEUED", userId: cat!.id, poolId: pool.id },
      { requestId: "r-nudge", type: "NUDGE", userId: dan!.id, poolId: pool.id },
      { requestId: "r-signout", type: "RELEASED", userId: ann!.id, poolId: pool.id, reason: "SIGN_OUT" },
      { requestId: "r-signout", type: "RESERVED", userId: ben!.id, poolId: pool.id },
      { requestId: "r-sweep", type: "RESERVATION_EXPIRED", userId: ben!.id, poolId: pool.id },
      { requestId: "r-sweep", type: "RESERVED", userId: cat!.id, poolId: pool.id },
      { requestId: "r-claim", type: "GRANTED", userId: cat!.id, poolId: pool.id, reason: "reservation claimed" },
      { requestId: "r-idle", type: "RELEASED", userId: cat!.id, poolId: pool.id, reason: "IDLE" },
      { requestId: "r-idle", type: "GRANTED", userId: dan!.id, poolId: pool.id },
      { requestId: "r-admin", type: "RELEASED", userId: dan!.id, poolId: pool.id, reason: "ADMIN", actorId: admin.id },
      { requestId: "r-queue-again", type: "QUEUED", userId: ben!.id, poolId: pool.id },
      { requestId: "r-queue-again", type: "RESERVED", userId: ben!.id, poolId: pool.id }, // the seat was free
      { requestId: "r-leave", type: "LEFT_QUEUE", userId: ben!.id, poolId: pool.id },
      { requestId: "r-closed", type: "RELEASED", userId: named.id, poolId: null, kind: "NAMED", reason: "CLOSED" },
    ];
    const endedAt = await dbNow();
    const people = [ann!, ben!, cat!, dan!, named];
    const events = await db.seatEvent.findMany({
      where: { userId: { in: people.map((p) => p.id) } },
      orderBy: { id: "asc" },
    });

    for (const e of expected) {
      const found = events.filter((ev) => ev.requestId === e.requestId && ev.type === e.type && ev.userId === e.userId);
      expect(found, `${e.type} of ${e.requestId}`).toHaveLength(1);
      expect(found[0]).toMatchObject(e);
    }
    // Nothing recorded that was not expected, and every event is complete.
    expect(events).toHaveLength(expected.length);
    for (const ev of events) {
      const person = people.find((p) => p.id === ev.userId)!;
      expect(ev.userName).toBe(person.name);
      if (ev.poolId) expect(ev.poolName).toBe(pool.name);
      expect(ev.kind).toBe(ev.userId === named.id ? "NAMED" : "CONCURRENT");
      expect(ev.requestId).toMatch(/^r-/);
      // Dated by the database clock within the scenario (the idle release at the moment it elapsed).
      const earliest =
        ev.reason === "IDLE" || ev.reason === "CLOSED" || ev.type === "RESERVATION_EXPIRED"
          ? startedAt - 3_600_000
          : startedAt;
      expect(ev.at.getTime()).toBeGreaterThanOrEqual(earliest - 1);
      expect(ev.at.getTime()).toBeLessThanOrEqual(endedAt + 1);
    }
  });

  it("dates events by the database clock, whatever the clock of the app instance", async () => {
    const pool = await createPool(db, { size: 1 });
    const [first, second] = await createPoolMembers(db, pool.id, 2);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() + 3_600_000)); // an instance an hour fast
    await checkoutSeat(db, { userId: first!.id, requestId: "skew-grant" });
    await checkoutSeat(db, { userId: second!.id, requestId: "skew-refuse" });
    await joinWaitingLine(db, second!.id, { requestId: "skew-queue" });
    await requestRelease(db, second!.id, { requestId: "skew-nudge" });
    await releaseLeaseOfUser(db, { userId: first!.id, reason: "SIGN_OUT", requestId: "skew-release" });
    vi.useRealTimers();

    const now = await dbNow();
    const events = await db.seatEvent.findMany({ where: { requestId: { startsWith: "skew-" } } });
    expect(events.map((e) => e.type).sort()).toEqual(["GRANTED", "NUDGE", "QUEUED", "REFUSED", "RELEASED", "RESERVED"]);
    for (const e of events) {
      expect(Math.abs(now - e.at.getTime()), `${e.type} at ${e.at.toISOString()}`).toBeLessThan(60_000);
      expect(Math.abs(now - e.recordedAt.getTime())).toBeLessThan(60_000);
    }
  });

  it("keeps the time given for an event that happened earlier", async () => {
    const at = new Date("2030-01-01T08:00:00.123Z");
    await recordSeatEvent(db, { type: "ADMIN_ACTION", reason: "dated", requestId: "dated-1", at, details: { n: 1 } });
    expect(await db.seatEvent.findFirstOrThrow({ where: { requestId: "dated-1" } })).toMatchObject({
      at,
      details: { n: 1 },
      reason: "dated",
    });
  });
});

describe("events are append-only, enforced by the database", () => {
  it("refuses UPDATE", async () => {
    await recordSeatEvent(db, { type: "ADMIN_ACTION", reason: "keep me", requestId: "immutable-1" });
    await expect(
      db.$executeRaw`update "SeatEvent" set reason = 'changed' where "requestId" = 'immutable-1'`,
    ).rejects.toThrow(/SeatEvent is append-only: UPDATE is not allowed/);
    await expect(
      db.seatEvent.updateMany({ where: { requestId: "immutable-1" }, data: { reason: "changed" } }),
    ).rejects.toThrow(/append-only/);
    expect(await db.seatEvent.findFirstOrThrow({ where: { requestId: "immutable-1" } })).toMatchObject({
      reason: "keep me",
    });
  });

  it("refuses DELETE", async () => {
    await recordSeatEvent(db, { type: "ADMIN_ACTION", reason: "keep me", requestId: "immutable-2" });
    await expect(db.$executeRaw`delete from "SeatEvent" where "requestId" = 'immutable-2'`).rejects.toThrow(
      /SeatEvent is append-only: DELETE is not allowed/,
    );
    await expect(db.seatEvent.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await db.seatEvent.count({ where: { requestId: "immutable-2" } })).toBe(1);
  });

  it("refuses TRUNCATE, which row triggers do not see", async () => {
    await recordSeatEvent(db, { type: "ADMIN_ACTION", reason: "keep me", requestId: "immutable-3" });
    await expect(db.$executeRaw`truncate "SeatEvent"`).rejects.toThrow(
      /SeatEvent is append-only: TRUNCATE is not allowed/,
    );
    expect(await db.seatEvent.count({ where: { requestId: "immutable-3" } })).toBe(1);
  });
});
