import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers, createUser } from "@/test/factories";
import { newAdmin, resetSeats } from "@/test/allocation";
import type { Db } from "@/server/db/client";
import type { AdminActor } from "./allocation";
import { checkoutSeat } from "./checkout";
import { releaseLeaseOfUser } from "./release";
import { getSeatStatus } from "./status";
import { listAgentsWithLicenses, setLicense } from "./assignments";

/*
 * One person's license: named, a pool, or none. A move applies at the next checkout (the seat
 * held now is kept); removing the license ends the seat at once and the agent is told why.
 */

let db: Db;
let actor: () => AdminActor;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  ({ actor } = await newAdmin(db));
});
beforeEach(() => resetSeats(db, { namedSeats: 10, concurrentSeats: 10 }));

const openLease = (userId: string) => db.seatLease.findFirst({ where: { userId, endedAt: null } });

describe("moving between named and a pool", () => {
  it("named -> pool keeps the named seat held now; the next checkout takes a pool seat", async () => {
    const pool = await createPool(db, { size: 2 });
    const agent = await createNamedAgent(db);
    await checkoutSeat(db, { userId: agent.id });
    const result = await setLicense(db, actor(), {
      userId: agent.id,
      license: { kind: "CONCURRENT", poolId: pool.id },
    });
    expect(result).toMatchObject({ changed: true, seatEnded: false, license: { kind: "CONCURRENT", poolId: pool.id } });
    expect(result.message).toContain("They keep the seat they hold now; the change applies at their next checkout");
    expect(await openLease(agent.id)).toMatchObject({ kind: "NAMED", poolId: null });
    await releaseLeaseOfUser(db, { userId: agent.id, reason: "SIGN_OUT" });
    expect(await checkoutSeat(db, { userId: agent.id })).toMatchObject({
      status: "granted",
      kind: "CONCURRENT",
      poolId: pool.id,
    });
  });

  it("pool -> named keeps the pool seat held now; the next checkout takes the named seat", async () => {
    const pool = await createPool(db, { size: 1 });
    const [agent] = await createPoolMembers(db, pool.id, 1);
    await checkoutSeat(db, { userId: agent!.id });
    const result = await setLicense(db, actor(), { userId: agent!.id, license: { kind: "NAMED" } });
    expect(result.seatEnded).toBe(false);
    expect(await openLease(agent!.id)).toMatchObject({ kind: "CONCURRENT", poolId: pool.id });
    await releaseLeaseOfUser(db, { userId: agent!.id, reason: "SIGN_OUT" });
    expect(await checkoutSeat(db, { userId: agent!.id })).toMatchObject({ status: "granted", kind: "NAMED" });
  });

  it("ends the seat held now when the administrator chose so, with LICENSE_REMOVED", async () => {
    const pool = await createPool(db, { size: 1 });
    const [agent] = await createPoolMembers(db, pool.id, 1);
    await checkoutSeat(db, { userId: agent!.id });
    const result = await setLicense(db, actor(), {
      userId: agent!.id,
      license: { kind: "NAMED" },
      endCurrentSeat: true,
    });
    expect(result.message).toContain("Their current seat was ended; they were told why.");
    expect(await openLease(agent!.id)).toBeNull();
    expect(await db.seatLease.findFirstOrThrow({ where: { userId: agent!.id } })).toMatchObject({
      endReason: "LICENSE_REMOVED",
    });
  });

  it("leaves the waiting line of the pool they are moved out of", async () => {
    const [from, to] = [await createPool(db, { size: 1 }), await createPool(db, { size: 1 })];
    const [holder, waiter] = await createPoolMembers(db, from.id, 2);
    await checkoutSeat(db, { userId: holder!.id });
    expect((await checkoutSeat(db, { userId: waiter!.id })).status).toBe("refused");
    await db.seatQueueEntry.create({ data: { poolId: from.id, userId: waiter!.id } });
    await setLicense(db, actor(), { userId: waiter!.id, license: { kind: "CONCURRENT", poolId: to.id } });
    expect(await db.seatQueueEntry.count({ where: { userId: waiter!.id, endedAt: null } })).toBe(0);
  });
});

describe("removing a license", () => {
  it("ends the seat held now with LICENSE_REMOVED, says so, and the agent's console says why", async () => {
    const agent = await createNamedAgent(db);
    await checkoutSeat(db, { userId: agent.id });
    const a = actor();
    const result = await setLicense(db, a, { userId: agent.id, license: { kind: "NONE" } });
    expect(result).toMatchObject({ changed: true, seatEnded: true, license: { kind: "NONE" } });
    expect(result.message).toBe(
      `${agent.name} no longer has a seat license. Their current seat was ended; they were told why.`,
    );
    expect(await db.seatLease.findFirstOrThrow({ where: { userId: agent.id } })).toMatchObject({
      endReason: "LICENSE_REMOVED",
      endedById: a.actorId,
    });
    const status = await getSeatStatus(db, agent.id);
    expect(status.lastEnd?.message).toContain("Your seat license was removed.");
    expect(await db.seatAssignment.findUnique({ where: { userId: agent.id } })).toBeNull();
  });

  it("of someone without a seat now: no seat to end, and the message does not claim one", async () => {
    const agent = await createNamedAgent(db);
    const result = await setLicense(db, actor(), { userId: agent.id, license: { kind: "NONE" } });
    expect(result).toMatchObject({ seatEnded: false, message: `${agent.name} no longer has a seat license.` });
  });
});

