import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { createTestDatabase } from "@/test/db";
import { createPool, createPoolMembers } from "@/test/factories";
import { untilWaitingForLocks, watchLockWaits } from "@/test/lock-waits";
import type { Db } from "@/server/db/client";
import { checkoutSeat, type CheckoutResult } from "./checkout";
import { releaseLeaseOfUser } from "./release";
import { lockPool, lockUser } from "./locks";
import { sweepPool } from "./sweep";
import { seatTiming } from "./timing";
import { sweepAll } from "./sweep-job";
import { getSeatStatus } from "./status";

/*
 * Licensing invariants 1 and 2 under contention (../../shared/licensing.md): many agents, each
 * on its own connection (as if on several app instances), race for a few seats. After every
 * round the database itself is asked: open leases of the pool <= its size, nobody holds two,
 * and the recorded history (grantedAt..endedAt) never shows more seats in use than the pool has.
 */

let db: Db;
let newClient: (max?: number) => Db;
const measured: string[] = [];

beforeAll(async () => {
  ({ db, newClient } = await createTestDatabase());
});

afterAll(() => {
  // Measured facts for the report (vitest prints console output of the file).
  if (measured.length) console.info(measured.join("\n"));
});

/** Lets other racers run a little before this one: a random number of microtasks and event-loop turns. */
async function jitter(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++)
    await (i % 2 === 0 ? new Promise((resolve) => setImmediate(resolve)) : Promise.resolve());
}

async function openLeases(poolId: string): Promise<number> {
  const [row] = await db.$queryRaw<
    [{ n: number }]
  >`select count(*)::int as n from "SeatLease" where "poolId" = ${poolId} and "endedAt" is null`;
  return row.n;
}

async function peopleWithTwoOpenLeases(): Promise<number> {
  const [row] = await db.$queryRaw<[{ n: number }]>`
    select count(*)::int as n from (select "userId" from "SeatLease" where "endedAt" is null group by "userId"
      having count(*) > 1) t`;
  return row.n;
}

/**
 * The most leases of the pool the recorded history shows at one instant: the intervals
 * [grantedAt, endedAt) of every lease, ends counted before starts at the same instant. Usage
 * reports are computed from this history, so it must never exceed the pool's size either.
 */
async function peakInHistory(poolId: string): Promise<number> {
  const [row] = await db.$queryRaw<[{ peak: number }]>`
    with points as (
      select "grantedAt" as t, 1 as d from "SeatLease" where "poolId" = ${poolId}
      union all
      select "endedAt", -1 from "SeatLease" where "poolId" = ${poolId} and "endedAt" is not null
    )
    select coalesce(max(running), 0)::int as peak
    from (select sum(d) over (order by t, d rows unbounded preceding) as running from points) s`;
  return row.peak;
}

/**
 * Refusals (among events whose requestId starts with `prefix`) dated at an instant when the
 * recorded history shows a free seat: a refusal must be dated when the pool was full. A lease
 * ending in the same millisecond counts as still open (timestamps are stored to the ms).
 */
async function refusalsWithAFreeSeat(prefix: string, size: number): Promise<number> {
  const [row] = await db.$queryRaw<[{ n: number }]>`
    select count(*)::int as n from "SeatEvent" e
    where e.type = 'REFUSED' and e."requestId" like ${prefix + "%"}
      and (select count(*) from "SeatLease" l where l."poolId" = e."poolId" and l."grantedAt" <= e.at and
        (l."endedAt" is null or l."endedAt" >= e.at)) < ${size}`;
  return row.n;
}

/**
 * Opens `n` connections of the client at once and keeps them until all are open, so the racers
 * that follow really start together: the pg pool closes connections idle for 10 s, and opening
 * 200 (password hashing on both sides) would otherwise spread the racers' starts over seconds.
 */
