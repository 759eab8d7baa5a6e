import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildWishes, wishSeconds } from "./demand";
import { peakConcurrency, replay, summarize } from "./replay";
import { cheapestMix } from "./cheapest-mix";
import { loadSolver } from "./seat-program";
import type { ServiceLevel } from "./types";

/** wishes per agent as [start, end, ...] */
const run = (perAgent: number[][], named: number[], seats: number) => {
  const wishes = buildWishes(perAgent);
  const flags = new Uint8Array(perAgent.length);
  for (const i of named) flags[i] = 1;
  return replay(wishes, flags, seats)!;
};

describe("replay: first come, first served over the recorded wishes", () => {
  it("serves a refused wish when a seat frees, counting the wait", () => {
    const r = run(
      [
        [0, 10],
        [5, 20],
      ],
      [],
      1,
    );
    expect(r).toMatchObject({ attempts: 2, refused: 1, gaveUp: 0, waits: [5] });
  });

  it("a wish that ends before a seat frees gave up, having waited until its end", () => {
    const r = run(
      [
        [0, 10],
        [5, 8],
      ],
      [],
      1,
    );
    expect(r).toMatchObject({ attempts: 2, refused: 1, gaveUp: 1, waits: [3] });
  });

  it("the line is first come, first served: the first to wait gets the first seat", () => {
    const r = run(
      [
        [0, 10],
        [2, 30],
        [3, 30],
      ],
      [],
      1,
    );
    // B (waiting since 2) gets the seat at 10; C (since 3) is still waiting when its wish ends at 30.
    expect(r).toMatchObject({ refused: 2, gaveUp: 1, waits: [8, 27] });
  });

  it("a seat freed at the moment a wish starts serves it", () => {
    expect(
      run(
        [
          [0, 10],
          [10, 20],
        ],
        [],
        1,
      ).refused,
    ).toBe(0);
  });

  it(
    "named agents are always served and count as attempts; with no concurrent seats every other wish is " + "refused",
    () => {
      const r = run(
        [
          [0, 100],
          [0, 10],
        ],
        [0],
        0,
      );
      expect(r).toMatchObject({ attempts: 2, refused: 1, gaveUp: 1, waits: [10] });
    },
  );

  it("a newcomer does not jump the line even if a seat is free at that instant for the line's head", () => {
    // Seat frees at 10 and goes to B (waiting since 5); C arriving at 10 is refused.
    const r = run(
      [
        [0, 10],
        [5, 15],
        [10, 12],
      ],
      [],
      1,
    );
    expect(r.refused).toBe(2);
    expect(r.waits).toEqual([5, 2]);
  });

  it("summarizes rate and wait percentiles, and checks both kinds of service level", () => {
    const counts = { attempts: 200, refused: 2, gaveUp: 0, waits: [60, 600] };
    expect(summarize(counts, { kind: "maxRefusalRate", percent: 1 })).toMatchObject({
      refusalRate: 1,
      meetsServiceLevel: true,
      waits: { p50Seconds: 60, p95Seconds: 600, maxSeconds: 600 },
    });
    expect(summarize(counts, { kind: "maxRefusalRate", percent: 0.5 }).meetsServiceLevel).toBe(false);
    expect(summarize(counts, { kind: "maxWaitMinutes", minutes: 10 }).meetsServiceLevel).toBe(true);
    expect(summarize(counts, { kind: "maxWaitMinutes", minutes: 9 }).meetsServiceLevel).toBe(false);
    expect(summarize({ ...counts, gaveUp: 1 }, { kind: "maxWaitMinutes", minutes: 10 }).meetsServiceLevel).toBe(false);
  });

  it("peak concurrency counts a hand-over as one seat", () => {
    const w = buildWishes([
      [0, 10],
      [10, 20],
      [5, 15],
    ]);
    expect(peakConcurrency(w, new Uint8Array(3))).toBe(2);
  });
});

