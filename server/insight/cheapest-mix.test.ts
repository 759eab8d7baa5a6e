import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildWishes, wishSeconds } from "./demand";
import { meetsServiceLevel, peakConcurrency, replay, type Wishes } from "./replay";
import { cheapestMix, cutWishes, gapPercent, isNoRefusal } from "./cheapest-mix";
import { loadSolver } from "./seat-program";
import { EXACT_SEARCH_AGENTS, orderedSearch } from "./search";
import type { ServiceLevel } from "./types";

/*
 * The optimizer against brute force over every subset of named agents (with each subset's
 * fewest seats), on random small histories of up to 14 agents, random prices and levels: for no
 * refusal it must find the cheapest cost; for the other levels its mix must meet the level, its
 * proven lower bound must not exceed the true cheapest, and the true cheapest must be within the
 * gap it reports. Then families of histories built to fool a search by hours used.
 */

type Solver = Awaited<ReturnType<typeof loadSolver>>;
let solver: Solver;
beforeAll(async () => {
  solver = await loadSolver();
});

const H = 3600;
const DAY = 86_400;

/** The cheapest cost over every named subset, each with its fewest seats (linear from 0: exact). */
function bruteForce(wishes: Wishes, agents: number, namedPrice: number, concurrentPrice: number, level: ServiceLevel) {
  let best = Infinity;
  const named = new Uint8Array(agents);
  for (let mask = 0; mask < 1 << agents; mask++) {
    let count = 0;
    for (let i = 0; i < agents; i++) count += named[i] = (mask >> i) & 1;
    const namedCost = count * namedPrice;
    if (namedCost >= best) continue;
    const peak = peakConcurrency(wishes, named);
    for (let seats = 0; seats <= peak; seats++) {
      if (namedCost + seats * concurrentPrice >= best) break;
      if (meetsServiceLevel(wishes, named, seats, level)) {
        best = namedCost + seats * concurrentPrice;
        break;
      }
    }
  }
  return best;
}

function solve(perAgent: number[][], namedPrice: number, concurrentPrice: number, level: ServiceLevel) {
  const wishes = buildWishes(perAgent);
  const mix = cheapestMix({
    wishes,
    agents: perAgent.length,
    demandSeconds: perAgent.map(wishSeconds),
    namedPrice,
    concurrentPrice,
    level,
    solver,
  });
  return { wishes, mix };
}

const flags = (agents: number, named: number[]) => {
  const out = new Uint8Array(agents);
  for (const i of named) out[i] = 1;
  return out;
};

/** Wishes of one agent in a few working days: whole minutes, merged as demand.ts merges them. */
const agentWishesArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 40 })), {
    maxLength: 5,
  })
  .map((pieces) => {
    const sorted = pieces
      .map(([day, s, d]) => [day * DAY + 9 * H + s * 60, day * DAY + 9 * H + (s + d) * 60] as const)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const out: number[] = [];
    for (const [s, e] of sorted) {
      if (out.length && s <= out[out.length - 1]!) out[out.length - 1] = Math.max(out[out.length - 1]!, e);
      else out.push(s, e);
    }
    return out;
  });

const levelArb: fc.Arbitrary<ServiceLevel> = fc.oneof(
  fc.constant({ kind: "maxRefusalRate" as const, percent: 0 }),
  fc.constant({ kind: "maxWaitMinutes" as const, minutes: 0 }),
  fc.integer({ min: 1, max: 40 }).map((percent) => ({ kind: "maxRefusalRate" as const, percent })),
  fc.integer({ min: 1, max: 60 }).map((minutes) => ({ kind: "maxWaitMinutes" as const, minutes })),
);

