import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createPool, createPoolMembers } from "@/test/factories";
import { untilWaitingForLocks } from "@/test/lock-waits";
import type { Db } from "@/server/db/client";
import { inSqlTransaction } from "@/server/db/sql";
import { checkoutSeat } from "./checkout";
import { lockPool } from "./locks";
import { reportPresence } from "./status";
import { sweepPool } from "./sweep";
import { seatTiming } from "./timing";

/*
 * A release is recorded once (licensing invariant 5, ../../shared/licensing.md): a heartbeat of
 * the holder may settle an expired lease at the very moment another instance's sweeper ends it.
 * The sweeper's transaction holds the lease row; the heartbeat, having read the lease as open,
 * waits for the row and must then leave it alone. Before the fix it ended the ended lease again
 * and wrote a second RELEASED event.
 */

let db: Db;
let newClient: (max?: number) => Db;
beforeAll(async () => {
  ({ db, newClient } = await createTestDatabase());
});

const timing = seatTiming();

async function releasedEvents(leaseId: bigint): Promise<number> {
  return db.seatEvent.count({ where: { type: "RELEASED", leaseId } });
}

describe("a release recorded once", () => {
  it("when a heartbeat settles the lease while the sweeper ends it", async () => {
    const pool = await createPool(db, { size: 3, idleTimeoutSeconds: 600 });
    const holders = await createPoolMembers(db, pool.id, 3);
    const leases: bigint[] = [];
    for (const holder of holders) {
      const result = await checkoutSeat(db, { userId: holder.id });
      if (result.status !== "granted") throw new Error(`expected a seat, got ${result.status}`);
      leases.push(result.leaseId);
    }
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '700 seconds' where "poolId"
      = ${pool.id}`;

    // Instance A's sweeper ends the expired leases and has not committed yet.
    let commitSweep!: () => void;
    const sweepMayCommit = new Promise<void>((resolve) => (commitSweep = resolve));
    let swept!: () => void;
    const sweptButOpen = new Promise<void>((resolve) => (swept = resolve));
    const sweeping = inSqlTransaction(newClient(2), async (sql) => {
      const locked = await lockPool(sql, pool.id);
      const result = await sweepPool(sql, locked!, timing, "sweep");
      swept();
      await sweepMayCommit;
      return result;
    });
    await sweptButOpen;

    // Instance B receives each holder's heartbeat meanwhile: each waits for its lease row.
    const instanceB = newClient(holders.length);
    const heartbeats = holders.map((h) => reportPresence(instanceB, { userId: h.id, active: true, requestId: "beat" }));
    await untilWaitingForLocks(db, holders.length);
    commitSweep();
    expect((await sweeping).released).toBe(holders.length);
    await Promise.all(heartbeats);

    for (const leaseId of leases) expect(await releasedEvents(leaseId)).toBe(1);
    const ended = await db.seatLease.findMany({ where: { id: { in: leases } }, select: { endReason: true } });
    expect(ended.map((l) => l.endReason)).toEqual(["IDLE", "IDLE", "IDLE"]);
  });
});