/** An independent, naive replay (arrays and linear scans) with the same rules. */
function naiveReplay(perAgent: number[][], named: boolean[], seats: number) {
  const wishes = perAgent.flatMap((w, agent) =>
    Array.from({ length: w.length / 2 }, (_, i) => ({ agent, s: w[2 * i]!, e: w[2 * i + 1]! })),
  );
  wishes.sort((a, b) => a.s - b.s || a.e - b.e || a.agent - b.agent);
  let holders: number[] = [];
  const line: { s: number; e: number }[] = [];
  let refused = 0;
  let gaveUp = 0;
  let maxWait = 0;
  const free = (t: number) => {
    for (;;) {
      const due = holders.filter((end) => end <= t);
      if (due.length === 0) return;
      const at = Math.min(...due);
      holders.splice(holders.indexOf(at), 1);
      while (line.length) {
        const w = line.shift()!;
        if (w.e <= at) {
          gaveUp++;
          maxWait = Math.max(maxWait, w.e - w.s);
          continue;
        }
        maxWait = Math.max(maxWait, at - w.s);
        holders.push(w.e);
        break;
      }
    }
  };
  for (const w of wishes) {
    if (named[w.agent]) continue;
    free(w.s);
    if (line.length === 0 && holders.length < seats) holders.push(w.e);
    else {
      refused++;
      line.push(w);
    }
  }
  free(Infinity);
  for (const w of line) {
    gaveUp++;
    maxWait = Math.max(maxWait, w.e - w.s);
  }
  holders = [];
  return { attempts: wishes.length, refused, gaveUp, maxWait };
}

function meets(r: { attempts: number; refused: number; maxWait: number; gaveUp: number }, level: ServiceLevel) {
  return level.kind === "maxRefusalRate"
    ? r.refused <= Math.floor((level.percent / 100) * r.attempts + 1e-9)
    : r.gaveUp === 0 && r.maxWait <= level.minutes * 60;
}

/** The cheapest cost over every named subset and every seat count. */
function bruteForceCost(
  perAgent: number[][],
  namedPrice: number,
  concurrentPrice: number,
  level: ServiceLevel,
): number {
  const n = perAgent.length;
  let best = Infinity;
  for (let mask = 0; mask < 1 << n; mask++) {
    const named = Array.from({ length: n }, (_, i) => Boolean((mask >> i) & 1));
    for (let seats = 0; seats <= n; seats++) {
      if (meets(naiveReplay(perAgent, named, seats), level)) {
        best = Math.min(best, named.filter(Boolean).length * namedPrice + seats * concurrentPrice);
        break;
      }
    }
  }
  return best;
}

const agentWishesArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 60 })), { maxLength: 4 })
  .map((pairs) => {
    // Non-overlapping wishes of one agent (as demand.ts merges them).
    const sorted = pairs.map(([s, d]) => [s * 60, (s + d) * 60] as const).sort((a, b) => a[0] - b[0]);
    const out: number[] = [];
    for (const [s, e] of sorted) {
      if (out.length && s <= out[out.length - 1]!) out[out.length - 1] = Math.max(out[out.length - 1]!, e);
      else out.push(s, e);
    }
    return out;
  });

const levelArb: fc.Arbitrary<ServiceLevel> = fc.oneof(
  fc.integer({ min: 0, max: 40 }).map((percent) => ({ kind: "maxRefusalRate" as const, percent })),
  fc.integer({ min: 0, max: 60 }).map((minutes) => ({ kind: "maxWaitMinutes" as const, minutes })),
);

let solver: Awaited<ReturnType<typeof loadSolver>>;
beforeAll(async () => {
  solver = await loadSolver();
});

