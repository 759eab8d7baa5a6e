import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createPool, createPoolMembers } from "@/test/factories";
import type { Db } from "@/server/db/client";
import { checkoutSeat } from "./checkout";
import { releaseLeaseOfUser } from "./release";
import { sweepAll } from "./sweep-job";
import { getSeatStatus, reportPresence } from "./status";
import { joinWaitingLine, leaveWaitingLine, NUDGE_COOLDOWN_SECONDS, requestRelease } from "./waiting-line";
import { seatTiming } from "./timing";

/*
 * The waiting line (../../shared/licensing.md): first come, first served; a freed seat is
 * reserved for the first in line for a short time and passes on when unused; refused agents
 * can nudge the holders.
 */

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

afterEach(() => {
  vi.useRealTimers();
});

const grace = seatTiming().presenceGraceSeconds;

/** A full pool of one seat held by `holder`, and agents X, Y (in line, in that order) and Z (not). */
async function lineOfTwo() {
  const pool = await createPool(db, { size: 1 });
  const [holder, x, y, z] = await createPoolMembers(db, pool.id, 4);
  expect((await checkoutSeat(db, { userId: holder!.id })).status).toBe("granted");
  expect((await checkoutSeat(db, { userId: x!.id })).status).toBe("refused");
  expect(await joinWaitingLine(db, x!.id, { requestId: "x-joins" })).toEqual({ position: 1 });
  expect(await joinWaitingLine(db, y!.id)).toEqual({ position: 2 });
  return { pool, holder: holder!, x: x!, y: y!, z: z! };
}

async function entryOf(userId: string) {
  return db.seatQueueEntry.findFirstOrThrow({ where: { userId }, orderBy: { id: "desc" } });
}

/** Runs `fn` as an app instance whose clock is `offsetSeconds` off the database's. */
async function onSkewedInstance<T>(offsetSeconds: number, fn: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(Date.now() + offsetSeconds * 1000));
  try {
    return await fn();
  } finally {
    vi.useRealTimers();
  }
}