async function warmUp(client: Db, n: number): Promise<void> {
  let open = 0;
  let allOpen!: () => void;
  const everyoneIn = new Promise<void>((resolve) => (allOpen = resolve));
  await Promise.all(
    Array.from({ length: n }, () =>
      client.$transaction(
        async (tx) => {
          await tx.$queryRaw`select 1 as one`;
          if (++open === n) allOpen();
          await everyoneIn;
        },
        { maxWait: 60_000, timeout: 60_000 },
      ),
    ),
  );
}

/** Ends every open lease of the pool between rounds (test reset, not an app path). */
async function emptyPool(poolId: string): Promise<void> {
  await db.$executeRaw`update "SeatLease" set "endedAt" = clock_timestamp(), "endReason" = 'SIGN_OUT' where
    "poolId" = ${poolId} and "endedAt" is null`;
}

/** Marks a promise as handled (it is awaited later), so a failure there is reported by the test, not as unhandled. */
function later<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function refusalIsHonest(result: CheckoutResult): void {
  // A refusal says "N of N": it must be true of what the database counted at that moment.
  if (result.status === "refused")
    expect(result.pool.inUse + result.pool.reserved).toBeGreaterThanOrEqual(result.pool.size);
}

// Rounds of the 200-agent race and runs of the random mix (SEAT_RACE_ROUNDS, SEAT_MIX_RUNS to
// try harder); each 200-agent round takes 4-15 s on a busy 2-core machine.
const rounds = Number(process.env.SEAT_RACE_ROUNDS ?? 20);
const mixRuns = Number(process.env.SEAT_MIX_RUNS ?? 40);

describe("200 agents race for 4 seats", () => {
  it(
    "grants exactly 4 and refuses 196, every round, whatever the interleaving",
    { timeout: 120_000 + rounds * 60_000 },
    async () => {
      const racersDb = newClient(200);
      const pool = await createPool(db, { size: 4 });
      const agents = await createPoolMembers(db, pool.id, 200);
      const times: number[] = [];
      const peaks: number[] = [];
      let round = 0;

      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(6), { minLength: 200, maxLength: 200 }), async (delays) => {
          round++;
          await emptyPool(pool.id);
          await warmUp(racersDb, 200);
          const started = performance.now();
          const watching = watchLockWaits(db);
          const results = await Promise.all(
            agents.map(async (agent, i) => {
              await jitter(delays[i]!);
              return checkoutSeat(racersDb, {
                userId: agent.id,
                authSessionId: `s-${round}-${i}`,
                requestId: `race-${round}-${i}`,
              });
            }),
          );
          times.push(performance.now() - started);
          // The racers really raced: several of them queued on the pool's lock at the same moment in
          // every round, and 20 or more in a typical round (checked after the rounds). The watcher
          // samples pg_stat_activity from its own connection, so on a loaded machine one round's
          // sample can miss the crowd (a round of 11 was seen while 8 engineers shared 2 cores).
          const peak = await watching.stop();
          peaks.push(peak);
          expect(peak).toBeGreaterThanOrEqual(5);

          const granted = results.filter((r) => r.status === "granted");
          expect(granted).toHaveLength(4);
          expect(results.filter((r) => r.status === "refused")).toHaveLength(196);
          expect(granted.every((r) => r.status === "granted" && !r.reused)).toBe(true);
          results.forEach(refusalIsHonest);
          expect(await openLeases(pool.id)).toBe(4);
          expect(await peopleWithTwoOpenLeases()).toBe(0);
          const [events] = await db.$queryRaw<[{ granted: number; refused: number }]>`
          select count(*) filter (where type = 'GRANTED')::int as granted, count(*) filter (where type =
            'REFUSED')::int as refused
          from "SeatEvent" where "requestId" like ${`race-${round}-%`}`;
          expect(events).toEqual({ granted: 4, refused: 196 });
          expect(await refusalsWithAFreeSeat(`race-${round}-`, 4)).toBe(0);
        }),
        { numRuns: rounds },
      );
      expect(await peakInHistory(pool.id)).toBe(4);
      const sortedPeaks = [...peaks].sort((a, b) => a - b);
      expect(sortedPeaks[sortedPeaks.length >> 1]).toBeGreaterThanOrEqual(20);
      const sorted = [...times].sort((a, b) => a - b);
      measured.push(
        `200 racers x ${rounds} rounds for a 4-seat pool: granted exactly 4 every round; up ` +
          `to ${Math.max(...peaks)} (min ${Math.min(...peaks)}) waited for the pool lock at once; per round ` +
          `median ${Math.round(sorted[sorted.length >> 1]!)} ms, max ${Math.round(sorted.at(-1)!)} ms`,
      );
    },
  );
});

