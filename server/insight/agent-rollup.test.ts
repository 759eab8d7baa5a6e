import { beforeAll, describe, expect, it } from "vitest";
import { closeDb, type Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers } from "@/test/factories";
import { writePastHistory, type PastLease, type PastQueueStay, type PastRefusal } from "./history-writer";
import { loadAgentUsage } from "./agents";
import { refreshAgentDayRollup } from "./agent-rollup";
import { getUsageReport } from "./usage-report";
import { refreshInsightRollups } from "./rollup-job";
import type { AgentUsage } from "./types";
import { mulberry32 } from "@/lib/seeded-random";

const ZONE = "Europe/Paris";
const H = 3_600_000;
let db: Db;
let poolId: string;

const byUser = (agents: AgentUsage[]) => new Map(agents.map((a) => [a.userId, a]));

/** The rolled-up answer equals the live one (hours are rounded to 0.01 on both sides, so allow one step). */
function expectSameUsage(rolled: AgentUsage[], live: AgentUsage[]) {
  expect(rolled.length).toBe(live.length);
  const liveOf = byUser(live);
  for (const r of rolled) {
    const l = liveOf.get(r.userId)!;
    expect(l, r.userId).toBeDefined();
    expect({ leases: r.leases, days: r.daysActive, refusals: r.refusals }).toEqual({
      leases: l.leases,
      days: l.daysActive,
      refusals: l.refusals,
    });
    expect(Math.abs(r.heldHours - l.heldHours)).toBeLessThanOrEqual(0.011);
    expect(Math.abs(r.activeHours - l.activeHours)).toBeLessThanOrEqual(0.011);
    expect(Math.abs(r.waitedSeconds - l.waitedSeconds)).toBeLessThanOrEqual(1);
  }
}

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  await db.ticketSettings.update({ where: { id: 1 }, data: { timeZone: ZONE } });
  const pool = await createPool(db, { size: 2, name: "Rollup pool" });
  poolId = pool.id;
  const members = await createPoolMembers(db, pool.id, 4);
  const named = [await createNamedAgent(db), await createNamedAgent(db)];
  const rand = mulberry32(20261125);
  const leases: PastLease[] = [];
  const refusals: PastRefusal[] = [];
  const queue: PastQueueStay[] = [];
  // February to April 2026: three month ends and the night Paris moves its clocks (29 March).
  const start = Date.UTC(2026, 1, 3, 5);
  const end = Date.UTC(2026, 3, 28);
  for (const person of [...members, ...named]) {
    const inPool = members.includes(person);
    let t = start + rand() * 10 * H;
    while (t < end) {
      // Mostly a few hours; some over midnight; now and then a lease of up to three days.
      const hours = rand() < 0.08 ? 20 + rand() * 52 : 0.2 + rand() * 9;
      const endedAt = t + hours * H;
      const idle = rand() < 0.3;
      leases.push({
        userId: person.id,
        userName: person.name,
        poolId: inPool ? pool.id : null,
        poolName: inPool ? pool.name : null,
        grantedAt: new Date(t),
        endedAt: new Date(endedAt),
        ...(idle ? { endReason: "IDLE" as const, lastActivityAt: new Date(endedAt - 0.5 * H) } : {}),
      });
      if (inPool && rand() < 0.25) {
        const refusedAt = endedAt + rand() * 3 * H;
        refusals.push({
          userId: person.id,
          userName: person.name,
          poolId: pool.id,
          poolName: pool.name,
          at: new Date(refusedAt),
        });
        if (rand() < 0.5)
          queue.push({
            userId: person.id,
            userName: person.name,
            poolId: pool.id,
            poolName: pool.name,
            enqueuedAt: new Date(refusedAt),
            endedAt: new Date(refusedAt + rand() * H),
            outcome: "LEFT",
          });
      }
      t = endedAt + (4 + rand() * 30) * H;
    }
  }
  await writePastHistory(db, { leases, refusals, queue });
});

