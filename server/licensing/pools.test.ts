import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers, createUser } from "@/test/factories";
import { adminEvents, newAdmin, resetSeats } from "@/test/allocation";
import type { Db } from "@/server/db/client";
import type { AdminActor } from "./allocation";
import { checkoutSeat } from "./checkout";
import { joinWaitingLine } from "./waiting-line";
import { createPool as adminCreatePool, deletePool, listPoolMembers, listPools, updatePool } from "./pools";
import { withPoolName } from "./pool-rules";

/*
 * Concurrent pools administered: unique names ignoring case, resizing below use, members added
 * and removed (mid-lease too), and deletion that ends live seats only once confirmed.
 */

let db: Db;
let actor: () => AdminActor;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  ({ actor } = await newAdmin(db));
});
beforeEach(() => resetSeats(db, { namedSeats: 10, concurrentSeats: 20 }));

const fields = { idleTimeoutMinutes: 30, groupId: null, memberIds: [] as string[] };

async function openLease(userId: string) {
  return db.seatLease.findFirst({ where: { userId, endedAt: null } });
}

describe("pool names", () => {
  it("refuses a name in use by another pool, ignoring case, on the name field", async () => {
    await adminCreatePool(db, actor(), { ...fields, name: "Network Team", size: 1 });
    await expect(adminCreatePool(db, actor(), { ...fields, name: "network team", size: 1 })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "name",
      message: expect.stringContaining('A pool named "network team" already exists'),
    });
  });

  it("refuses renaming a pool to another pool's name, and keeps the pool unchanged", async () => {
    await adminCreatePool(db, actor(), { ...fields, name: "Alpha", size: 1 });
    const { pool } = await adminCreatePool(db, actor(), { ...fields, name: "Beta", size: 1 });
    await expect(updatePool(db, actor(), { poolId: pool.id, name: "ALPHA", size: 2 })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "name",
    });
    expect(await db.seatPool.findUniqueOrThrow({ where: { id: pool.id } })).toMatchObject({ name: "Beta", size: 1 });
  });

  it("frees the name of a deleted pool for a new one", async () => {
    const { pool } = await adminCreatePool(db, actor(), { ...fields, name: "Reused", size: 1 });
    await deletePool(db, actor(), { poolId: pool.id, reason: "reorganised" });
    await expect(adminCreatePool(db, actor(), { ...fields, name: "REUSED", size: 1 })).resolves.toMatchObject({
      pool: { name: "REUSED" },
    });
  });

  it("maps the partial unique index's violation from raw SQL (23505) to the name field too", async () => {
    await createPool(db, { size: 1, name: "Raw" });
    const write = () =>
      db.$executeRaw`insert into "SeatPool" (id, name, size) values (${`raw-${Date.now()}`}, 'RAW', 1)`;
    await expect(withPoolName("RAW", write)).rejects.toMatchObject({ code: "CONFLICT", field: "name" });
  });
});

