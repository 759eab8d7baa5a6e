import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createPool, createPoolMembers } from "@/test/factories";
import type { Db } from "@/server/db/client";
import { checkoutSeat } from "./checkout";
import { releaseLeaseOfUser } from "./release";
import { getSeatStatus } from "./status";

/** What the console's seat status tells an agent who has no seat. */
let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

describe("seat status", () => {
  it("reports only a lease ending of the current sign-in, not yesterday's sign-out", async () => {
    const pool = await createPool(db, { size: 1 });
    const [agent] = await createPoolMembers(db, pool.id, 1);
    await checkoutSeat(db, { userId: agent!.id });
    await releaseLeaseOfUser(db, { userId: agent!.id, reason: "SIGN_OUT" });
    await db.$executeRaw`update "SeatLease" set "endedAt" = now() - interval '1 day' where "userId" = ${agent!.id}`;

    const signedInAt = new Date(Date.now() - 60_000);
    expect((await getSeatStatus(db, agent!.id, { endedSince: signedInAt })).lastEnd).toBeNull();

    await checkoutSeat(db, { userId: agent!.id });
    await releaseLeaseOfUser(db, { userId: agent!.id, reason: "ADMIN", note: "audit" });
    const status = await getSeatStatus(db, agent!.id, { endedSince: signedInAt });
    expect(status.lastEnd?.reason).toBe("ADMIN");
    expect(status.lastEnd?.message).toContain("audit");
  });

  it("says when the next seat frees at the latest: the earliest idle end, however long tabs stay open", async () => {
    const pool = await createPool(db, { size: 2, idleTimeoutSeconds: 600 });
    const [a, b, waiting] = await createPoolMembers(db, pool.id, 3);
    await checkoutSeat(db, { userId: a!.id });
    await checkoutSeat(db, { userId: b!.id });
    // a was last active 5 minutes ago but keeps a tab open (presence just now).
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '5 minutes', "lastPresenceAt"
      = now() where "userId" = ${a!.id} and "endedAt" is null`;
    const status = await getSeatStatus(db, waiting!.id);
    const [{ expected }] = await db.$queryRaw<[{ expected: Date }]>`
      select min("lastActivityAt") + interval '600 seconds' as expected from "SeatLease" where "poolId" =
        ${pool.id} and "endedAt" is null`;
    expect(status.pool?.nextFreeAtLatest?.getTime()).toBe(expected.getTime());
  });
});
