import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { createTestDatabase } from "@/test/db";
import { createPool, createPoolMembers } from "@/test/factories";
import { untilWaitingForLocks } from "@/test/lock-waits";
import type { Db } from "@/server/db/client";
import type { Tx } from "@/server/db/transaction";
import { checkoutSeat } from "./checkout";
import { releaseLeaseOfUser } from "./release";
import { assertLiveLease } from "./fence";
import { seatTiming } from "./timing";

/*
 * The seat fence (../../shared/licensing.md, design notes): a seat-gated write checks, in its own
 * transaction, that the writer's lease is live by the database clock. A stale holder is refused,
 * and a release racing a write is ordered: the write commits before the end, or is refused.
 */

let db: Db;
let newClient: (max?: number) => Db;
beforeAll(async () => {
  ({ db, newClient } = await createTestDatabase());
});

const timing = seatTiming();
const TX = { maxWait: 20_000, timeout: 30_000 };

async function seated(options: { idleTimeoutSeconds?: number } = {}) {
  const pool = await createPool(db, { size: 2, ...options });
  const [agent] = await createPoolMembers(db, pool.id, 1);
  const result = await checkoutSeat(db, { userId: agent!.id });
  if (result.status !== "granted") throw new Error("no seat");
  return { pool, agent: agent!, leaseId: result.leaseId };
}

/** A seat-gated write: fence, then a row that must not survive if the fence fails. */
async function fencedWrite(tx: Tx, userId: string, groupName: string) {
  await assertLiveLease(tx, userId, timing);
  await tx.group.create({ data: { name: groupName } });
}

async function clock(tx: Tx): Promise<Date> {
  const [{ at }] = await tx.$queryRaw<[{ at: Date }]>`select clock_timestamp() as at`;
  return at;
}

const groupName = () => `fenced-${randomBytes(4).toString("hex")}`;

describe("assertLiveLease refuses a stale holder", () => {
  it("passes for a live lease and returns its id (the fence number)", async () => {
    const { agent, leaseId } = await seated();
    await expect(db.$transaction((tx) => assertLiveLease(tx, agent.id, timing))).resolves.toBe(leaseId);
  });

  it("refuses when the lease has ended, and the write rolls back", async () => {
    const { agent } = await seated();
    await releaseLeaseOfUser(db, { userId: agent.id, reason: "ADMIN" });
    const name = groupName();
    await expect(db.$transaction((tx) => fencedWrite(tx, agent.id, name))).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      details: { seat: "ended" },
    });
    expect(await db.group.count({ where: { name } })).toBe(0);
  });

  it("refuses when the idle timeout elapsed but no sweep ended the lease yet", async () => {
    const { agent, leaseId } = await seated({ idleTimeoutSeconds: 600 });
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '601 seconds' where id =
      ${leaseId}`;
    await expect(db.$transaction((tx) => assertLiveLease(tx, agent.id, timing))).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    // Nor did the refused write refresh it.
    const lease = await db.seatLease.findUniqueOrThrow({ where: { id: leaseId } });
    expect(Date.now() - lease.lastActivityAt.getTime()).toBeGreaterThan(590_000);
  });

  it("refuses when every tab was closed longer than the presence grace", async () => {
    const { agent, leaseId } = await seated();
    await db.$executeRaw`update "SeatLease" set "lastPresenceAt" = now() - make_interval(secs =>
      ${timing.presenceGraceSeconds + 1}) where id = ${leaseId}`;
    await expect(db.$transaction((tx) => assertLiveLease(tx, agent.id, timing))).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
  });

  it("refuses someone who never had a seat", async () => {
    const pool = await createPool(db, { size: 1 });
    const [agent] = await createPoolMembers(db, pool.id, 1);
    await expect(db.$transaction((tx) => assertLiveLease(tx, agent!.id, timing))).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
  });
});

describe("a fenced write counts as activity", () => {
  it("restarts the idle countdown and marks presence", async () => {
    const { agent, leaseId } = await seated({ idleTimeoutSeconds: 900 });
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '800 seconds',
      "lastPresenceAt" = now() - interval '100 seconds' where id = ${leaseId}`;
    const writeTime = await db.$transaction(async (tx) => {
      await fencedWrite(tx, agent.id, groupName());
      const [{ now }] = await tx.$queryRaw<[{ now: Date }]>`select now()::timestamptz(3) as now`; // stored to the ms
      return now;
    });
    const lease = await db.seatLease.findUniqueOrThrow({ where: { id: leaseId } });
    expect(lease.lastActivityAt).toEqual(writeTime);
    expect(lease.lastPresenceAt).toEqual(writeTime);
  });
});

