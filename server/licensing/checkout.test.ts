import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers, createUser } from "@/test/factories";
import type { Db } from "@/server/db/client";
import { checkoutSeat, refusalMessage, type CheckoutRefused, type CheckoutResult } from "./checkout";
import { releaseLeaseOfUser } from "./release";

/*
 * Checking out a seat (../../shared/licensing.md, "Checkout, hold, release"): who gets one,
 * one lease per person whatever their tabs, and what a refused agent is told.
 */

let db: Db;
let newClient: (max?: number) => Db;
beforeAll(async () => {
  ({ db, newClient } = await createTestDatabase());
});

async function fullPool(size: number, options: { idleTimeoutSeconds?: number } = {}) {
  const pool = await createPool(db, { size, ...options });
  const holders = await createPoolMembers(db, pool.id, size);
  for (const h of holders) expect((await checkoutSeat(db, { userId: h.id })).status).toBe("granted");
  return { pool, holders };
}

function granted(result: CheckoutResult) {
  if (result.status !== "granted") throw new Error(`expected a seat, got ${result.status}`);
  return result;
}

function refused(result: CheckoutResult): CheckoutRefused {
  if (result.status !== "refused") throw new Error(`expected a refusal, got ${result.status}`);
  return result;
}

describe("named seats", () => {
  it("are never refused, even while every pool is full", async () => {
    const full = [await fullPool(1), await fullPool(3)];
    const [member] = await createPoolMembers(db, full[0]!.pool.id, 1);
    expect((await checkoutSeat(db, { userId: member!.id })).status).toBe("refused");

    const named = await createNamedAgent(db);
    const result = granted(await checkoutSeat(db, { userId: named.id, requestId: "named-1" }));
    expect(result).toMatchObject({ kind: "NAMED", poolId: null, reused: false });
    const event = await db.seatEvent.findFirstOrThrow({ where: { requestId: "named-1" } });
    expect(event).toMatchObject({ type: "GRANTED", kind: "NAMED", userId: named.id, leaseId: result.leaseId });
    // A named lease takes nothing from the pools.
    for (const { pool } of full)
      expect(await db.seatLease.count({ where: { poolId: pool.id, endedAt: null } })).toBe(pool.size);
  });

  it("are all granted when many named agents check out at once while the pools are full", async () => {
    await fullPool(2);
    const named = await Promise.all(Array.from({ length: 40 }, () => createNamedAgent(db)));
    const client = newClient(40);
    const results = await Promise.all(named.map((a) => checkoutSeat(client, { userId: a.id })));
    expect(results.map((r) => r.status)).toEqual(named.map(() => "granted"));
    expect(
      await db.seatLease.count({ where: { userId: { in: named.map((a) => a.id) }, endedAt: null, kind: "NAMED" } }),
    ).toBe(40);
  });

  it("administrators with a named seat get it like any agent", async () => {
    await fullPool(1);
    const admin = await createNamedAgent(db, "ADMIN");
    expect(granted(await checkoutSeat(db, { userId: admin.id })).kind).toBe("NAMED");
  });
});

