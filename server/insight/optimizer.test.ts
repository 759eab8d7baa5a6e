import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers } from "@/test/factories";
import { recommendSeatMix } from "./optimizer";
import { replayWhatIf } from "./what-if";
import { writePastHistory, type PastLease } from "./history-writer";
import type { ServiceLevel } from "./types";

const H = 3_600_000;
const DAY = 24 * H;

type Person = { id: string; name: string };
const lease = (
  who: Person,
  poolId: string | null,
  poolName: string | null,
  from: number,
  to: number,
  extra: Partial<PastLease> = {},
): PastLease => ({
  userId: who.id,
  userName: who.name,
  poolId,
  poolName,
  grantedAt: new Date(from),
  endedAt: new Date(to),
  ...extra,
});

describe("optimizer on constructed histories with a known answer", () => {
  let db: Db;
  const start = Date.UTC(2026, 2, 2); // a Monday
  const period = { from: new Date(start), to: new Date(start + 20 * DAY) };
  let pool: { id: string; name: string };
  let always: Person[];
  let partTimers: Person[];

  beforeAll(async () => {
    ({ db } = await createTestDatabase());
    await db.entitlement.create({
      data: {
        id: 1,
        namedSeats: 0,
        concurrentSeats: 8,
        namedSeatMonthlyCents: 5000,
        concurrentSeatMonthlyCents: 12500,
        currency: "EUR",
      },
    });
    pool = await createPool(db, { size: 8, name: "Everyone" });
    const members = await createPoolMembers(db, pool.id, 8);
    always = members.slice(0, 3);
    partTimers = members.slice(3);
    const leases: PastLease[] = [];
    for (let d = 0; d < 20; d++) {
      const day = start + d * DAY;
      // 3 work all day, 8:00-17:00, ended by signing out.
      for (const a of always) leases.push(lease(a, pool.id, pool.name, day + 8 * H, day + 17 * H));
      // 5 part-timers, never more than 2 at once: two of them per day, 10:00-11:00 (idle-ended: active until 10:50).
      for (let k = 0; k < 2; k++) {
        const p = partTimers[(d + k) % 5]!;
        leases.push(
          lease(p, pool.id, pool.name, day + 10 * H, day + 11 * H + 20 * 60_000, {
            endReason: "IDLE",
            lastActivityAt: new Date(day + 10 * H + 50 * 60_000),
          }),
        );
      }
    }
    await writePastHistory(db, { leases });
  });

  it(
    "3 always-on agents + 5 never more than 2 at once: 3 named + 2 concurrent (concurrent costs 2.5× " + "named)",
    async () => {
      const rec = await recommendSeatMix(db, { ...period, serviceLevel: { kind: "maxRefusalRate", percent: 0 } });
      expect(rec.empty).toBe(false);
      expect(rec.named.map((n) => n.userId).sort()).toEqual(always.map((a) => a.id).sort());
      expect(rec.concurrentSeats).toBe(2);
      expect(rec.costRecommended).toEqual({ cents: 3 * 5000 + 2 * 12500, currency: "EUR" });
      expect(rec.costToday).toEqual({ cents: 8 * 12500, currency: "EUR" });
      expect(rec.savingPerMonth.cents).toBe(100000 - 40000);
      expect(rec.replay).toMatchObject({ attempts: 100, refused: 0, refusalRate: 0, meetsServiceLevel: true });
      expect(rec.named[0]!.reason).toBe(
        "in use 9.0 h a day on 20 of 20 days; holds a seat at the busiest moments: wanted one during 20 of " +
          "the 20 busy spells when more than 2 agents of the group wanted a seat at once",
      );
      expect(rec.proof?.gapPercent).toBe(0);
      expect(rec.explanation.join("\n")).toContain("the other 5 never needed more than 2 at once: 2 concurrent seats.");
      expect(rec.explanation.join("\n")).toContain("Everyone: These 3 work all day (");
    },
  );

  it("when named seats cost more than 2.5 times less, everyone shares: 5 concurrent", async () => {
    const rec = await recommendSeatMix(db, {
      ...period,
      namedPriceCents: 12000,
      concurrentPriceCents: 12500,
      serviceLevel: { kind: "maxRefusalRate", percent: 0 },
    });
    // 3 named + 2 concurrent = 61,000; 5 concurrent = 62,500; so still named at this price...
    expect(rec.costRecommended.cents).toBe(Math.min(3 * 12000 + 2 * 12500, 5 * 12500));
    const cheapNamed = await recommendSeatMix(db, {
      ...period,
      namedPriceCents: 13000,
      concurrentPriceCents: 12500,
      serviceLevel: { kind: "maxRefusalRate", percent: 0 },
    });
    expect(cheapNamed.named).toEqual([]);
    expect(cheapNamed.concurrentSeats).toBe(5);
  });

  it("a looser service level needs fewer seats, and the replay says what it costs in refusals and waits", async () => {
    // With 1 shared seat for the part-timers, one of the two daily wishes (both 10:00-10:50: the idle
    // tail is not demand) waits the whole 50 minutes and never gets the seat: 20 refused of 100.
    const loose = await recommendSeatMix(db, { ...period, serviceLevel: { kind: "maxRefusalRate", percent: 20 } });
    expect(loose.concurrentSeats).toBe(1);
    expect(loose.replay).toMatchObject({
      attempts: 100,
      refused: 20,
      refusalRate: 20,
      gaveUp: 20,
      waits: { p50Seconds: 3000, maxSeconds: 3000 },
    });
    // Under a wait limit, never getting a seat is not a wait within the limit, however long the limit.
    const waitLimit = await recommendSeatMix(db, { ...period, serviceLevel: { kind: "maxWaitMinutes", minutes: 120 } });
    expect(waitLimit.concurrentSeats).toBe(2);
  });

  it("what if: the admin's own mix is replayed with its cost", async () => {
    const outcome = await replayWhatIf(db, {
      ...period,
      serviceLevel: { kind: "maxRefusalRate", percent: 1 },
      namedUserIds: [always[0]!.id],
      concurrentSeats: [{ scope: pool.id, seats: 3 }],
    });
    expect(outcome.namedSeats).toBe(1);
    expect(outcome.concurrentSeats).toBe(3);
    expect(outcome.cost.cents).toBe(5000 + 3 * 12500);
    // 2 always-on + 2 part-timers at 10:00 on 3 seats: one part-timer a day waits.
    expect(outcome.replay).toMatchObject({ attempts: 100, refused: 20, meetsServiceLevel: false });
    expect(outcome.explanation.at(-1)).toContain("does not meet the service level");
    await expect(
      replayWhatIf(db, {
        ...period,
        serviceLevel: { kind: "maxRefusalRate", percent: 1 },
        namedUserIds: ["nobody"],
        concurrentSeats: [],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", field: "namedUserIds" });
  });

  it("a period with no history: a clear answer that keeps today's seats", async () => {
    const rec = await recommendSeatMix(db, {
      from: new Date(Date.UTC(2020, 0, 1)),
      to: new Date(Date.UTC(2020, 1, 1)),
      serviceLevel: { kind: "maxRefusalRate", percent: 1 },
    });
    expect(rec.empty).toBe(true);
    expect(rec.message).toMatch(/^No seat history in this period/);
    expect(rec.costRecommended).toEqual(rec.costToday);
  });

  it("bad input: plain messages, no crash", async () => {
    const base = { ...period, serviceLevel: { kind: "maxRefusalRate", percent: 1 } as ServiceLevel };
    const cases: [object, string, string][] = [
      [{ namedPriceCents: -1 }, "namedPriceCents", "The price of a named seat cannot be negative"],
      [
        { concurrentPriceCents: Number.NaN },
        "concurrentPriceCents",
        "Enter the price of a concurrent seat as a number",
      ],
      [{ concurrentPriceCents: "12" }, "concurrentPriceCents", "Enter the price of a concurrent seat as a number"],
      [
        { serviceLevel: { kind: "maxRefusalRate", percent: 101 } },
        "serviceLevel.percent",
        "The share of refused attempts must be between 0% and 100%",
      ],
      [
        { serviceLevel: { kind: "maxRefusalRate", percent: -1 } },
        "serviceLevel.percent",
        "The share of refused attempts must be between 0% and 100%",
      ],
      [
        { serviceLevel: { kind: "maxWaitMinutes", minutes: -5 } },
        "serviceLevel.minutes",
        "The longest wait cannot be negative",
      ],
      [
        { serviceLevel: { kind: "whatever" } },
        "serviceLevel.kind",
        "Choose a service level: a share of refused attempts, or a longest wait",
      ],
      [{ to: period.from }, "to", "The period is empty: the end must be after the start"],
    ];
    for (const [change, field, message] of cases) {
      await expect(recommendSeatMix(db, { ...base, ...change } as never)).rejects.toMatchObject({
        code: "BAD_REQUEST",
        field,
        message,
      });
    }
  });
});

describe("refused demand is replayed as wanted from the first attempt", () => {
  it("an agent refused at 9:00 who waited in line until 9:40 wanted the seat from 9:00", async () => {
    const { db } = await createTestDatabase();
    const pool = await createPool(db, { size: 1, name: "Tiny" });
    const [a, b] = await createPoolMembers(db, pool.id, 2);
    const day = Date.UTC(2026, 2, 2);
    await writePastHistory(db, {
      leases: [
        lease(a!, pool.id, pool.name, day + 8 * H, day + 9 * H + 40 * 60_000),
        lease(b!, pool.id, pool.name, day + 9 * H + 40 * 60_000, day + 11 * H),
      ],
      refusals: [{ userId: b!.id, userName: b!.name, poolId: pool.id, poolName: pool.name, at: new Date(day + 9 * H) }],
      queue: [
        {
          userId: b!.id,
          userName: b!.name,
          poolId: pool.id,
          poolName: pool.name,
          enqueuedAt: new Date(day + 9 * H),
          endedAt: new Date(day + 9 * H + 40 * 60_000),
          outcome: "GRANTED",
        },
      ],
    });
    const rec = await recommendSeatMix(db, {
      from: new Date(day),
      to: new Date(day + DAY),
      namedPriceCents: 100_000,
      concurrentPriceCents: 100,
      serviceLevel: { kind: "maxRefusalRate", percent: 0 },
    });
    // Their wishes overlap 9:00-9:40: serving both at once takes 2 seats (use alone would say 1).
    expect(rec.concurrentSeats).toBe(2);
    expect(rec.replayToday).toMatchObject({ attempts: 2, refused: 1, waits: { maxSeconds: 2400 } });
  });

  it("a wait limit: 40 minutes allowed needs 1 seat, 39 needs 2", async () => {
    const { db } = await createTestDatabase();
    const pool = await createPool(db, { size: 2, name: "Pair" });
    const [a, b] = await createPoolMembers(db, pool.id, 2);
    const day = Date.UTC(2026, 2, 2);
    const leases = Array.from({ length: 5 }, (_, d) => [
      lease(a!, pool.id, pool.name, day + d * DAY + 10 * H, day + d * DAY + 11 * H),
      lease(b!, pool.id, pool.name, day + d * DAY + 10 * H + 20 * 60_000, day + d * DAY + 11 * H + 30 * 60_000),
    ]).flat();
    await writePastHistory(db, { leases });
    const ask = (minutes: number) =>
      recommendSeatMix(db, {
        from: new Date(day),
        to: new Date(day + 5 * DAY),
        namedPriceCents: 100_000,
        concurrentPriceCents: 100,
        serviceLevel: { kind: "maxWaitMinutes", minutes },
      });
    const ok = await ask(40);
    expect(ok.concurrentSeats).toBe(1);
    expect(ok.replay).toMatchObject({
      attempts: 10,
      refused: 5,
      gaveUp: 0,
      waits: { maxSeconds: 2400 },
      meetsServiceLevel: true,
    });
    expect((await ask(39)).concurrentSeats).toBe(2);
  });

  it("today's named agents who work all day stay named", async () => {
    const { db } = await createTestDatabase();
    const desk = [await createNamedAgent(db), await createNamedAgent(db)];
    const day = Date.UTC(2026, 2, 2);
    const leases = desk.flatMap((a) =>
      Array.from({ length: 5 }, (_, d) => lease(a, null, null, day + d * DAY + 8 * H, day + d * DAY + 17 * H)),
    );
    await writePastHistory(db, { leases });
    const rec = await recommendSeatMix(db, {
      from: new Date(day),
      to: new Date(day + 5 * DAY),
      serviceLevel: { kind: "maxRefusalRate", percent: 1 },
    });
    expect(rec.named.map((n) => n.userId).sort()).toEqual(desk.map((a) => a.id).sort());
    expect(rec.concurrentSeats).toBe(0);
    expect(rec.pools.find((p) => p.scope === "named")).toMatchObject({ agents: 2, namedToday: 2 });
  });
});

describe("issue 16: the light user at the peak, through the optimizer, with its proof", () => {
  let db: Db;
  const start = Date.UTC(2026, 2, 2); // a Monday
  const period = { from: new Date(start), to: new Date(start + 14 * DAY) };
  let k: Person;
  beforeAll(async () => {
    ({ db } = await createTestDatabase());
    const pool = await createPool(db, { size: 3, name: "Desk" });
    const members = await createPoolMembers(db, pool.id, 11);
    k = members[10]!;
    const leases: PastLease[] = [];
    for (let d = 0; d < 14; d++) {
      if (d % 7 >= 5) continue;
      const day = start + d * DAY;
      // Two of ten overlap 11:00-13:00; each of the ten also works alone in the afternoon, one after another.
      const pair = [(2 * d) % 10, (2 * d + 1) % 10];
      for (let a = 0; a < 10; a++) {
        if (pair.includes(a)) leases.push(lease(members[a]!, pool.id, pool.name, day + 11 * H, day + 13 * H));
        leases.push(
          lease(members[a]!, pool.id, pool.name, day + 14 * H + a * 1_800_000, day + 14 * H + (a + 0.9) * 1_800_000),
        );
      }
      leases.push(lease(k, pool.id, pool.name, day + 12 * H, day + 12.5 * H));
    }
    await writePastHistory(db, { leases });
  });

  it(
    "names K (the fewest hours, always at the peak) with 2 shared seats: 240, proven the cheapest, and " + "says why",
    async () => {
      const rec = await recommendSeatMix(db, {
        ...period,
        namedPriceCents: 40,
        concurrentPriceCents: 100,
        serviceLevel: { kind: "maxRefusalRate", percent: 0 },
      });
      expect(rec.named.map((n) => n.userId)).toEqual([k.id]);
      expect(rec.concurrentSeats).toBe(2);
      expect(rec.costRecommended.cents).toBe(240);
      expect(rec.proof).toEqual({
        lowerBound: { cents: 240, currency: "EUR" },
        gapPercent: 0,
        method: "the integer program solved to optimality",
      });
      expect(rec.pools[0]!.proof?.gapPercent).toBe(0);
      // Why K: at the peak on every one of the 10 busy days, though in use only half an hour a day.
      expect(rec.named[0]).toMatchObject({ busySpells: 10, busySpellsPresent: 10 });
      expect(rec.named[0]!.reason).toBe(
        "in use 0.5 h a day on 10 of 14 days; holds a seat at the busiest moments: wanted one during 10 of " +
          "the 10 busy spells when more than 2 agents of the group wanted a seat at once",
      );
      expect(rec.explanation.join("\n")).toContain("This is the cheapest mix that meets the service level");
      // A zero-minute wait is the same level, and says so.
      const noWait = await recommendSeatMix(db, {
        ...period,
        namedPriceCents: 40,
        concurrentPriceCents: 100,
        serviceLevel: { kind: "maxWaitMinutes", minutes: 0 },
      });
      expect(noWait.costRecommended.cents).toBe(240);
      expect(noWait.explanation[0]).toContain("A longest wait of 0 minutes means no one is ever refused");
    },
  );

  it("a share refused or a wait allowed: the mix meets it, and the gap to the proven bound is stated", async () => {
    for (const serviceLevel of [
      { kind: "maxRefusalRate", percent: 5 },
      { kind: "maxWaitMinutes", minutes: 10 },
    ] as ServiceLevel[]) {
      const rec = await recommendSeatMix(db, {
        ...period,
        namedPriceCents: 40,
        concurrentPriceCents: 100,
        serviceLevel,
      });
      expect(rec.replay.meetsServiceLevel).toBe(true);
      expect(rec.proof!.lowerBound.cents).toBeLessThanOrEqual(rec.costRecommended.cents);
      expect(rec.proof!.gapPercent).not.toBeNull();
      expect(rec.explanation.at(-1)).toMatch(/cheapest/);
    }
  });

  it("prices of zero are answered in words, not with a silent empty mix", async () => {
    const both = await recommendSeatMix(db, {
      ...period,
      namedPriceCents: 0,
      concurrentPriceCents: 0,
      serviceLevel: { kind: "maxRefusalRate", percent: 0 },
    });
    expect(both.costRecommended.cents).toBe(0);
    expect(both.concurrentSeats).toBe(3);
    expect(both.explanation[0]).toBe(
      "Both prices are zero, so every mix costs nothing: the recommendation is the one that refuses least.",
    );
    const freeNamed = await recommendSeatMix(db, {
      ...period,
      namedPriceCents: 0,
      concurrentPriceCents: 100,
      serviceLevel: { kind: "maxRefusalRate", percent: 0 },
    });
    expect(freeNamed.named).toHaveLength(11);
    expect(freeNamed.explanation[0]).toContain("Named seats cost nothing at these prices");
  });

  it("a 100% refused level and absurd prices are refused with a plain message", async () => {
    const base = { ...period, serviceLevel: { kind: "maxRefusalRate", percent: 1 } as ServiceLevel };
    await expect(
      recommendSeatMix(db, { ...base, serviceLevel: { kind: "maxRefusalRate", percent: 100 } }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      field: "serviceLevel.percent",
      message: "Allowing 100% of attempts to be refused is met by no seats at all: choose a share below 100%",
    });
    await expect(recommendSeatMix(db, { ...base, namedPriceCents: 1e15 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      field: "namedPriceCents",
      message: "The price of a named seat is too high (at most 10000000 a month)",
    });
  });
});
