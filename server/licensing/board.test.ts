import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers, createUser } from "@/test/factories";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { checkoutSeat } from "./checkout";
import { joinWaitingLine } from "./waiting-line";
import { getSeatStatus } from "./status";
import { adminEndLease, getSeatBoard } from "./board";

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

async function grant(userId: string) {
  const result = await checkoutSeat(db, { userId });
  if (result.status !== "granted") throw new Error(`expected a seat, got ${result.status}`);
  return result.leaseId;
}

async function expectAppError(promise: Promise<unknown>, code: string, message: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(message);
  return error as AppError;
}

describe("getSeatBoard", () => {
  it(
    "shows each pool's holders with idle seconds from the database clock, the line in order, and named " + "seats",
    async () => {
      const pool = await createPool(db, { size: 2, name: `Board A ${Date.now()}` });
      const [a, b, c, d] = await createPoolMembers(db, pool.id, 4);
      const leaseA = await grant(a!.id);
      const leaseB = await grant(b!.id);
      // a has been idle 10 minutes by the database clock.
      await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '600 seconds' where id =
        ${leaseA}`;
      expect((await checkoutSeat(db, { userId: c!.id })).status).toBe("refused");
      await joinWaitingLine(db, c!.id);
      await joinWaitingLine(db, d!.id);
      // The line is ordered by when each joined (d joined earlier here), not by row order.
      await db.$executeRaw`update "SeatQueueEntry" set "enqueuedAt" = now() - interval '2 minutes' where "userId" =
      ${d!.id}`;

      const named = await createNamedAgent(db);
      const namedIdle = await createNamedAgent(db);
      await grant(named.id);
      const deleted = await createPool(db, { size: 1 });
      await db.seatPool.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });

      const board = await getSeatBoard(db);
      expect(board.pools.some((p) => p.id === deleted.id)).toBe(false);
      const row = board.pools.find((p) => p.id === pool.id)!;
      expect(row).toMatchObject({ name: pool.name, size: 2, inUse: 2, reserved: 0 });
      expect(row.holders.map((h) => [h.name, h.email, h.leaseId])).toEqual([
        [a!.name, a!.email, leaseA.toString()],
        [b!.name, b!.email, leaseB.toString()],
      ]);
      const idleA = row.holders[0]!.idleSeconds;
      expect(idleA).toBeGreaterThanOrEqual(600);
      expect(idleA).toBeLessThan(630);
      expect(row.holders[1]!.idleSeconds).toBeLessThan(30);
      // Ends at the latest 30 min after the last activity (the pool's idle timeout) or earlier.
      expect(row.holders[0]!.endsAtLatest.getTime()).toBeLessThanOrEqual(board.now.getTime() + 1200 * 1000 + 1000);
      expect(row.waiting.map((w) => w.name)).toEqual([d!.name, c!.name]);
      expect(row.waiting.every((w) => w.reservedUntil === null)).toBe(true);

      const seatOf = (id: string) => board.namedSeats.find((s) => s.userId === id);
      expect(seatOf(named.id)).toMatchObject({ name: named.name, assigned: true, lease: { kind: "NAMED" } });
      expect(seatOf(named.id)!.lease!.idleSeconds).toBeLessThan(30);
      expect(seatOf(namedIdle.id)).toMatchObject({ assigned: true, lease: null });
    },
  );

  it("leaves out a lease whose idle timeout elapsed, counts reservations, and shows who holds one", async () => {
    const pool = await createPool(db, { size: 1, idleTimeoutSeconds: 60 });
    const [a, b] = await createPoolMembers(db, pool.id, 2);
    const lease = await grant(a!.id);
    await joinWaitingLine(db, b!.id);
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '61 seconds' where id = ${lease}`;
    let row = (await getSeatBoard(db)).pools.find((p) => p.id === pool.id)!;
    expect(row.inUse).toBe(0);
    expect(row.holders).toEqual([]);

    // The sweep (here through b's status poll) ends it and reserves the seat for b.
    await getSeatStatus(db, b!.id);
    row = (await getSeatBoard(db)).pools.find((p) => p.id === pool.id)!;
    expect(row.reserved).toBe(1);
    expect(row.waiting).toHaveLength(1);
    expect(row.waiting[0]!.name).toBe(b!.name);
    expect(row.waiting[0]!.reservedUntil).toBeInstanceOf(Date);
  });

  it("reads with the same few queries however many pools and people there are (no N+1)", async () => {
    let queries = 0;
    const counting = db.$extends({
      query: {
        $allOperations: ({ args, query }) => {
          queries++;
          return query(args);
        },
      },
    }) as unknown as Db;
    const count = async () => {
      queries = 0;
      await getSeatBoard(counting);
      return queries;
    };
    const before = await count();
    for (let i = 0; i < 3; i++) {
      const pool = await createPool(db, { size: 2 });
      const [a, b, c] = await createPoolMembers(db, pool.id, 3);
      await grant(a!.id);
      await grant(b!.id);
      await joinWaitingLine(db, c!.id);
      await grant((await createNamedAgent(db)).id);
    }
    expect(before).toBeGreaterThanOrEqual(5);
    expect(before).toBeLessThanOrEqual(6);
    expect(await count()).toBe(before);
  });
});