describe("random pools, agents, delays and releases, across several app instances", () => {
  // "expired": the holder's idle timeout elapsed just before the round; nobody swept it yet.
  type HolderAction = "keep" | "release" | "release-then-checkout" | "checkout-again" | "expired";
  const holderAction = fc.constantFrom<HolderAction>(
    "keep",
    "release",
    "release-then-checkout",
    "checkout-again",
    "expired",
  );

  it(
    "never has more open leases than seats, nor anyone with two, in the database or its history, with sweepers running",
    { timeout: 60_000 + mixRuns * 30_000 },
    async () => {
      // Three app instances, each with its own connection pool.
      const instances = [newClient(30), newClient(30), newClient(30)];
      const population = await createPoolMembers(db, (await createPool(db, { size: 1 })).id, 40);
      let run = 0;

      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 6 }),
          fc.integer({ min: 1, max: 34 }),
          fc.array(holderAction, { minLength: 6, maxLength: 6 }),
          fc.array(fc.nat(8), { minLength: 40, maxLength: 40 }),
          async (size, newcomers, actions, delays) => {
            run++;
            const pool = await createPool(db, { size });
            await db.$executeRaw`update "SeatLease" set "endedAt" = clock_timestamp(), "endReason" = 'SIGN_OUT'
              where "endedAt" is null`;
            await db.seatAssignment.updateMany({
              where: { userId: { in: population.map((p) => p.id) } },
              data: { poolId: pool.id },
            });

            // The pool starts full: `size` holders, then newcomers and holders act at once.
            const holders = population.slice(0, size);
            for (const h of holders) expect((await checkoutSeat(db, { userId: h.id })).status).toBe("granted");
            const others = population.slice(size, size + newcomers);
            const instanceOf = (i: number) => instances[i % instances.length]!;
            const requestId = (i: number) => `mix-${run}-${i}`;
            const expired = holders.filter((_, i) => actions[i] === "expired").map((h) => h.id);
            await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '1801 seconds' where
              "userId" = any(${expired}) and "endedAt" is null`;

            const holderResults = holders.map(async (h, i) => {
              const action = actions[i]!;
              const client = instanceOf(i);
              await jitter(delays[i]!);
              if (action === "keep" || action === "expired") return null;
              if (action === "checkout-again") return checkoutSeat(client, { userId: h.id, requestId: requestId(i) });
              await releaseLeaseOfUser(client, { userId: h.id, reason: "SIGN_OUT", requestId: requestId(i) });
              if (action === "release") return null;
              await jitter(delays[39 - i]!);
              return checkoutSeat(client, { userId: h.id, requestId: requestId(i) });
            });
            const newcomerResults = others.map(async (a, j) => {
              await jitter(delays[6 + j]!);
              return checkoutSeat(instanceOf(j + 1), { userId: a.id, requestId: requestId(6 + j) });
            });
            // Meanwhile every instance's sweeper runs, and some consoles poll their seat status.
            const background = [
              ...instances.map(async (client, k) => {
                await jitter(delays[k * 3]!);
                await sweepAll(client);
              }),
              ...others.slice(0, 3).map(async (a, k) => {
                await jitter(delays[20 + k]!);
                await getSeatStatus(instanceOf(k), a.id, { requestId: requestId(100 + k) });
              }),
            ];
            const [results] = await Promise.all([
              Promise.all([...holderResults, ...newcomerResults]).then((all) =>
                all.filter((r): r is CheckoutResult => r !== null),
              ),
              Promise.all(background),
            ]);

            results.forEach(refusalIsHonest);
            const open = await openLeases(pool.id);
            expect(open).toBeLessThanOrEqual(size);
            expect(await peopleWithTwoOpenLeases()).toBe(0);
            expect(await peakInHistory(pool.id)).toBeLessThanOrEqual(size);
            expect(await refusalsWithAFreeSeat(`mix-${run}-`, size)).toBe(0);
            // Every grant the callers were told of is a lease the database holds open, and no one else's.
            const grantedIds = results.flatMap((r) => (r.status === "granted" ? [r.leaseId] : []));
            const stillOpen = await db.seatLease.count({ where: { id: { in: grantedIds }, endedAt: null } });
            expect(stillOpen).toBe(new Set(grantedIds).size);
            // Seats freed while newcomers were refused are not wasted: if anyone was refused, the pool ends full.
            const released = actions.slice(0, size).filter((a) => a === "release").length;
            if (results.some((r) => r.status === "refused") && released === 0) expect(open).toBe(size);
          },
        ),
        { numRuns: mixRuns },
      );
      measured.push(
        `mixed checkouts/releases/expiries with sweepers on 3 instances: ${run} random runs, pool sizes ` +
          `1..6, never above size`,
      );
    },
  );
});

describe("lock ordering: the sweep, checkouts and releases never deadlock", () => {
  const timing = seatTiming();

  it("a returning agent whose lease timed out checks out while the pool is being swept", async () => {
    const pool = await createPool(db, { size: 3 });
    const [returning] = await createPoolMembers(db, pool.id, 1);
    await checkoutSeat(db, { userId: returning!.id });
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '31 minutes' where "userId" =
      ${returning!.id} and "endedAt" is null`;
    const other = newClient(2);

    // The sweeper has the pool locked; the returning agent's checkout ends its own expired
    // lease, then waits for the pool; the sweeper then sweeps that same lease.
    let checkout: Promise<CheckoutResult> | undefined;
    const sweeping = other.$transaction(async (tx) => {
      const locked = await lockPool(tx, pool.id);
      checkout = later(checkoutSeat(db, { userId: returning!.id, requestId: "returning" }));
      await untilWaitingForLocks(db, 1);
      await sweepPool(tx, locked!, timing, "sweeper");
    });
    const [swept] = await Promise.allSettled([sweeping]);
    const [checkedOut] = await Promise.allSettled([checkout!]);
    expect(swept.status).toBe("fulfilled");
    expect(checkedOut).toMatchObject({ status: "fulfilled", value: { status: "granted", reused: false } });
    const ended = await db.seatLease.findMany({ where: { userId: returning!.id, endedAt: { not: null } } });
    expect(ended).toHaveLength(1);
    expect(ended[0]!.endReason).toBe("IDLE");
  });

  it("two returning agents whose leases timed out check out at the same moment", async () => {
    const pool = await createPool(db, { size: 3 });
    const [first, second] = await createPoolMembers(db, pool.id, 2);
    for (const a of [first!, second!]) await checkoutSeat(db, { userId: a.id });
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '31 minutes' where "poolId" =
      ${pool.id} and "endedAt" is null`;
    const other = newClient(2);

    // The second agent's checkout holds the pool while the first one's has ended its own lease
    // and waits for the pool: the second's sweep must not wait for the first's lease row.
    const result = await other.$transaction(async (tx) => {
      await lockPool(tx, pool.id);
      const firstCheckout = later(checkoutSeat(db, { userId: first!.id }));
      await untilWaitingForLocks(db, 1);
      const secondResult = await checkoutSeat(tx, { userId: second!.id });
      return { secondResult, firstCheckout };
    });
    expect(result.secondResult.status).toBe("granted");
    expect((await result.firstCheckout).status).toBe("granted");
    expect(await openLeases(pool.id)).toBe(2);
  });

  it("an administrator ends a timed-out lease while the sweeper holds the pool", async () => {
    const pool = await createPool(db, { size: 2 });
    const [agent] = await createPoolMembers(db, pool.id, 1);
    await checkoutSeat(db, { userId: agent!.id });
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '31 minutes' where "userId" =
      ${agent!.id} and "endedAt" is null`;
    const other = newClient(2);

    const release = await other.$transaction(async (tx) => {
      const locked = await lockPool(tx, pool.id);
      const pending = later(releaseLeaseOfUser(db, { userId: agent!.id, reason: "ADMIN", note: "tidy up" }));
      await untilWaitingForLocks(db, 1);
      await sweepPool(tx, locked!, timing, "sweeper");
      return { pending };
    });
    await expect(release.pending).resolves.toMatchObject({});
    const leases = await db.seatLease.findMany({ where: { userId: agent!.id } });
    expect(leases).toHaveLength(1);
    expect(leases[0]!.endedAt).not.toBeNull();
  });
});