describe("the optimizer's answer equals brute force over every named subset (up to 8 agents)", () => {
  it("for random histories, prices and service levels", () => {
    fc.assert(
      fc.property(
        fc.array(agentWishesArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        levelArb,
        (perAgent, namedPrice, concurrentPrice, level) => {
          const wishes = buildWishes(perAgent);
          const demandSeconds = perAgent.map(wishSeconds);
          const mix = cheapestMix({
            wishes,
            agents: perAgent.length,
            demandSeconds,
            namedPrice,
            concurrentPrice,
            level,
            solver,
          });
          expect(mix.lowerBound).toBe(mix.cost);
          expect(mix.cost).toBe(bruteForceCost(perAgent, namedPrice, concurrentPrice, level));
          // And the mix it names really meets the level, by the naive replay.
          const named = perAgent.map((_, i) => mix.named.includes(i));
          expect(meets(naiveReplay(perAgent, named, mix.seats), level)).toBe(true);
          // The fast replay agrees with the naive one on the mix.
          expect(mix.counts.refused).toBe(naiveReplay(perAgent, named, mix.seats).refused);
        },
      ),
      { numRuns: 300, seed: 20261125 },
    );
  });
});

describe("larger groups", () => {
  it("3 agents on all day and 17 who never need more than 2 at once: 3 named + 2 concurrent", () => {
    const day = 86_400;
    const perAgent: number[][] = [];
    for (let a = 0; a < 3; a++)
      perAgent.push(Array.from({ length: 20 }, (_, d) => [d * day + 8 * 3600, d * day + 17 * 3600]).flat());
    // 17 part-timers: two one-hour slots a day, taken in turn, at most 2 at once.
    for (let a = 0; a < 17; a++) {
      const w: number[] = [];
      for (let d = 0; d < 20; d++) {
        if ((d + a) % 17 < 2) w.push(d * day + 10 * 3600 + (a % 2) * 600, d * day + 11 * 3600);
      }
      perAgent.push(w);
    }
    const wishes = buildWishes(perAgent);
    const demandSeconds = perAgent.map(wishSeconds);
    const mix = cheapestMix({
      wishes,
      agents: 20,
      demandSeconds,
      namedPrice: 5000,
      concurrentPrice: 12500,
      level: { kind: "maxRefusalRate", percent: 0 },
      solver,
    });
    expect(mix.lowerBound).toBe(mix.cost);
    expect(mix.named.sort()).toEqual([0, 1, 2]);
    expect(mix.seats).toBe(2);
    expect(mix.counts.refused).toBe(0);
  });
});

describe("the replay equals the naive one on random histories", () => {
  it("refused, gave up and the longest wait, for any named agents and seat count", () => {
    fc.assert(
      fc.property(
        fc.array(agentWishesArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 8 }),
        (perAgent, namedFlags, seats) => {
          const named = perAgent.map((_, i) => namedFlags[i]!);
          const fast = run(
            perAgent,
            named.flatMap((flag, i) => (flag ? [i] : [])),
            seats,
          );
          const naive = naiveReplay(perAgent, named, seats);
          expect({
            attempts: fast.attempts,
            refused: fast.refused,
            gaveUp: fast.gaveUp,
            maxWait: Math.max(0, ...fast.waits),
          }).toEqual(naive);
        },
      ),
      { numRuns: 300, seed: 20261125 },
    );
  });
});

describe("peak concurrency on random histories", () => {
  it(
    "is the most wishes in progress at once, counted naively (a wish ending as another starts has freed " + "its seat)",
    () => {
      fc.assert(
        fc.property(
          fc.array(agentWishesArb, { minLength: 1, maxLength: 8 }),
          fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
          (perAgent, namedFlags) => {
            const named = Uint8Array.from(perAgent, (_, i) => (namedFlags[i] ? 1 : 0));
            // At each shared wish's start: it, and every other shared wish that started before (or at the same time,
            // earlier in order) and ends later.
            const wishes = buildWishes(perAgent);
            let naive = 0;
            for (let i = 0; i < wishes.starts.length; i++) {
              if (named[wishes.agent[i]!]) continue;
              let inProgress = 1;
              for (let j = 0; j < i; j++)
                if (!named[wishes.agent[j]!] && wishes.ends[j]! > wishes.starts[i]!) inProgress++;
              naive = Math.max(naive, inProgress);
            }
            expect(peakConcurrency(wishes, named)).toBe(naive);
          },
        ),
        { numRuns: 300, seed: 20261125 },
      );
    },
  );
});