describe("per-person rollup", () => {
  it("counts what one live pass counts, for any period, scope and the desk's time zone", async () => {
    const rollup = await refreshAgentDayRollup(db, ZONE);
    expect(rollup.rolledUpTo > "2026-04-28").toBe(true);
    expect(rollup.longestLeaseSeconds).toBeGreaterThan(20 * 3600);
    const rand = mulberry32(7);
    const periods: [Date, Date][] = [
      [new Date(Date.UTC(2026, 1, 1)), new Date(Date.UTC(2026, 4, 1))],
      // Local midnights exactly (no live head), and the whole of March (one month row).
      [new Date(Date.UTC(2026, 1, 28, 23)), new Date(Date.UTC(2026, 2, 31, 22))],
      // Within one day: no whole day, all live.
      [new Date(Date.UTC(2026, 2, 10, 3)), new Date(Date.UTC(2026, 2, 10, 20))],
    ];
    for (let i = 0; i < 6; i++) {
      const from = Date.UTC(2026, 1, 1) + Math.floor(rand() * 80 * 24) * H;
      periods.push([new Date(from), new Date(from + Math.ceil(rand() * 40 * 24) * H)]);
    }
    for (const [from, to] of periods) {
      for (const scope of ["all", "named", poolId]) {
        const live = await loadAgentUsage(db, from, to, scope, ZONE, null);
        const rolled = await loadAgentUsage(db, from, to, scope, ZONE, rollup);
        expectSameUsage(rolled, live);
      }
    }
  });

  it(
    "cuts a lease at local midnight: a night shift is active on two days and counted once, where it " + "started",
    async () => {
      const pool = await createPool(db, { size: 1 });
      const [a] = await createPoolMembers(db, pool.id, 1);
      // 22:00 to 02:00 in Paris (winter: UTC+1).
      await writePastHistory(db, {
        leases: [
          {
            userId: a!.id,
            userName: a!.name,
            poolId: pool.id,
            poolName: pool.name,
            grantedAt: new Date(Date.UTC(2026, 0, 12, 21)),
            endedAt: new Date(Date.UTC(2026, 0, 13, 1)),
          },
        ],
      });
      const rollup = await refreshAgentDayRollup(db, ZONE);
      const whole = await loadAgentUsage(
        db,
        new Date(Date.UTC(2026, 0, 10)),
        new Date(Date.UTC(2026, 0, 20)),
        pool.id,
        ZONE,
        rollup,
      );
      expect(whole).toEqual([expect.objectContaining({ userId: a!.id, leases: 1, daysActive: 2, heldHours: 4 })]);
      // A period starting after the grant counts the hours held within it, and no lease.
      const later = await loadAgentUsage(
        db,
        new Date(Date.UTC(2026, 0, 12, 23)),
        new Date(Date.UTC(2026, 0, 20)),
        pool.id,
        ZONE,
        rollup,
      );
      expect(later).toEqual([expect.objectContaining({ leases: 0, daysActive: 1, heldHours: 2 })]);
    },
  );

  it("history written later for days already rolled up is counted by the next report", async () => {
    const pool = await createPool(db, { size: 1 });
    const [a] = await createPoolMembers(db, pool.id, 1);
    const period = { from: new Date(Date.UTC(2026, 4, 10)), to: new Date(Date.UTC(2026, 4, 20)), scope: pool.id };
    const lease = (day: number) => ({
      userId: a!.id,
      userName: a!.name,
      poolId: pool.id,
      poolName: pool.name,
      grantedAt: new Date(Date.UTC(2026, 4, day, 8)),
      endedAt: new Date(Date.UTC(2026, 4, day, 10)),
    });
    await writePastHistory(db, { leases: [lease(11)] });
    expect((await getUsageReport(db, period)).agents[0]).toMatchObject({ leases: 1, heldHours: 2 });
    await writePastHistory(db, {
      leases: [lease(12)],
      refusals: [
        {
          userId: a!.id,
          userName: a!.name,
          poolId: pool.id,
          poolName: pool.name,
          at: new Date(Date.UTC(2026, 4, 13, 9)),
        },
      ],
    });
    expect((await getUsageReport(db, period)).agents[0]).toMatchObject({
      leases: 2,
      heldHours: 4,
      daysActive: 2,
      refusals: 1,
    });
  });

  it("a report in another time zone counts live, with the same totals", async () => {
    const period = { from: new Date(Date.UTC(2026, 1, 1)), to: new Date(Date.UTC(2026, 4, 1)), scope: "all" };
    const desk = await getUsageReport(db, period);
    const tokyo = await getUsageReport(db, { ...period, timeZone: "Asia/Tokyo" });
    expect(desk.timeZone).toBe(ZONE);
    const tokyoOf = byUser(tokyo.agents);
    for (const a of desk.agents) {
      expect(tokyoOf.get(a.userId)).toMatchObject({ leases: a.leases, refusals: a.refusals, heldHours: a.heldHours });
    }
    const rows = await db.$queryRaw<
      { zones: string[] }[]
    >`select array_agg(distinct "timeZone") as zones from "SeatUsageAgentDay"`;
    expect(rows[0]!.zones).toEqual([ZONE]);
  });
});