describe("an app instance that dies", () => {
  it("in the middle of a checkout grants nothing, records nothing and blocks nobody", async () => {
    const pool = await createPool(db, { size: 1 });
    const [dying, next] = await createPoolMembers(db, pool.id, 2);
    const doomed = newClient(1);
    const outcome = await doomed
      .$transaction(async (tx) => {
        const [{ pid }] = await tx.$queryRaw<[{ pid: number }]>`select pg_backend_pid() as pid`;
        // Granted inside the dying instance's transaction, which holds the pool's lock...
        expect(await checkoutSeat(tx, { userId: dying!.id })).toMatchObject({ status: "granted" });
        // ...when the instance's connection dies before the commit.
        await db.$queryRaw`select pg_terminate_backend(${pid}::int) as killed`;
        await tx.$queryRaw`select 1 as never`;
      })
      .then(
        () => "committed",
        (error: unknown) => error,
      );
    expect(outcome).toBeInstanceOf(Error);
    expect(await db.seatLease.count({ where: { userId: dying!.id } })).toBe(0);
    expect(await db.seatEvent.count({ where: { userId: dying!.id } })).toBe(0);
    expect(await checkoutSeat(db, { userId: next!.id })).toMatchObject({ status: "granted" });
  });
});

describe("the recorded history follows the order the database decided in", () => {
  it("a seat freed by a release is not dated as granted before that release", async () => {
    // A pool of 1: A holds it. B's checkout starts first but waits (another of B's tabs holds
    // B's row); A releases meanwhile; then B gets the seat A freed.
    const pool = await createPool(db, { size: 1 });
    const [a, b] = await createPoolMembers(db, pool.id, 2);
    await checkoutSeat(db, { userId: a!.id });
    const other = newClient(3);

    const pendingB = await other.$transaction(async (tx) => {
      await lockUser(tx, b!.id);
      const checkout = later(checkoutSeat(db, { userId: b!.id, requestId: "b" }));
      await untilWaitingForLocks(db, 1);
      await releaseLeaseOfUser(other, { userId: a!.id, reason: "SIGN_OUT", requestId: "a" });
      return { checkout };
    });
    expect((await pendingB.checkout).status).toBe("granted");

    const leaseA = await db.seatLease.findFirstOrThrow({ where: { userId: a!.id } });
    const leaseB = await db.seatLease.findFirstOrThrow({ where: { userId: b!.id } });
    expect(leaseB.grantedAt.getTime()).toBeGreaterThanOrEqual(leaseA.endedAt!.getTime());
    expect(await peakInHistory(pool.id)).toBe(1);
    const released = await db.seatEvent.findFirstOrThrow({ where: { type: "RELEASED", requestId: "a" } });
    const granted = await db.seatEvent.findFirstOrThrow({ where: { type: "GRANTED", requestId: "b" } });
    expect(granted.at.getTime()).toBeGreaterThanOrEqual(released.at.getTime());
  });
});