describe("one lease per person", () => {
  it("five tabs checking out at once share exactly one lease", async () => {
    const pool = await createPool(db, { size: 3 });
    const [agent] = await createPoolMembers(db, pool.id, 1);
    const client = newClient(5);
    const results = (
      await Promise.all(
        [1, 2, 3, 4, 5].map((tab) =>
          checkoutSeat(client, { userId: agent!.id, authSessionId: `tab-${tab}`, requestId: `tabs-${tab}` }),
        ),
      )
    ).map(granted);

    expect(new Set(results.map((r) => r.leaseId)).size).toBe(1);
    expect(results.filter((r) => !r.reused)).toHaveLength(1);
    expect(await db.seatLease.count({ where: { userId: agent!.id } })).toBe(1);
    expect(await db.seatLease.count({ where: { poolId: pool.id, endedAt: null } })).toBe(1);
    expect(await db.seatEvent.count({ where: { userId: agent!.id, type: "GRANTED" } })).toBe(1);
  });

  it("repeating a checkout returns the same lease, reused", async () => {
    const pool = await createPool(db, { size: 2 });
    const [agent] = await createPoolMembers(db, pool.id, 1);
    const first = granted(await checkoutSeat(db, { userId: agent!.id, authSessionId: "a" }));
    const again = granted(await checkoutSeat(db, { userId: agent!.id, authSessionId: "b" }));
    expect(first.reused).toBe(false);
    expect(again).toEqual({ ...first, reused: true });
    expect(again.poolName).toBe(pool.name);
  });

  it("a named agent repeating a checkout keeps the same named lease", async () => {
    const agent = await createNamedAgent(db);
    const first = granted(await checkoutSeat(db, { userId: agent.id }));
    const again = granted(await checkoutSeat(db, { userId: agent.id }));
    expect(again).toEqual({ ...first, reused: true });
  });
});

describe("who gets no seat at all", () => {
  it("an agent without a license is unlicensed, and nothing is leased", async () => {
    const agent = await createUser(db, { role: "AGENT" });
    expect(await checkoutSeat(db, { userId: agent.id })).toEqual({ status: "unlicensed" });
    expect(await db.seatLease.count({ where: { userId: agent.id } })).toBe(0);
  });

  it("an end user never holds a seat", async () => {
    const endUser = await createUser(db, { role: "END_USER" });
    expect(await checkoutSeat(db, { userId: endUser.id })).toEqual({ status: "unlicensed" });
    expect(await db.seatLease.count({ where: { userId: endUser.id } })).toBe(0);
  });

  it("a member of a deleted pool is unlicensed", async () => {
    const pool = await createPool(db, { size: 2 });
    const [agent] = await createPoolMembers(db, pool.id, 1);
    await db.seatPool.update({ where: { id: pool.id }, data: { deletedAt: new Date() } });
    expect(await checkoutSeat(db, { userId: agent!.id })).toEqual({ status: "unlicensed" });
  });

  it("a disabled account is disabled, named or pooled", async () => {
    const named = await createNamedAgent(db);
    const pool = await createPool(db, { size: 2 });
    const [pooled] = await createPoolMembers(db, pool.id, 1);
    await db.user.updateMany({ where: { id: { in: [named.id, pooled!.id] } }, data: { active: false } });
    expect(await checkoutSeat(db, { userId: named.id })).toEqual({ status: "disabled" });
    expect(await checkoutSeat(db, { userId: pooled!.id })).toEqual({ status: "disabled" });
    expect(await db.seatLease.count({ where: { userId: { in: [named.id, pooled!.id] } } })).toBe(0);
  });

  it("an unknown person is refused as disabled, not granted", async () => {
    expect(await checkoutSeat(db, { userId: "no-such-person" })).toEqual({ status: "disabled" });
  });
});