describe("adminEndLease", () => {
  it("ends only the given lease, as ADMIN with the note and the actor, and tells the agent", async () => {
    const pool = await createPool(db, { size: 2 });
    const [a, b] = await createPoolMembers(db, pool.id, 2);
    const admin = await createUser(db, { role: "ADMIN", name: "Ada Admin" });
    const leaseA = await grant(a!.id);
    const leaseB = await grant(b!.id);

    const result = await adminEndLease(db, {
      leaseId: leaseA,
      actorId: admin.id,
      note: "  Left for the day  ",
      requestId: "req-end-1",
    });
    expect(result).toEqual({ leaseId: leaseA.toString(), userId: a!.id, userName: a!.name });

    const ended = await db.seatLease.findUniqueOrThrow({ where: { id: leaseA } });
    expect(ended).toMatchObject({ endReason: "ADMIN", endNote: "Left for the day", endedById: admin.id });
    expect(ended.endedAt).not.toBeNull();
    expect((await db.seatLease.findUniqueOrThrow({ where: { id: leaseB } })).endedAt).toBeNull();

    const event = await db.seatEvent.findFirstOrThrow({ where: { leaseId: leaseA, type: "RELEASED" } });
    expect(event).toMatchObject({
      reason: "ADMIN",
      actorId: admin.id,
      requestId: "req-end-1",
      userId: a!.id,
      poolId: pool.id,
      details: { note: "Left for the day" },
    });

    const status = await getSeatStatus(db, a!.id);
    expect(status.lease).toBeNull();
    expect(status.lastEnd?.reason).toBe("ADMIN");
    expect(status.lastEnd?.message).toMatch(/administrator/i);
    expect(status.lastEnd?.message).toContain("Left for the day");

    const again = await expectAppError(
      adminEndLease(db, { leaseId: leaseA, actorId: admin.id, note: "again" }),
      "CONFLICT",
      /already released at \d\d:\d\d UTC \(ended by an administrator\)/,
    );
    expect(again.details).toMatchObject({ endReason: "ADMIN" });
    expect(await db.seatEvent.count({ where: { leaseId: leaseA, type: "RELEASED" } })).toBe(1);
  });

  it("does not end the person's newer lease when the one on the board already ended", async () => {
    const pool = await createPool(db, { size: 1 });
    const [a] = await createPoolMembers(db, pool.id, 1);
    const admin = await createUser(db, { role: "ADMIN" });
    const old = await grant(a!.id);
    await db.$executeRaw`update "SeatLease" set "endedAt" = now(), "endReason" = 'SIGN_OUT' where id = ${old}`;
    const current = await grant(a!.id);
    await expectAppError(
      adminEndLease(db, { leaseId: old, actorId: admin.id, note: "stale board" }),
      "CONFLICT",
      /already released .*\(signed out or given back\)/,
    );
    expect((await db.seatLease.findUniqueOrThrow({ where: { id: current } })).endedAt).toBeNull();
  });

  it("reports a lease that ran out as released when it elapsed (idle), not as ended by the admin", async () => {
    const pool = await createPool(db, { size: 1, idleTimeoutSeconds: 60 });
    const [a, b] = await createPoolMembers(db, pool.id, 2);
    const admin = await createUser(db, { role: "ADMIN" });
    const lease = await grant(a!.id);
    await joinWaitingLine(db, b!.id);
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '5 minutes' where id = ${lease}`;
    await expectAppError(
      adminEndLease(db, { leaseId: lease, actorId: admin.id, note: "idle" }),
      "CONFLICT",
      /already released at .* \(idle\)/,
    );
    const ended = await db.seatLease.findUniqueOrThrow({ where: { id: lease } });
    expect(ended.endReason).toBe("IDLE");
    expect(ended.endedById).toBeNull();
    // The freed seat went to the first in line at once.
    const entry = await db.seatQueueEntry.findFirstOrThrow({ where: { userId: b!.id, endedAt: null } });
    expect(entry.reservedUntil).not.toBeNull();
  });

  it("requires a note of 1 to 300 characters and an existing lease", async () => {
    const pool = await createPool(db, { size: 1 });
    const [a] = await createPoolMembers(db, pool.id, 1);
    const admin = await createUser(db, { role: "ADMIN" });
    const lease = await grant(a!.id);
    const blank = await expectAppError(
      adminEndLease(db, { leaseId: lease, actorId: admin.id, note: "   " }),
      "BAD_REQUEST",
      /why/,
    );
    expect(blank.field).toBe("note");
    await expectAppError(
      adminEndLease(db, { leaseId: lease, actorId: admin.id, note: "x".repeat(301) }),
      "BAD_REQUEST",
      /300 characters/,
    );
    expect((await db.seatLease.findUniqueOrThrow({ where: { id: lease } })).endedAt).toBeNull();
    await expectAppError(
      adminEndLease(db, { leaseId: 999_999_999n, actorId: admin.id, note: "gone" }),
      "NOT_FOUND",
      /does not exist/,
    );
  });
});