describe("who may hold a license", () => {
  it("never an end user, named or in a pool", async () => {
    const pool = await createPool(db, { size: 1 });
    const endUser = await createUser(db, { role: "END_USER" });
    for (const license of [{ kind: "NAMED" } as const, { kind: "CONCURRENT", poolId: pool.id } as const]) {
      await expect(setLicense(db, actor(), { userId: endUser.id, license })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining("end users and report viewers never hold a seat license"),
      });
    }
    expect(await db.seatAssignment.findUnique({ where: { userId: endUser.id } })).toBeNull();
  });

  it("never a report viewer", async () => {
    const viewer = await createUser(db, { role: "REPORT_VIEWER" });
    await expect(setLicense(db, actor(), { userId: viewer.id, license: { kind: "NAMED" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("is a report viewer: end users and report viewers never hold a seat license"),
    });
    expect(await db.seatAssignment.findUnique({ where: { userId: viewer.id } })).toBeNull();
  });

  it("agents and administrators (an admin needs a seat to work tickets), one license each", async () => {
    const [agent, admin] = [await createUser(db, { role: "AGENT" }), await createUser(db, { role: "ADMIN" })];
    const pool = await createPool(db, { size: 1 });
    await setLicense(db, actor(), { userId: agent.id, license: { kind: "NAMED" } });
    await setLicense(db, actor(), { userId: admin.id, license: { kind: "CONCURRENT", poolId: pool.id } });
    await setLicense(db, actor(), { userId: agent.id, license: { kind: "CONCURRENT", poolId: pool.id } });
    expect(
      await db.seatAssignment.findMany({
        where: { userId: { in: [agent.id, admin.id] } },
        select: { kind: true, poolId: true },
      }),
    ).toEqual([
      { kind: "CONCURRENT", poolId: pool.id },
      { kind: "CONCURRENT", poolId: pool.id },
    ]);
  });

  it("refuses a pool that was deleted, and an unknown person", async () => {
    const pool = await createPool(db, { size: 1 });
    await db.seatPool.update({ where: { id: pool.id }, data: { deletedAt: new Date() } });
    const agent = await createUser(db, { role: "AGENT" });
    await expect(
      setLicense(db, actor(), { userId: agent.id, license: { kind: "CONCURRENT", poolId: pool.id } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setLicense(db, actor(), { userId: "nobody", license: { kind: "NAMED" } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("setting the license someone already has changes nothing and records nothing", async () => {
    const agent = await createNamedAgent(db);
    const a = actor();
    expect(await setLicense(db, a, { userId: agent.id, license: { kind: "NAMED" } })).toMatchObject({ changed: false });
    expect(await db.seatEvent.count({ where: { requestId: a.requestId! } })).toBe(0);
  });
});

describe("the agents list", () => {
  it(
    "lists agents and admins (never end users) with their license and current seat, searchable, page by " + "page",
    async () => {
      const tag = `zz${Date.now()}`;
      const pool = await createPool(db, { size: 2, name: `Pool ${tag}` });
      const named = await createUser(db, { role: "AGENT", name: `${tag} Ann` });
      await db.seatAssignment.create({ data: { userId: named.id, kind: "NAMED" } });
      const member = await createUser(db, { role: "ADMIN", name: `${tag} Bo` });
      await db.seatAssignment.create({ data: { userId: member.id, kind: "CONCURRENT", poolId: pool.id } });
      const none = await createUser(db, { role: "AGENT", name: `${tag} Cy` });
      await createUser(db, { role: "END_USER", name: `${tag} Di` });
      await checkoutSeat(db, { userId: member.id });

      const first = await listAgentsWithLicenses(db, { search: tag.toUpperCase(), limit: 2 });
      expect(first.items.map((r) => r.id)).toEqual([named.id, member.id]);
      expect(first.items[0]).toMatchObject({ license: { kind: "NAMED" }, seat: null });
      expect(first.items[1]).toMatchObject({
        role: "ADMIN",
        license: { kind: "CONCURRENT", poolName: pool.name },
        seat: { kind: "CONCURRENT", poolName: pool.name },
      });
      const second = await listAgentsWithLicenses(db, { search: tag, limit: 2, cursor: first.nextCursor });
      expect(second.items.map((r) => r.id)).toEqual([none.id]);
      expect(second.items[0]!.license).toEqual({ kind: "NONE" });
      expect(second.nextCursor).toBeNull();
    },
  );
});
