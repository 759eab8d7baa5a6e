import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildWishes, wishSeconds } from "./demand";
import {
  peakConcurrency,
  replay,
  replayOptionsFor,
  type ReplayCounts,
  type ReplayOptions,
  type Wishes,
} from "./replay";
import { SegmentedReplay } from "./segmented-replay";
import { EXACT_SEARCH_AGENTS, orderedSearch } from "./search";
import type { ServiceLevel } from "./types";

/*
 * The segmented replay must answer exactly what the plain replay answers (null or the same
 * counts, waits in the same order) after any sequence of named agents, for any seat count and
 * bound. Times are whole minutes in a few short "days" far apart, so that ties (same start,
 * a wish ending as another starts), wishes of no length, several segments a day and empty
 * stretches are common.
 */

const agentWishesArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 25 })), {
    maxLength: 6,
  })
  .map((pieces) => {
    // Non-overlapping wishes of one agent, as demand.ts merges them (touching ones merge too).
    const sorted = pieces
      .map(([day, s, d]) => [day * 1000 + s, day * 1000 + s + d] as const)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const out: number[] = [];
    for (const [s, e] of sorted) {
      if (out.length && s <= out[out.length - 1]!) out[out.length - 1] = Math.max(out[out.length - 1]!, e);
      else out.push(s, e);
    }
    return out.map((m) => m * 60);
  });

const optionsArb: fc.Arbitrary<ReplayOptions> = fc.oneof(
  fc.constant({}),
  fc.integer({ min: 0, max: 12 }).map((maxRefused) => ({ maxRefused })),
  fc.integer({ min: 0, max: 30 }).map((minutes) => ({ maxWaitSeconds: minutes * 60 })),
);

describe("segmented replay equals the plain replay", () => {
  it("after each agent named, for every seat count, with and without bounds", () => {
    fc.assert(
      fc.property(
        fc.array(agentWishesArb, { minLength: 1, maxLength: 12 }),
        optionsArb,
        fc.array(fc.nat(), { maxLength: 12 }),
        (perAgent, options, picks) => {
          const wishes = buildWishes(perAgent);
          const agents = perAgent.length;
          const segmented = new SegmentedReplay(wishes, agents, options);
          const named = new Uint8Array(agents);
          const check = () => {
            // Seat counts in a mixed order, each asked twice: kept results must be the same answer.
            const counts = Array.from({ length: agents + 2 }, (_, i) => (i * 5) % (agents + 2));
            for (const seats of [...counts, ...counts.reverse()]) {
              expect(segmented.replay(seats), `seats ${seats}, named ${named.join("")}`).toEqual(
                replay(wishes, named, seats, options),
              );
            }
          };
          expect(segmented.peakBeforeNaming()).toBe(peakConcurrency(wishes, named));
          check();
          for (const pick of picks) {
            const agent = pick % agents;
            named[agent] = 1;
            segmented.name(agent);
            check();
          }
        },
      ),
      { numRuns: 400, seed: 20261125 },
    );
  });

  it("a day's replay carries nothing into the next: a wish ending as the next day's first starts is a split", () => {
    // Day 1: 0-10 and 5-10 on one seat (the second waits, gives up at 10). Then 10-20 starts as both end.
    const wishes = buildWishes([
      [0, 10, 10, 20],
      [5, 10],
    ]);
    const segmented = new SegmentedReplay(wishes, 2, {});
    expect(segmented.replay(1)).toEqual({ attempts: 3, refused: 1, gaveUp: 1, waits: [5] });
    expect(segmented.replay(1)).toEqual(replay(wishes, new Uint8Array(2), 1));
  });
});

/** The ordered search as it was with the plain replay (search.ts before the segmented replay). */
function plainOrderedSearch(
  wishes: Wishes,
  agents: number,
  demandSeconds: number[],
  namedPrice: number,
  concurrentPrice: number,
  level: ServiceLevel,
) {
  const order = [...demandSeconds.keys()].sort((x, y) => demandSeconds[y]! - demandSeconds[x]! || x - y);
  const named = new Uint8Array(agents);
  const options = replayOptionsFor(level, wishes.starts.length);
  const tryMix = (seats: number) => replay(wishes, named, seats, options);
  let low = 0;
  let seats = peakConcurrency(wishes, named);
  while (low < seats) {
    const mid = (low + seats) >> 1;
    if (tryMix(mid)) seats = mid;
    else low = mid + 1;
  }
  let best = { named: [] as number[], seats, cost: seats * concurrentPrice, counts: replay(wishes, named, seats)! };
  for (let s = 1; s <= agents; s++) {
    if (s * namedPrice > best.cost) break;
    const agent = order[s - 1]!;
    if (demandSeconds[agent] === 0) break;
    named[agent] = 1;
    const same = tryMix(seats);
    if (!same) continue;
    let counts: ReplayCounts = same;
    while (seats > 0) {
      const fewer = tryMix(seats - 1);
      if (!fewer) break;
      seats--;
      counts = fewer;
    }
    const cost = s * namedPrice + seats * concurrentPrice;
    const mix = { named: order.slice(0, s).sort((a, b) => a - b), seats, cost, counts };
    const better =
      mix.cost !== best.cost
        ? mix.cost < best.cost
        : mix.counts.refused !== best.counts.refused
          ? mix.counts.refused < best.counts.refused
          : mix.named.length < best.named.length;
    if (cost <= best.cost && better) best = mix;
  }
  return best;
}

describe("the ordered search with the segmented replay", () => {
  it("gives the same mix and counts as with the plain replay (groups larger than the exact search)", () => {
    const levelArb: fc.Arbitrary<ServiceLevel> = fc.oneof(
      fc.integer({ min: 0, max: 30 }).map((percent) => ({ kind: "maxRefusalRate" as const, percent })),
      fc.integer({ min: 0, max: 30 }).map((minutes) => ({ kind: "maxWaitMinutes" as const, minutes })),
    );
    fc.assert(
      fc.property(
        fc.array(agentWishesArb, { minLength: EXACT_SEARCH_AGENTS + 1, maxLength: EXACT_SEARCH_AGENTS + 6 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        levelArb,
        (perAgent, namedPrice, concurrentPrice, level) => {
          const wishes = buildWishes(perAgent);
          const demandSeconds = perAgent.map(wishSeconds);
          const mix = orderedSearch({
            wishes,
            agents: perAgent.length,
            demandSeconds,
            namedPrice,
            concurrentPrice,
            level,
          });
          expect(mix).toEqual(
            plainOrderedSearch(wishes, perAgent.length, demandSeconds, namedPrice, concurrentPrice, level),
          );
        },
      ),
      { numRuns: 200, seed: 20261125 },
    );
  });
});