describe("the cheapest mix against brute force over every subset (up to 14 agents)", () => {
  it(
    "no refusal: the same cost; other levels: a mix that meets the level, within its proven gap of the " + "cheapest",
    () => {
      fc.assert(
        fc.property(
          fc.array(agentWishesArb, { minLength: 1, maxLength: 14 }),
          fc.integer({ min: 0, max: 500 }),
          fc.integer({ min: 0, max: 500 }),
          levelArb,
          (perAgent, namedPrice, concurrentPrice, level) => {
            const { wishes, mix } = solve(perAgent, namedPrice, concurrentPrice, level);
            const agents = perAgent.length;
            const cheapest = bruteForce(wishes, agents, namedPrice, concurrentPrice, level);
            const named = flags(agents, mix.named);
            // The mix is what it says, and meets the level by the replay.
            expect(mix.cost).toBe(mix.named.length * namedPrice + mix.seats * concurrentPrice);
            expect(meetsServiceLevel(wishes, named, mix.seats, level)).toBe(true);
            expect(mix.counts).toEqual(replay(wishes, named, mix.seats));
            // The proof is true: no mix is cheaper than the bound, and the mix is within the gap.
            expect(mix.lowerBound).toBeLessThanOrEqual(cheapest);
            expect(mix.cost).toBeGreaterThanOrEqual(cheapest);
            const gap = gapPercent(mix.cost, mix.lowerBound);
            if (gap !== null) expect(mix.cost).toBeLessThanOrEqual(cheapest * (1 + gap / 100) + 1e-6);
            if (isNoRefusal(level, wishes.starts.length) || agents <= EXACT_SEARCH_AGENTS) {
              expect(mix.cost).toBe(cheapest);
              expect(mix.lowerBound).toBe(cheapest);
            }
          },
        ),
        { numRuns: 120, seed: 20261206 },
      );
    },
  );
});

/**
 * The history: every weekday two of ten agents overlap 11:00-13:00, and K (agent 10)
 * holds a seat only 12:00-12:30, the fewest hours of anyone, exactly at the peak. The ten also
 * work alone in the afternoon, one after another (never more than one at once then).
 */
function lightUserAtThePeak(weeks: number): number[][] {
  const perAgent: number[][] = Array.from({ length: 11 }, () => []);
  for (let d = 0; d < weeks * 7; d++) {
    if (d % 7 >= 5) continue;
    const day = d * DAY;
    const pair = [(2 * d) % 10, (2 * d + 1) % 10];
    for (let a = 0; a < 10; a++) {
      if (pair.includes(a)) perAgent[a]!.push(day + 11 * H, day + 13 * H);
      perAgent[a]!.push(day + 14 * H + a * 1800, day + 14 * H + (a + 1) * 1800);
    }
    perAgent[10]!.push(day + 12 * H, day + 12.5 * H);
  }
  // An agent's wishes in order of start (the pair's morning before the afternoon).
  return perAgent;
}

