import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers } from "@/test/factories";
import { recommendSeatMix } from "@/server/insight/optimizer";
import { getUsageReport } from "@/server/insight/usage-report";
import { DEMO_HISTORY_DAYS, seedDemoSeatHistory } from "./seat-history";
import { planDemoSeatHistory } from "./seat-history-plan";

let db: Db;
let poolId: string;
let seconds: number;
const DAY = 86_400_000;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  await db.entitlement.create({ data: { id: 1, namedSeats: 7, concurrentSeats: 4 } });
  for (let i = 0; i < 7; i++) await createNamedAgent(db);
  const pool = await createPool(db, { size: 4, name: "Specialists", idleTimeoutSeconds: 1800 });
  poolId = pool.id;
  await createPoolMembers(db, pool.id, 20);
  const started = Date.now();
  await seedDemoSeatHistory(db);
  seconds = (Date.now() - started) / 1000;
});

describe("the demo's seat history", () => {
  it("is quick, ends before today and leaves no seat in use", async () => {
    expect(seconds).toBeLessThan(5);
    const [row] = await db.$queryRaw<[{ live: number; queued: number; latest: Date; earliest: Date; today: Date }]>`
      select (select count(*)::int from "SeatLease" where "endedAt" is null) as live,
        (select count(*)::int from "SeatQueueEntry" where "endedAt" is null) as queued,
        (select max("endedAt") from "SeatLease") as latest, (select min("grantedAt") from "SeatLease") as earliest,
        date_trunc('day', now() at time zone 'UTC') at time zone 'UTC' as today`;
    expect(row.live).toBe(0);
    expect(row.queued).toBe(0);
    expect(row.latest.getTime()).toBeLessThan(row.today.getTime());
    expect(row.earliest.getTime()).toBeGreaterThanOrEqual(row.today.getTime() - DEMO_HISTORY_DAYS * DAY);
  });

  it("keeps the seat rules: the pool never over its 4 seats, no one with two seats at once", async () => {
    const [over] = await db.$queryRaw<[{ n: number }]>`
      select count(*)::int as n from "SeatLease" a
      where a."poolId" = ${poolId} and (select count(*) from "SeatLease" b where b."poolId" = a."poolId" and
        b."grantedAt" <= a."grantedAt" and b."endedAt" > a."grantedAt") > 4`;
    expect(over.n).toBe(0);
    const [twice] = await db.$queryRaw<[{ n: number }]>`
      select count(*)::int as n from "SeatLease" a join "SeatLease" b on a."userId" = b."userId" and a.id < b.id
      where a."grantedAt" < b."endedAt" and b."grantedAt" < a."endedAt"`;
    expect(twice.n).toBe(0);
  });

  it("is deterministic", () => {
    const input = {
      todayStart: Date.UTC(2026, 0, 1),
      days: 30,
      named: [{ id: "a", name: "A" }],
      pools: [
        {
          id: "p",
          name: "P",
          size: 2,
          idleTimeoutSeconds: 1800,
          members: [
            { id: "b", name: "B" },
            { id: "c", name: "C" },
            { id: "d", name: "D" },
          ],
        },
      ],
    };
    expect(planDemoSeatHistory(input)).toEqual(planDemoSeatHistory(input));
  });

  it("shows the brief's story in the reports: a few busy hours with refusals, the pool rarely full", async () => {
    const to = new Date();
    const from = new Date(to.getTime() - DEMO_HISTORY_DAYS * DAY);
    const pool = await getUsageReport(db, { from, to, scope: poolId });
    expect(pool.peak).toBe(4);
    expect(pool.refusals.count).toBeGreaterThan(5);
    expect(pool.refusals.ratePercent).toBeLessThan(3);
    const fullHours = pool.hourlyPeaks.filter((h) => h.peak === 4).length;
    const usedHours = pool.hourlyPeaks.filter((h) => h.peak > 0).length;
    expect(fullHours / usedHours).toBeLessThan(0.15);
    const named = await getUsageReport(db, { from, to, scope: "named" });
    expect(named.peak).toBe(7);
    expect(named.agents).toHaveLength(7);
    expect(named.agents.every((a) => a.activeHours > 40 * 7)).toBe(true);
  });

  it("and in the optimizer: these 7 work all day: named; the other 20 share 4", async () => {
    const to = new Date();
    const from = new Date(to.getTime() - DEMO_HISTORY_DAYS * DAY);
    const rec = await recommendSeatMix(db, { from, to, serviceLevel: { kind: "maxRefusalRate", percent: 1 } });
    const text = rec.explanation.join("\n");
    expect(text).toContain("Today's named agents: These 7 work all day (");
    expect(text).toMatch(
      new RegExp(
        "Specialists: the other 20 " +
          "(never needed more than 4 at once|needed up to \\d+ at once, but 4 concurrent seats serve them)",
      ),
    );
    expect(rec.named).toHaveLength(7);
    expect(rec.concurrentSeats).toBe(4);
    expect(rec.replayToday.refused).toBeGreaterThan(0);
  });
});