describe("sizes, timeouts and groups", () => {
  it("stores the idle timeout given in minutes as seconds, and lists it in both", async () => {
    const group = await db.group.create({ data: { name: `Served ${Date.now()}` } });
    const { pool } = await adminCreatePool(db, actor(), {
      name: "Timed",
      size: 3,
      idleTimeoutMinutes: 45,
      groupId: group.id,
      memberIds: [],
    });
    expect(await db.seatPool.findUniqueOrThrow({ where: { id: pool.id } })).toMatchObject({
      idleTimeoutSeconds: 2700,
      groupId: group.id,
    });
    const listed = (await listPools(db)).items.find((p) => p.id === pool.id);
    expect(listed).toMatchObject({
      size: 3,
      idleTimeoutSeconds: 2700,
      idleTimeoutMinutes: 45,
      group: { id: group.id },
      memberCount: 0,
      inUse: 0,
    });
  });

  it("refuses a group that does not exist, on the groupId field", async () => {
    await expect(
      adminCreatePool(db, actor(), { ...fields, name: "Lost", size: 1, groupId: "no-such-group" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", field: "groupId" });
  });

  it(
    "lets a pool shrink below its seats in use: nobody is kicked, nothing new is granted, and the answer " + "says so",
    async () => {
      const pool = await createPool(db, { size: 3 });
      const members = await createPoolMembers(db, pool.id, 4);
      for (const m of members.slice(0, 3)) expect((await checkoutSeat(db, { userId: m.id })).status).toBe("granted");
      const result = await updatePool(db, actor(), { poolId: pool.id, size: 1 });
      expect(result.notices.join(" ")).toContain("The pool now has 1 seat and 3 are in use: nobody was asked to leave");
      for (const m of members.slice(0, 3)) expect(await openLease(m.id)).not.toBeNull();
      expect((await checkoutSeat(db, { userId: members[3]!.id })).status).toBe("refused");
      expect((await listPools(db)).items.find((p) => p.id === pool.id)).toMatchObject({
        size: 1,
        inUse: 3,
        memberCount: 4,
      });
    },
  );

  it("a larger pool serves its waiting line at once", async () => {
    const pool = await createPool(db, { size: 1 });
    const [holder, waiter] = await createPoolMembers(db, pool.id, 2);
    await checkoutSeat(db, { userId: holder!.id });
    await joinWaitingLine(db, waiter!.id);
    await updatePool(db, actor(), { poolId: pool.id, size: 2 });
    const entry = await db.seatQueueEntry.findFirstOrThrow({ where: { userId: waiter!.id, endedAt: null } });
    expect(entry.reservedUntil).not.toBeNull();
  });
});

describe("members", () => {
  it(
    "adds and lists members; a named agent moved in frees a named seat and is told the move applies at " +
      "the next checkout",
    async () => {
      const pool = await createPool(db, { size: 2 });
      const named = await createNamedAgent(db);
      const fresh = await createUser(db, { role: "AGENT" });
      const result = await updatePool(db, actor(), { poolId: pool.id, memberIds: [named.id, fresh.id] });
      expect(result.notices.join(" ")).toContain("1 member moved here from a named seat or another pool");
      expect((await listPoolMembers(db, pool.id)).map((m) => m.id).sort()).toEqual([named.id, fresh.id].sort());
      expect(await db.seatAssignment.count({ where: { kind: "NAMED" } })).toBe(0);
    },
  );

  it("refuses end users and disabled accounts as members, on the memberIds field", async () => {
    const endUser = await createUser(db, { role: "END_USER", name: "Pat Portal" });
    const disabled = await createUser(db, { role: "AGENT", active: false, name: "Dee Disabled" });
    await expect(
      adminCreatePool(db, actor(), { ...fields, name: "Mixed", size: 1, memberIds: [endUser.id] }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      field: "memberIds",
      message: expect.stringContaining("End users and report viewers never hold a seat license: Pat Portal"),
    });
    await expect(
      adminCreatePool(db, actor(), { ...fields, name: "Mixed", size: 1, memberIds: [disabled.id] }),
    ).rejects.toMatchObject({ field: "memberIds", message: expect.stringContaining("Dee Disabled") });
    expect(await db.seatAssignment.count({ where: { userId: { in: [endUser.id, disabled.id] } } })).toBe(0);
  });

  it("removing a member mid-lease ends their seat with LICENSE_REMOVED and frees it for the pool", async () => {
    const pool = await createPool(db, { size: 1 });
    const [holder, other] = await createPoolMembers(db, pool.id, 2);
    const lease = await checkoutSeat(db, { userId: holder!.id });
    const a = actor();
    const result = await updatePool(db, a, { poolId: pool.id, memberIds: [other!.id] });
    expect(result.notices.join(" ")).toContain(
      "1 removed member was holding a seat: it was ended and they were told why",
    );
    const ended = await db.seatLease.findFirstOrThrow({
      where: { id: lease.status === "granted" ? lease.leaseId : -1n },
    });
    expect(ended).toMatchObject({ endReason: "LICENSE_REMOVED", endedById: a.actorId });
    expect(await db.seatAssignment.findUnique({ where: { userId: holder!.id } })).toBeNull();
    expect((await checkoutSeat(db, { userId: other!.id })).status).toBe("granted");
    expect(
      await db.seatEvent.count({
        where: { type: "RELEASED", userId: holder!.id, reason: "LICENSE_REMOVED", requestId: a.requestId! },
      }),
    ).toBe(1);
  });
});

describe("deleting a pool", () => {
  it(
    "with live seats: refused without confirm (with how many), then ends them with POOL_DELETED and " +
      "removes members and the line",
    async () => {
      const pool = await createPool(db, { size: 2 });
      const [a, b, waiter, idle] = await createPoolMembers(db, pool.id, 4);
      await checkoutSeat(db, { userId: a!.id });
      await checkoutSeat(db, { userId: b!.id });
      await joinWaitingLine(db, waiter!.id);

      await expect(
        deletePool(db, actor(), { poolId: pool.id, reason: "Specialists merged into the desk" }),
      ).rejects.toMatchObject({
        code: "CONFLICT",
        details: { liveLeases: 2 },
        message: expect.stringContaining("2 agents hold a seat"),
      });
      expect(await db.seatPool.findUniqueOrThrow({ where: { id: pool.id } })).toMatchObject({ deletedAt: null });
      expect(await openLease(a!.id)).not.toBeNull();
      expect(await db.seatQueueEntry.count({ where: { userId: waiter!.id, endedAt: null } })).toBe(1);

      // A confirmation that showed fewer seats than are in use by now ends none: the admin is asked again.
      await expect(
        deletePool(db, actor(), {
          poolId: pool.id,
          reason: "Specialists merged into the desk",
          confirm: true,
          liveLeasesShown: 1,
        }),
      ).rejects.toMatchObject({
        code: "CONFLICT",
        details: { liveLeases: 2 },
      });
      expect(await openLease(b!.id)).not.toBeNull();

      const admin = actor();
      const result = await deletePool(db, admin, {
        poolId: pool.id,
        reason: "Specialists merged into the desk",
        confirm: true,
        liveLeasesShown: 2,
      });
      expect(result).toMatchObject({ seatsEnded: 2, membersRemoved: 4 });
      expect(result.message).toContain("2 seats were ended");
      const leases = await db.seatLease.findMany({ where: { userId: { in: [a!.id, b!.id] } } });
      for (const lease of leases)
        expect(lease).toMatchObject({
          endReason: "POOL_DELETED",
          endNote: "Specialists merged into the desk",
          endedById: admin.actorId,
        });
      expect(await db.seatPool.findUniqueOrThrow({ where: { id: pool.id } })).toMatchObject({
        deletedAt: expect.any(Date),
      });
      expect(await db.seatAssignment.count({ where: { userId: { in: [a!.id, b!.id, waiter!.id, idle!.id] } } })).toBe(
        0,
      );
      expect(await db.seatQueueEntry.count({ where: { poolId: pool.id, endedAt: null } })).toBe(0);
      expect(
        await db.seatEvent.count({ where: { type: "RELEASED", reason: "POOL_DELETED", requestId: admin.requestId! } }),
      ).toBe(2);
      expect((await adminEvents(db, admin.requestId!)).map((e) => (e.details as { action: string }).action)).toContain(
        "pool.delete",
      );
      expect((await listPools(db)).items.map((p) => p.id)).not.toContain(pool.id);
      expect((await checkoutSeat(db, { userId: a!.id })).status).toBe("unlicensed");
    },
  );

  it("without live seats: deleted at once, no confirmation needed", async () => {
    const pool = await createPool(db, { size: 2 });
    await createPoolMembers(db, pool.id, 2);
    await expect(deletePool(db, actor(), { poolId: pool.id, reason: "not needed" })).resolves.toMatchObject({
      seatsEnded: 0,
      membersRemoved: 2,
    });
  });

  it("a lease whose idle timeout already elapsed ends as IDLE, not as ended by the deletion", async () => {
    const pool = await createPool(db, { size: 2, idleTimeoutSeconds: 600 });
    const [m] = await createPoolMembers(db, pool.id, 1);
    await checkoutSeat(db, { userId: m!.id });
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '11 minutes' where "userId" =
      ${m!.id} and "endedAt" is null`;
    await expect(deletePool(db, actor(), { poolId: pool.id, reason: "tidy up" })).resolves.toMatchObject({
      seatsEnded: 0,
    });
    expect(await db.seatLease.findFirstOrThrow({ where: { userId: m!.id } })).toMatchObject({ endReason: "IDLE" });
  });
});
