import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createPool, createPoolMembers } from "@/test/factories";
import type { Db } from "@/server/db/client";
import { fetchLeaseSpans } from "@/server/insight/rollup";
import { checkoutSeat } from "./checkout";
import { getSeatStatus } from "./status";
import { sweepAll } from "./sweep-job";

/*
 * A lease keeps the idle timeout it was granted under (../../shared/licensing.md: a lease is live
 * until "the idle timeout ... for the pool's timeout"; a fair reading is the timeout agreed when
 * the seat was taken). Before, shortening a pool's timeout ended leases already held at once and
 * dated their end in the past, so history could show a seat free at a moment a refusal was
 * recorded. Timeouts are simulated by moving timestamps back in the database.
 */

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

async function lease(userId: string) {
  return db.seatLease.findFirstOrThrow({ where: { userId }, orderBy: { id: "desc" } });
}

describe("a lease's idle timeout", () => {
  it("is the one it was granted under, when the pool's is shortened later", async () => {
    const pool = await createPool(db, { size: 2, idleTimeoutSeconds: 600 });
    const [early, late] = await createPoolMembers(db, pool.id, 2);
    expect((await checkoutSeat(db, { userId: early!.id })).status).toBe("granted");
    expect((await lease(early!.id)).idleTimeoutSeconds).toBe(600);
    // Idle for 400 s, then an administrator shortens the pool's timeout to 300 s.
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '400 seconds' where "userId"
      = ${early!.id}`;
    await db.seatPool.update({ where: { id: pool.id }, data: { idleTimeoutSeconds: 300 } });

    // The sweep leaves it: 400 s idle is within the 600 s it was granted under.
    await sweepAll(db);
    const held = await lease(early!.id);
    expect(held.endedAt).toBeNull();
    const status = await getSeatStatus(db, early!.id);
    expect(status.lease?.idleReleaseAt.getTime()).toBe(held.lastActivityAt.getTime() + 600_000);
    // The license insight counts it as held too, up to now, not as ended 100 s ago.
    const spans = await fetchLeaseSpans(db, new Date(Date.now() - 3_600_000), new Date(Date.now() + 60_000), pool.id);
    // [grantedAt, held until, idle from]: held until now, not until 400 - 300 = 100 s ago.
    const [, heldUntil] = spans[0]!.spans;
    expect(heldUntil).toBeGreaterThan(held.lastActivityAt.getTime() + 390_000);

    // A lease granted now gets the new timeout.
    expect((await checkoutSeat(db, { userId: late!.id })).status).toBe("granted");
    expect((await lease(late!.id)).idleTimeoutSeconds).toBe(300);

    // Past its own 600 s, the sweep ends it, dated when those elapsed.
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '700 seconds' where "userId"
      = ${early!.id}`;
    await sweepAll(db);
    const ended = await lease(early!.id);
    expect(ended.endReason).toBe("IDLE");
    expect(ended.endedAt!.getTime()).toBe(ended.lastActivityAt.getTime() + 600_000);
  });
});
