import "server-only";
import { meetsServiceLevel, peakConcurrency, replay, replayOptionsFor, type ReplayCounts, type Wishes } from "./replay";
import { SegmentedReplay } from "./segmented-replay";
import type { ServiceLevel } from "./types";

/*
 * The cheapest mix for one group of agents: which of them get named seats, and how many
 * concurrent seats the others share, such that the replay of their wishes meets the service
 * level. Cost = named × named price + seats × concurrent price.
 *
 * Up to EXACT_SEARCH_AGENTS agents every subset is tried (exact). Beyond that the candidates
 * for named seats are taken in order of how many hours they wanted a seat (the agents who work
 * all day first): for each number s of named seats, the fewest concurrent seats that meet the
 * service level for the others. Taking one more agent out of the shared pool never needs more
 * seats, so the search walks the seat count down from the previous answer, and it stops once
 * s named seats alone cost more than the best mix found.
 *
 * Ties in cost go to fewer refusals, then to fewer named seats (more flexibility).
 */

export const EXACT_SEARCH_AGENTS = 10;

export type GroupMix = { named: number[]; seats: number; cost: number; counts: ReplayCounts };

export type GroupProblem = {
  wishes: Wishes;
  agents: number;
  /** Hours each agent wanted a seat (the order of candidates for named seats). */
  demandSeconds: number[];
  namedPrice: number;
  concurrentPrice: number;
  level: ServiceLevel;
};

/** The fewest seats in [low, high] that meet the level, assuming more seats never hurt; `high` must meet it. */
function fewestSeats(meets: (seats: number) => boolean, low: number, high: number): number {
  while (low < high) {
    const mid = (low + high) >> 1;
    if (meets(mid)) high = mid;
    else low = mid + 1;
  }
  return high;
}

function evaluate(problem: GroupProblem, named: Uint8Array, seats: number): GroupMix {
  const picked: number[] = [];
  named.forEach((flag, i) => flag && picked.push(i));
  const counts = replay(problem.wishes, named, seats)!;
  return { named: picked, seats, cost: picked.length * problem.namedPrice + seats * problem.concurrentPrice, counts };
}

function better(a: GroupMix, b: GroupMix | null): boolean {
  if (!b) return true;
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.counts.refused !== b.counts.refused) return a.counts.refused < b.counts.refused;
  return a.named.length < b.named.length;
}

/** Every subset of named agents, each with its fewest seats: exact, for small groups. */
export function exactSearch(problem: GroupProblem): GroupMix {
  let best: GroupMix | null = null;
  for (let mask = 0; mask < 1 << problem.agents; mask++) {
    const named = new Uint8Array(problem.agents);
    for (let i = 0; i < problem.agents; i++) named[i] = (mask >> i) & 1;
    const peak = peakConcurrency(problem.wishes, named);
    // Linear from 0: exact even where one more seat would not help (it never hurts in practice).
    let seats = 0;
    while (seats < peak && !meetsServiceLevel(problem.wishes, named, seats, problem.level)) seats++;
    const mix = evaluate(problem, named, seats);
    if (better(mix, best)) best = mix;
  }
  return best!;
}

/** The ordered search: candidates for named seats by hours used (a good mix, not a proven one). */
export function orderedSearch(problem: GroupProblem): GroupMix {
  const order = [...problem.demandSeconds.keys()].sort(
    (x, y) => problem.demandSeconds[y]! - problem.demandSeconds[x]! || x - y,
  );
  const named = new Uint8Array(problem.agents);
  const attempts = problem.wishes.starts.length;
  // A replay that stops as soon as the level is missed, kept when it passes (no second run); the
  // same answers as replay(problem.wishes, named, seats, options), with the work shared between them.
  const replays = new SegmentedReplay(problem.wishes, problem.agents, replayOptionsFor(problem.level, attempts));
  const tryMix = (seats: number) => replays.replay(seats);
  let seats = fewestSeats((mid) => tryMix(mid) !== null, 0, replays.peakBeforeNaming());
  // With no one named, `seats` meets the level (the peak does: nobody refused), so this replay passes.
  let best: GroupMix = { named: [], seats, cost: seats * problem.concurrentPrice, counts: tryMix(seats)! };
  let counts: ReplayCounts;
  for (let s = 1; s <= problem.agents; s++) {
    if (s * problem.namedPrice > best.cost) break;
    const agent = order[s - 1]!;
    if (problem.demandSeconds[agent] === 0) break;
    named[agent] = 1;
    replays.name(agent);
    const same = tryMix(seats);
    // One more named seat never needs more shared seats in practice; if it ever did, skip this s.
    if (!same) continue;
    counts = same;
    for (;;) {
      if (seats === 0) break;
      const fewer = tryMix(seats - 1);
      if (!fewer) break;
      seats--;
      counts = fewer;
    }
    const cost = s * problem.namedPrice + seats * problem.concurrentPrice;
    const mix: GroupMix = { named: [...order.slice(0, s)].sort((a, b) => a - b), seats, cost, counts };
    if (cost <= best.cost && better(mix, best)) best = mix;
  }
  return best;
}

/** Counts of a given mix, for what-if and today's allocation. */
export function replayMix(wishes: Wishes, named: Uint8Array, seats: number): ReplayCounts {
  return replay(wishes, named, seats)!;
}