describe("first come, first served", () => {
  it("reserves a freed seat for the first in line, not the second nor a newcomer, until they claim it", async () => {
    const { pool, holder, x, y, z } = await lineOfTwo();
    await releaseLeaseOfUser(db, { userId: holder.id, reason: "SIGN_OUT", requestId: "holder-leaves" });

    const xEntry = await entryOf(x.id);
    expect(xEntry.reservedUntil).not.toBeNull();
    expect((await entryOf(y.id)).reservedUntil).toBeNull();
    expect(await db.seatEvent.findFirstOrThrow({ where: { type: "RESERVED", userId: x.id } })).toMatchObject({
      poolId: pool.id,
      requestId: "holder-leaves",
    });
    // X's console is told at once.
    expect((await getSeatStatus(db, x.id)).queue).toMatchObject({ position: 1, reservedUntil: xEntry.reservedUntil });

    expect(await checkoutSeat(db, { userId: z.id })).toMatchObject({
      status: "refused",
      pool: { inUse: 0, reserved: 1, size: 1 },
      queuePosition: null,
    });
    expect(await checkoutSeat(db, { userId: y.id })).toMatchObject({ status: "refused", queuePosition: 2 });
    expect(await checkoutSeat(db, { userId: x.id, requestId: "x-claims" })).toMatchObject({
      status: "granted",
      reused: false,
    });
    expect(await entryOf(x.id)).toMatchObject({ outcome: "GRANTED" });
    expect(await db.seatEvent.findFirstOrThrow({ where: { requestId: "x-claims" } })).toMatchObject({
      type: "GRANTED",
      reason: "reservation claimed",
    });
    expect(await db.seatLease.count({ where: { poolId: pool.id, endedAt: null } })).toBe(1);
    // Y moved up.
    expect(await checkoutSeat(db, { userId: y.id })).toMatchObject({ status: "refused", queuePosition: 1 });
  });

  it("keeps the order of joining even when an app instance's clock runs ahead", async () => {
    const pool = await createPool(db, { size: 1 });
    const [holder, x, y] = await createPoolMembers(db, pool.id, 3);
    await checkoutSeat(db, { userId: holder!.id });
    // X joins first through an instance 5 minutes fast, Y after through one on time.
    await onSkewedInstance(300, () => joinWaitingLine(db, x!.id));
    expect(await joinWaitingLine(db, y!.id)).toEqual({ position: 2 });
    await releaseLeaseOfUser(db, { userId: holder!.id, reason: "SIGN_OUT" });
    expect((await entryOf(x!.id)).reservedUntil).not.toBeNull();
    expect((await entryOf(y!.id)).reservedUntil).toBeNull();
  });

  it("reserves at once when someone joins while a seat is free", async () => {
    const pool = await createPool(db, { size: 2 });
    const [holder, x] = await createPoolMembers(db, pool.id, 2);
    await checkoutSeat(db, { userId: holder!.id });
    expect(await joinWaitingLine(db, x!.id)).toEqual({ position: 1 });
    expect((await entryOf(x!.id)).reservedUntil).not.toBeNull();
  });

  it("refuses to put someone who holds a seat in line", async () => {
    const pool = await createPool(db, { size: 1 });
    const [holder] = await createPoolMembers(db, pool.id, 1);
    await checkoutSeat(db, { userId: holder!.id });
    await expect(joinWaitingLine(db, holder!.id)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("joining twice keeps one place and records one QUEUED event", async () => {
    const { x } = await lineOfTwo();
    expect(await joinWaitingLine(db, x.id)).toEqual({ position: 1 });
    expect(await db.seatQueueEntry.count({ where: { userId: x.id } })).toBe(1);
    expect(await db.seatEvent.count({ where: { userId: x.id, type: "QUEUED" } })).toBe(1);
  });
});

describe("the line and the rest of the rules", () => {
  it("a reservation made before the pool shrank grants nothing beyond the new size", async () => {
    const pool = await createPool(db, { size: 2 });
    const [a, b, x] = await createPoolMembers(db, pool.id, 3);
    for (const h of [a!, b!]) await checkoutSeat(db, { userId: h.id });
    await joinWaitingLine(db, x!.id);
    await releaseLeaseOfUser(db, { userId: b!.id, reason: "SIGN_OUT" });
    expect((await entryOf(x!.id)).reservedUntil).not.toBeNull();

    await db.seatPool.update({ where: { id: pool.id }, data: { size: 1 } });
    expect(await checkoutSeat(db, { userId: x!.id })).toMatchObject({
      status: "refused",
      pool: { inUse: 1, size: 1 },
      queuePosition: 1,
    });
    expect(await db.seatLease.count({ where: { poolId: pool.id, endedAt: null } })).toBe(1);
    // Once use is below the new size, the reservation is good again.
    await releaseLeaseOfUser(db, { userId: a!.id, reason: "SIGN_OUT" });
    expect(await checkoutSeat(db, { userId: x!.id })).toMatchObject({ status: "granted" });
  });

  it("an agent whose seat timed out (not yet swept) may join the line", async () => {
    const pool = await createPool(db, { size: 1, idleTimeoutSeconds: 600 });
    const [holder, x] = await createPoolMembers(db, pool.id, 2);
    await checkoutSeat(db, { userId: x!.id });
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '601 seconds' where "userId"
      = ${x!.id}`;
    await checkoutSeat(db, { userId: holder!.id }); // sweeps X's lease and takes the seat
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '601 seconds' where "userId"
      = ${holder!.id} and "endedAt" is null`;
    // The holder's own seat has now timed out too, unswept: joining ends it and queues them.
    await expect(joinWaitingLine(db, holder!.id)).resolves.toEqual({ position: 1 });
    expect(await db.seatLease.count({ where: { userId: holder!.id, endedAt: null } })).toBe(0);
  });

  it(
    "an administrator ending a seat that already ended (a stale board) leaves the person's place in line " + "alone",
    async () => {
      const { holder, x } = await lineOfTwo();
      const old = await db.seatLease.findFirstOrThrow({ where: { userId: holder.id } });
      await releaseLeaseOfUser(db, { userId: holder.id, reason: "SIGN_OUT" });
      await checkoutSeat(db, { userId: x.id });
      await joinWaitingLine(db, holder.id);
      expect(await releaseLeaseOfUser(db, { userId: holder.id, reason: "ADMIN", leaseId: old.id })).toEqual({
        released: false,
        leaseId: null,
      });
      expect((await entryOf(holder.id)).endedAt).toBeNull();
    },
  );
});

describe("a reservation not used passes on", () => {
  it("when it expires, to the next in line, recorded as RESERVATION_EXPIRED at the moment it expired", async () => {
    const { holder, x, y } = await lineOfTwo();
    await releaseLeaseOfUser(db, { userId: holder.id, reason: "SIGN_OUT" });
    await db.$executeRaw`update "SeatQueueEntry" set "reservedUntil" = now() - interval '5 seconds' where
      "userId" = ${x.id} and "endedAt" is null`;
    const expiredAt = (await entryOf(x.id)).reservedUntil!;

    await sweepAll(db);
    expect(await entryOf(x.id)).toMatchObject({ outcome: "RESERVATION_EXPIRED", endedAt: expiredAt });
    expect(await db.seatEvent.findFirstOrThrow({ where: { type: "RESERVATION_EXPIRED", userId: x.id } })).toMatchObject(
      { at: expiredAt, reason: "not claimed in time" },
    );
    expect((await entryOf(y.id)).reservedUntil).not.toBeNull();
    // X lost the place: refused, and no longer in line.
    expect(await checkoutSeat(db, { userId: x.id })).toMatchObject({ status: "refused", queuePosition: null });
    expect(await checkoutSeat(db, { userId: y.id })).toMatchObject({ status: "granted" });
  });

  it("when the one holding it leaves the line", async () => {
    const { holder, x, y } = await lineOfTwo();
    await releaseLeaseOfUser(db, { userId: holder.id, reason: "SIGN_OUT" });
    expect(await leaveWaitingLine(db, x.id, { requestId: "x-leaves" })).toEqual({ left: true });
    expect(await entryOf(x.id)).toMatchObject({ outcome: "LEFT" });
    expect(await db.seatEvent.findFirstOrThrow({ where: { requestId: "x-leaves", type: "LEFT_QUEUE" } })).toMatchObject(
      { userId: x.id },
    );
    expect((await entryOf(y.id)).reservedUntil).not.toBeNull();
    expect(await leaveWaitingLine(db, x.id)).toEqual({ left: false });
  });

  it("when the one holding it signs out or is disabled: recorded, and passed on at once", async () => {
    const { pool, holder, x, y } = await lineOfTwo();
    await releaseLeaseOfUser(db, { userId: holder.id, reason: "SIGN_OUT" });
    expect((await entryOf(x.id)).reservedUntil).not.toBeNull();

    await releaseLeaseOfUser(db, { userId: x.id, reason: "ACCOUNT_DISABLED", requestId: "x-disabled" });
    expect(await entryOf(x.id)).toMatchObject({ outcome: "REMOVED" });
    expect(
      await db.seatEvent.findFirstOrThrow({ where: { requestId: "x-disabled", type: "LEFT_QUEUE" } }),
    ).toMatchObject({ userId: x.id, poolId: pool.id, reason: "ACCOUNT_DISABLED" });
    expect((await entryOf(y.id)).reservedUntil).not.toBeNull();
  });
});

describe("presence in line", () => {
  it("someone whose tabs are all closed leaves the line, and the next one gets the seat", async () => {
    const { holder, x, y } = await lineOfTwo();
    await db.$executeRaw`update "SeatQueueEntry" set "lastPresenceAt" = now() - make_interval(secs =>
      ${grace + 1}) where "userId" = ${x.id} and "endedAt" is null`;
    await sweepAll(db);
    expect(await entryOf(x.id)).toMatchObject({ outcome: "LEFT" });
    expect(await db.seatEvent.findFirstOrThrow({ where: { type: "LEFT_QUEUE", userId: x.id } })).toMatchObject({
      reason: "CLOSED",
    });

    await releaseLeaseOfUser(db, { userId: holder.id, reason: "SIGN_OUT" });
    expect((await entryOf(y.id)).reservedUntil).not.toBeNull();
  });

  it("a heartbeat keeps the place, even from an app instance whose clock is slow", async () => {
    const { x } = await lineOfTwo();
    await db.$executeRaw`update "SeatQueueEntry" set "lastPresenceAt" = now() - make_interval(secs =>
      ${grace - 10}) where "userId" = ${x.id} and "endedAt" is null`;
    await onSkewedInstance(-10 * 60, () => reportPresence(db, { userId: x.id, active: false }));
    await sweepAll(db);
    expect((await entryOf(x.id)).endedAt).toBeNull();
  });
});

describe("request release (nudge)", () => {
  it("shows the holders who asked, and is rate limited", async () => {
    const { pool, holder, z } = await lineOfTwo();
    expect(await requestRelease(db, z.id, { requestId: "nudge-1" })).toEqual({
      sent: true,
      retryInSeconds: NUDGE_COOLDOWN_SECONDS,
    });
    expect(await db.seatEvent.findFirstOrThrow({ where: { requestId: "nudge-1" } })).toMatchObject({
      type: "NUDGE",
      userId: z.id,
      poolId: pool.id,
    });

    const status = await getSeatStatus(db, holder.id);
    expect(status.nudges).toEqual([expect.objectContaining({ fromName: z.name })]);

    const again = await requestRelease(db, z.id);
    expect(again.sent).toBe(false);
    expect(again.retryInSeconds).toBeGreaterThan(0);
    expect(again.retryInSeconds).toBeLessThanOrEqual(NUDGE_COOLDOWN_SECONDS);
    expect(await db.seatEvent.count({ where: { type: "NUDGE", userId: z.id } })).toBe(1);
  });

  it("is shown and rate limited even when sent through an app instance whose clock is slow", async () => {
    const { holder, z } = await lineOfTwo();
    expect((await onSkewedInstance(-15 * 60, () => requestRelease(db, z.id))).sent).toBe(true);
    expect((await getSeatStatus(db, holder.id)).nudges.map((n) => n.fromName)).toEqual([z.name]);
    expect((await requestRelease(db, z.id)).sent).toBe(false);
  });

  it("is not shown to a holder whose seat was granted after it", async () => {
    const pool = await createPool(db, { size: 1 });
    const [asker, later] = await createPoolMembers(db, pool.id, 2);
    await requestRelease(db, asker!.id);
    await checkoutSeat(db, { userId: later!.id });
    expect((await getSeatStatus(db, later!.id)).nudges).toEqual([]);
  });
});
