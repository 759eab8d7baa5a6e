import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers } from "@/test/factories";
import { getUsageReport } from "./usage-report";
import { writePastHistory } from "./history-writer";

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

const H = 3_600_000;
// A Monday, 00:00 UTC, well in the past.
const MONDAY = Date.UTC(2026, 5, 1);
const at = (hours: number) => new Date(MONDAY + hours * H);

describe("usage report", () => {
  it("peaks per hour and per day, heat map, seat-hours used, idle and held idle, agents' active hours", async () => {
    const pool = await createPool(db, { size: 3, name: "Report pool" });
    const [a, b, c] = await createPoolMembers(db, pool.id, 3);
    const lease = (who: typeof a, from: number, to: number, extra: object = {}) => ({
      userId: who!.id,
      userName: who!.name,
      poolId: pool.id,
      poolName: pool.name,
      grantedAt: at(from),
      endedAt: at(to),
      ...extra,
    });
    await writePastHistory(db, {
      leases: [
        lease(a, 9, 12),
        lease(b, 9.5, 10.5),
        // c's lease ended by the idle timeout: last activity at 11:00, released at 11:30.
        lease(c, 10.25, 11.5, { endReason: "IDLE", lastActivityAt: at(11) }),
        // Tuesday
        lease(a, 24 + 9, 24 + 10),
      ],
      refusals: [{ userId: b!.id, userName: b!.name, poolId: pool.id, poolName: pool.name, at: at(10.75) }],
      queue: [
        {
          userId: b!.id,
          userName: b!.name,
          poolId: pool.id,
          poolName: pool.name,
          enqueuedAt: at(10.75),
          endedAt: at(11.5),
          outcome: "GRANTED",
        },
      ],
    });
    await writePastHistory(db, { leases: [lease(b, 11.5, 12)] });

    const report = await getUsageReport(db, { from: at(0), to: at(48), scope: pool.id, timeZone: "UTC" });
    expect(report.empty).toBe(false);
    expect(report.hourlyPeaks).toHaveLength(48);
    const peakAt = (h: number) => report.hourlyPeaks[h]!.peak;
    expect([peakAt(8), peakAt(9), peakAt(10), peakAt(11), peakAt(12)]).toEqual([0, 2, 3, 2, 0]);
    expect(report.peak).toBe(3);
    expect(report.hourlyPeaks[10]!.refusals).toBe(1);
    expect(report.dailyPeaks.map((d) => [d.day, d.peak])).toEqual([
      ["2026-06-01", 3],
      ["2026-06-02", 1],
    ]);
    expect(report.heatmapPeak[0]![10]).toBe(3);
    expect(report.heatmap[1]![9]).toBe(1);
    // a 3 h + b 1 h + c 1.25 h + b 0.5 h + a 1 h = 6.75 seat-hours; c held 0.5 h after its last activity.
    expect(report.seatHoursUsed).toBeCloseTo(6.75, 5);
    expect(report.seatHoursHeldIdle).toBeCloseTo(0.5, 5);
    expect(report.seatHoursOwned).toBe(3 * 48);
    expect(report.seatHoursIdle).toBeCloseTo(144 - 6.75, 5);
    expect(report.refusals.count).toBe(1);
    expect(report.refusals.items[0]).toMatchObject({ userId: b!.id, outcome: "GRANTED_LATER", waitedSeconds: 45 * 60 });
    const agent = (id: string) => report.agents.find((x) => x.userId === id)!;
    expect(agent(c!.id)).toMatchObject({ activeHours: 0.75, heldHours: 1.25, leases: 1, daysActive: 1 });
    expect(agent(a!.id)).toMatchObject({ activeHours: 4, daysActive: 2 });
    expect(agent(b!.id)).toMatchObject({ refusals: 1, waitedSeconds: 2700 });
    expect(report.agents[0]!.userId).toBe(a!.id);
  });

  it("the heat map and days follow the time zone", async () => {
    const pool = await createPool(db, { size: 1 });
    const [a] = await createPoolMembers(db, pool.id, 1);
    // 23:00-23:30 UTC on Monday is Tuesday 01:00 in Berlin (summer time).
    await writePastHistory(db, {
      leases: [
        {
          userId: a!.id,
          userName: a!.name,
          poolId: pool.id,
          poolName: pool.name,
          grantedAt: at(23),
          endedAt: at(23.5),
        },
      ],
    });
    const report = await getUsageReport(db, { from: at(0), to: at(48), scope: pool.id, timeZone: "Europe/Berlin" });
    expect(report.heatmapPeak[1]![1]).toBe(1);
    expect(report.dailyPeaks.find((d) => d.peak === 1)!.day).toBe("2026-06-02");
  });

  it("history written after a report for hours already rolled up is counted by the next report", async () => {
    const pool = await createPool(db, { size: 2 });
    const [a, b] = await createPoolMembers(db, pool.id, 2);
    const l = (who: typeof a, from: number, to: number) => ({
      userId: who!.id,
      userName: who!.name,
      poolId: pool.id,
      poolName: pool.name,
      grantedAt: at(100 + from),
      endedAt: at(100 + to),
    });
    await writePastHistory(db, { leases: [l(a, 1, 3)] });
    const first = await getUsageReport(db, { from: at(100), to: at(110), scope: pool.id });
    expect(first.peak).toBe(1);
    await writePastHistory(db, { leases: [l(b, 2, 4)] });
    const second = await getUsageReport(db, { from: at(100), to: at(110), scope: pool.id });
    expect(second.peak).toBe(2);
    expect(second.seatHoursUsed).toBeCloseTo(4, 5);
  });

  it("a live lease counts up to now", async () => {
    const pool = await createPool(db, { size: 2, idleTimeoutSeconds: 6 * 3600 });
    const [a] = await createPoolMembers(db, pool.id, 1);
    await db.$executeRaw`insert into "SeatLease" ("userId", kind, "poolId", "grantedAt", "lastActivityAt",
      "lastPresenceAt")
      values (${a!.id}, 'CONCURRENT', ${pool.id}, now() - interval '2 hours', now(), now())`;
    const report = await getUsageReport(db, {
      from: new Date(Date.now() - 5 * H),
      to: new Date(Date.now() + H),
      scope: pool.id,
    });
    expect(report.seatHoursUsed).toBeGreaterThan(1.98);
    expect(report.seatHoursUsed).toBeLessThan(2.05);
    expect(report.peak).toBe(1);
    expect(report.agents[0]).toMatchObject({ userId: a!.id, leases: 1 });
    await db.$executeRaw`update "SeatLease" set "endedAt" = now(), "endReason" = 'SIGN_OUT' where "userId" =
      ${a!.id} and "endedAt" is null`;
  });

  it("scope all lists the named seats and every pool; named lists named leases only", async () => {
    const named = await createNamedAgent(db);
    await writePastHistory(db, {
      leases: [
        { userId: named.id, userName: named.name, poolId: null, poolName: null, grantedAt: at(9), endedAt: at(17) },
      ],
    });
    const all = await getUsageReport(db, { from: at(0), to: at(24), scope: "all", timeZone: "UTC" });
    expect(all.scopeName).toBe("All seats");
    expect(all.scopes.find((s) => s.scope === "named")).toMatchObject({
      name: "Named seats",
      peak: 1,
      seatHoursUsed: 8,
    });
    expect(all.scopes.find((s) => s.name === "Report pool")).toMatchObject({ peak: 3, refusals: 1 });
    expect(all.peak).toBe(4);
    const namedReport = await getUsageReport(db, { from: at(0), to: at(24), scope: "named", timeZone: "UTC" });
    expect(namedReport.agents.map((x) => x.userId)).toEqual([named.id]);
    expect(namedReport.seatHoursUsed).toBe(8);
    expect(namedReport.refusals.count).toBe(0);
  });

  it("a period with no history answers so, with zeros", async () => {
    const report = await getUsageReport(db, {
      from: new Date(Date.UTC(2020, 0, 1)),
      to: new Date(Date.UTC(2020, 0, 8)),
      scope: "all",
    });
    expect(report.empty).toBe(true);
    expect(report.message).toMatch(/^No seat history in this period/);
    expect(report.peak).toBe(0);
    expect(report.hourlyPeaks).toHaveLength(7 * 24);
    expect(report.agents).toEqual([]);
  });

  it("bad input gets a plain message naming its field", async () => {
    await expect(getUsageReport(db, { from: at(10), to: at(5), scope: "all" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      field: "to",
      message: "The period is empty: the end must be after the start",
    });
    await expect(getUsageReport(db, { from: at(10), to: at(10), scope: "all" })).rejects.toMatchObject({ field: "to" });
    await expect(getUsageReport(db, { from: new Date("nope"), to: at(10), scope: "all" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      field: "from",
    });
    await expect(getUsageReport(db, { from: at(0), to: at(24 * 800), scope: "all" })).rejects.toMatchObject({
      message: "Choose a period of at most 731 days",
    });
    await expect(getUsageReport(db, { from: at(0), to: at(10), scope: "no-such-pool" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      field: "scope",
    });
    await expect(
      getUsageReport(db, { from: at(0), to: at(10), scope: "all", timeZone: "Mars/Olympus" }),
    ).rejects.toMatchObject({ field: "timeZone", message: '"Mars/Olympus" is not a known time zone' });
  });
});