describe("a refusal says who holds the seats and when one frees", () => {
  it("lists the holders with names, idle seconds and the latest time the next seat frees", async () => {
    const { pool, holders } = await fullPool(2, { idleTimeoutSeconds: 900 });
    const [alice, bob] = holders;
    // Alice idle for 5 minutes (frees by the idle timeout); Bob active, but his tabs went quiet
    // 100 s ago (frees by the presence grace, which comes first for him).
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '300 seconds' where "userId"
      = ${alice!.id} and "endedAt" is null`;
    await db.$executeRaw`update "SeatLease" set "lastPresenceAt" = now() - interval '100 seconds' where "userId"
      = ${bob!.id} and "endedAt" is null`;
    const [newcomer] = await createPoolMembers(db, pool.id, 1);

    const result = refused(await checkoutSeat(db, { userId: newcomer!.id, requestId: "refused-1" }));
    expect(result.pool).toEqual({ id: pool.id, name: pool.name, size: 2, inUse: 2, reserved: 0 });
    expect(result.queuePosition).toBeNull();
    expect(result.holders.map((h) => h.name)).toEqual([alice!.name, bob!.name]);
    const [aliceHolds, bobHolds] = result.holders;
    expect(aliceHolds!.idleSeconds).toBeGreaterThanOrEqual(300);
    expect(aliceHolds!.idleSeconds).toBeLessThan(320);
    expect(bobHolds!.idleSeconds).toBeLessThan(20);

    const rows = await db.seatLease.findMany({ where: { poolId: pool.id, endedAt: null }, orderBy: { id: "asc" } });
    // The idle end, not the presence grace: an open tab keeps extending presence.
    const endsAt = (r: (typeof rows)[number]) => r.lastActivityAt.getTime() + 900_000;
    expect(aliceHolds!.endsAtLatest.getTime()).toBe(endsAt(rows.find((r) => r.userId === alice!.id)!));
    expect(bobHolds!.endsAtLatest.getTime()).toBe(endsAt(rows.find((r) => r.userId === bob!.id)!));
    expect(result.nextFreeAtLatest?.getTime()).toBe(Math.min(...rows.map(endsAt)));

    const message = refusalMessage(result);
    expect(message).toContain(`"${pool.name}"`);
    expect(message).toContain("2 of 2 in use");

    const event = await db.seatEvent.findFirstOrThrow({ where: { requestId: "refused-1" } });
    expect(event).toMatchObject({
      type: "REFUSED",
      userId: newcomer!.id,
      userName: newcomer!.name,
      poolId: pool.id,
      poolName: pool.name,
      kind: "CONCURRENT",
      reason: "2 of 2 seats in use",
    });
    expect(event.details).toEqual({ inUse: 2, reserved: 0, size: 2, inLine: false });
  });
});

describe("a license change takes effect at the next checkout", () => {
  it("an agent moved from a named seat to a pool keeps their named lease until it ends", async () => {
    const pool = await createPool(db, { size: 1 });
    const agent = await createNamedAgent(db);
    const named = granted(await checkoutSeat(db, { userId: agent.id }));
    await db.seatAssignment.update({ where: { userId: agent.id }, data: { kind: "CONCURRENT", poolId: pool.id } });

    const again = granted(await checkoutSeat(db, { userId: agent.id }));
    expect(again).toMatchObject({ leaseId: named.leaseId, kind: "NAMED", reused: true });
    expect(await db.seatLease.findUniqueOrThrow({ where: { id: named.leaseId } })).toMatchObject({ endedAt: null });
    expect(await db.seatLease.count({ where: { poolId: pool.id, endedAt: null } })).toBe(0);

    await releaseLeaseOfUser(db, { userId: agent.id, reason: "SIGN_OUT" });
    const next = granted(await checkoutSeat(db, { userId: agent.id }));
    expect(next).toMatchObject({ kind: "CONCURRENT", poolId: pool.id, reused: false });
  });

  it("an agent moved from a pool to a named seat keeps their pool seat until it ends", async () => {
    const pool = await createPool(db, { size: 1 });
    const [agent] = await createPoolMembers(db, pool.id, 1);
    const pooled = granted(await checkoutSeat(db, { userId: agent!.id }));
    await db.seatAssignment.update({ where: { userId: agent!.id }, data: { kind: "NAMED", poolId: null } });

    expect(granted(await checkoutSeat(db, { userId: agent!.id }))).toMatchObject({
      leaseId: pooled.leaseId,
      kind: "CONCURRENT",
      reused: true,
    });
    await releaseLeaseOfUser(db, { userId: agent!.id, reason: "SIGN_OUT" });
    expect(granted(await checkoutSeat(db, { userId: agent!.id }))).toMatchObject({
      kind: "NAMED",
      poolId: null,
      reused: false,
    });
    expect(await db.seatLease.count({ where: { poolId: pool.id, endedAt: null } })).toBe(0);
  });
});