describe("a release racing a fenced write is ordered", () => {
  it("a release that comes while the write is open waits for it, and is dated after it", async () => {
    const { agent, leaseId } = await seated();
    const name = groupName();
    let release: Promise<unknown> | undefined;
    const lastWriteAt = await db.$transaction(async (tx) => {
      await fencedWrite(tx, agent.id, name);
      release = releaseLeaseOfUser(newClient(1), { userId: agent.id, reason: "ADMIN" });
      release.catch(() => undefined);
      await untilWaitingForLocks(db, 1);
      return clock(tx);
    }, TX);
    await release;
    expect(await db.group.count({ where: { name } })).toBe(1);
    const lease = await db.seatLease.findUniqueOrThrow({ where: { id: leaseId } });
    expect(lease.endedAt!.getTime()).toBeGreaterThanOrEqual(lastWriteAt.getTime());
    expect(lease.endedAt!.getTime()).toBeGreaterThanOrEqual(lease.lastActivityAt.getTime());
  });

  it("a release whose transaction began before the write is still dated after the write", async () => {
    // E.g. an administrator's release that waited for the person's row while the write ran.
    const { agent, leaseId } = await seated();
    const name = groupName();
    const other = newClient(2);
    let writeStarted!: () => void;
    const started = new Promise<void>((resolve) => (writeStarted = resolve));
    let lastWriteAt: Date | undefined;

    const release = other.$transaction(async (tx) => {
      await tx.$queryRaw`select 1 as begun`;
      await started;
      return releaseLeaseOfUser(tx, { userId: agent.id, reason: "ADMIN" });
    }, TX);
    release.catch(() => undefined);
    await untilBegun();
    await db.$transaction(async (tx) => {
      await fencedWrite(tx, agent.id, name);
      writeStarted();
      await untilWaitingForLocks(db, 1);
      lastWriteAt = await clock(tx);
    }, TX);
    await release;

    const lease = await db.seatLease.findUniqueOrThrow({ where: { id: leaseId } });
    expect(await db.group.count({ where: { name } })).toBe(1);
    expect(lease.endedAt!.getTime()).toBeGreaterThanOrEqual(lastWriteAt!.getTime());
    const event = await db.seatEvent.findFirstOrThrow({ where: { type: "RELEASED", leaseId } });
    expect(event.at).toEqual(lease.endedAt);
  });

  it("a write after a committed release is refused and leaves nothing behind", async () => {
    const { agent } = await seated();
    await releaseLeaseOfUser(db, { userId: agent.id, reason: "SIGN_OUT" });
    const name = groupName();
    await expect(db.$transaction((tx) => fencedWrite(tx, agent.id, name))).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    expect(await db.group.count({ where: { name } })).toBe(0);
  });

  it("under random interleavings, every write either committed before the end or was refused", async () => {
    const writers = newClient(4);
    const releasers = newClient(4);
    await fc.assert(
      fc.asyncProperty(fc.nat(6), fc.nat(6), fc.boolean(), async (writeDelay, releaseDelay, slowWrite) => {
        const { agent, leaseId } = await seated();
        const name = groupName();
        const turns = async (n: number) => {
          for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
        };
        const [write, release] = await Promise.allSettled([
          (async () => {
            await turns(writeDelay);
            return writers.$transaction(async (tx) => {
              await fencedWrite(tx, agent.id, name);
              if (slowWrite) await tx.$queryRaw`select count(*)::int as n from "SeatEvent"`;
              return clock(tx);
            }, TX);
          })(),
          (async () => {
            await turns(releaseDelay);
            return releaseLeaseOfUser(releasers, { userId: agent.id, reason: "ADMIN" });
          })(),
        ]);
        expect(release.status).toBe("fulfilled");
        const lease = await db.seatLease.findUniqueOrThrow({ where: { id: leaseId } });
        if (write.status === "fulfilled") {
          expect(await db.group.count({ where: { name } })).toBe(1);
          expect(lease.endedAt!.getTime()).toBeGreaterThanOrEqual(write.value.getTime());
        } else {
          expect(write.reason).toMatchObject({ code: "PRECONDITION_FAILED" });
          expect(await db.group.count({ where: { name } })).toBe(0);
        }
      }),
      { numRuns: 40 },
    );
  });
});

/** Waits until the release's transaction has begun (its session is idle in transaction). */
async function untilBegun(): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [row] = await db.$queryRaw<[{ n: number }]>`
      select count(*)::int as n from pg_stat_activity where datname = current_database() and state =
        'idle in transaction' and query like 'select 1 as begun%'`;
    if (row.n >= 1) return;
    if (Date.now() > deadline) throw new Error("the release's transaction did not begin");
    await new Promise((resolve) => setImmediate(resolve));
  }
}