describe("histories built to fool a search by hours used", () => {
  it(
    "the issue's 11 agents: K, the lightest user, holds a seat at every peak: K named + 2 = 240, not 0 + " + "3 = 300",
    () => {
      const perAgent = lightUserAtThePeak(4);
      const level: ServiceLevel = { kind: "maxRefusalRate", percent: 0 };
      const { mix } = solve(perAgent, 40, 100, level);
      expect(mix).toMatchObject({ named: [10], seats: 2, cost: 240, lowerBound: 240, method: "integer program" });
      // The search by hours alone (the old answer) is 25% dearer: the proof is what catches it.
      const wishes = buildWishes(perAgent);
      const ordered = orderedSearch({
        wishes,
        agents: 11,
        demandSeconds: perAgent.map(wishSeconds),
        namedPrice: 40,
        concurrentPrice: 100,
        level,
      });
      expect(ordered.cost).toBe(300);
      // A zero-minute wait is the same level.
      expect(solve(perAgent, 40, 100, { kind: "maxWaitMinutes", minutes: 0 }).mix.cost).toBe(240);
    },
  );

  it(
    "with a share refused or a wait allowed, the light user at the peak is still found, and the bound is " + "proven",
    () => {
      const perAgent = lightUserAtThePeak(4);
      for (const level of [
        { kind: "maxRefusalRate", percent: 1 },
        { kind: "maxWaitMinutes", minutes: 10 },
      ] as ServiceLevel[]) {
        const { wishes, mix } = solve(perAgent, 40, 100, level);
        expect(mix.cost).toBe(240);
        expect(meetsServiceLevel(wishes, flags(11, mix.named), mix.seats, level)).toBe(true);
        expect(mix.lowerBound).toBeGreaterThan(0);
        expect(mix.lowerBound).toBeLessThanOrEqual(240);
      }
    },
  );

  it("several light users at peaks in different weeks: each is named for its own week", () => {
    // 12 agents; weeks 0-2 each have a different light user who tops the peak (3 at once) for
    // 30 minutes on every weekday of their week; the others never exceed 2 at once.
    const perAgent: number[][] = Array.from({ length: 12 }, () => []);
    for (let week = 0; week < 3; week++) {
      for (let wd = 0; wd < 5; wd++) {
        const day = (week * 7 + wd) * DAY;
        const d = week * 5 + wd;
        for (const a of [d % 9, (d + 4) % 9]) perAgent[a]!.push(day + 10 * H, day + 12 * H);
        perAgent[9 + week]!.push(day + 11 * H, day + 11.5 * H);
      }
    }
    // Named 40, concurrent 150: the three light users named + 2 shared = 420 against 3 shared = 450.
    const { wishes, mix } = solve(perAgent, 40, 150, { kind: "maxRefusalRate", percent: 0 });
    expect(mix.named).toEqual([9, 10, 11]);
    expect(mix.seats).toBe(2);
    expect(mix.cost).toBe(420);
    expect(bruteForce(wishes, 12, 40, 150, { kind: "maxRefusalRate", percent: 0 })).toBe(420);
  });

  it("many ties: everyone alike, the cost is the cheapest whichever agents are named", () => {
    // 13 agents each on 9:00-10:00 every day: 13 at once. Named 40, concurrent 100: all named (520) beats sharing
    // (1,300).
    const perAgent = Array.from({ length: 13 }, () =>
      Array.from({ length: 5 }, (_, d) => [d * DAY + 9 * H, d * DAY + 10 * H]).flat(),
    );
    const { wishes, mix } = solve(perAgent, 40, 100, { kind: "maxRefusalRate", percent: 0 });
    expect(mix.cost).toBe(bruteForce(wishes, 13, 40, 100, { kind: "maxRefusalRate", percent: 0 }));
    expect(mix.cost).toBe(520);
    // At equal prices, naming saves nothing: no one named, 13 shared (the price rule, proven).
    expect(solve(perAgent, 100, 100, { kind: "maxRefusalRate", percent: 0 }).mix).toMatchObject({
      named: [],
      seats: 13,
      lowerBound: 1300,
    });
  });

  it("prices of zero: free named seats go to everyone who wanted one; free concurrent seats cover the peak", () => {
    const perAgent = lightUserAtThePeak(1);
    expect(solve(perAgent, 0, 100, { kind: "maxRefusalRate", percent: 0 }).mix).toMatchObject({
      named: [...Array(11).keys()],
      seats: 0,
      cost: 0,
    });
    expect(solve(perAgent, 40, 0, { kind: "maxRefusalRate", percent: 0 }).mix).toMatchObject({
      named: [],
      seats: 3,
      cost: 0,
    });
  });
});

describe("the relaxation for a wait limit", () => {
  it("cuts each wish to [start + wait, end), dropping those that end by then", () => {
    const wishes = buildWishes([
      [0, 600, 1000, 1100],
      [300, 2000],
    ]);
    const cut = cutWishes(wishes, 200);
    expect(Array.from(cut.starts)).toEqual([200, 500]);
    expect(Array.from(cut.ends)).toEqual([600, 2000]);
    expect(Array.from(cut.agent)).toEqual([0, 1]);
  });
});

describe("gapPercent", () => {
  it("is rounded up to 0.1, 0 at the bound, and null with no bound above zero", () => {
    expect(gapPercent(100, 100)).toBe(0);
    expect(gapPercent(103, 100)).toBe(3);
    expect(gapPercent(1001, 1000)).toBe(0.1);
    expect(gapPercent(100, 0)).toBeNull();
    expect(gapPercent(0, 0)).toBe(0);
  });
});