describe("rollups run side by side", () => {
  it("reports and background refreshes racing on a fresh rollup all succeed and agree", async () => {
    const { db: fresh } = await createTestDatabase();
    const pool = await createPool(fresh, { size: 1 });
    const [a] = await createPoolMembers(fresh, pool.id, 1);
    const leases = Array.from({ length: 90 }, (_, day) => ({
      userId: a!.id,
      userName: a!.name,
      poolId: pool.id,
      poolName: pool.name,
      grantedAt: new Date(Date.UTC(2026, 0, 1 + day, 8)),
      endedAt: new Date(Date.UTC(2026, 0, 1 + day, 12)),
    }));
    await writePastHistory(fresh, { leases });
    const period = { from: new Date(Date.UTC(2026, 0, 1)), to: new Date(Date.UTC(2026, 3, 1)), scope: "all" };
    const results = await Promise.all([
      getUsageReport(fresh, period),
      getUsageReport(fresh, period),
      refreshAgentDayRollup(fresh, "UTC"),
      getUsageReport(fresh, period),
    ]);
    for (const report of [results[0], results[1], results[3]]) {
      expect(report.agents).toEqual([
        expect.objectContaining({ userId: a!.id, leases: 90, heldHours: 360, daysActive: 90 }),
      ]);
      expect(report.seatHoursUsed).toBe(360);
    }
    await closeDb(fresh);
  });
});

describe("the background rollup", () => {
  it("rolls up both rollups in the desk's time zone, so a report finds them done", async () => {
    const { db: fresh } = await createTestDatabase();
    await fresh.ticketSettings.update({ where: { id: 1 }, data: { timeZone: "America/New_York" } });
    const pool = await createPool(fresh, { size: 1 });
    const [a] = await createPoolMembers(fresh, pool.id, 1);
    await writePastHistory(fresh, {
      leases: [
        {
          userId: a!.id,
          userName: a!.name,
          poolId: pool.id,
          poolName: pool.name,
          grantedAt: new Date(Date.UTC(2026, 0, 5, 14)),
          endedAt: new Date(Date.UTC(2026, 0, 5, 16)),
        },
      ],
    });
    await refreshInsightRollups(fresh);
    const [hours] = await fresh.$queryRaw<
      { n: number }[]
    >`select count(*)::int as n from "SeatUsageHour" where scope = '*'`;
    const days = await fresh.$queryRaw<
      { timeZone: string; day: Date; heldSeconds: number }[]
    >`select "timeZone", day, "heldSeconds" from "SeatUsageAgentDay" where scope = '*'`;
    expect(hours!.n).toBe(2);
    expect(days).toEqual([{ timeZone: "America/New_York", day: new Date("2026-01-05T00:00:00Z"), heldSeconds: 7200 }]);
    await closeDb(fresh);
  });
});
