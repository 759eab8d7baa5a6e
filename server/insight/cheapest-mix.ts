import "server-only";
import { allowedRefusals, meetsServiceLevel, peakConcurrency, replay, type ReplayCounts, type Wishes } from "./replay";
import { FullestMoments, momentsOver } from "./moments";
import { SeatProgram, type loadSolver } from "./seat-program";
import { EXACT_SEARCH_AGENTS, exactSearch, orderedSearch, type GroupMix, type GroupProblem } from "./search";
import type { ServiceLevel } from "./types";

/*
 * The cheapest mix of one group, with its proof. (Which agents get named seats and how many
 * concurrent seats the others share: cost = named × named price + seats × concurrent price.)
 *
 * No refusal (at most 0% refused, or a longest wait of 0 minutes: the same thing, since a refused
 * attempt always waits): a mix meets it exactly when, at every moment, the agents in progress who
 * are not named are at most the concurrent seats (then the seats are held by exactly those, and
 * nobody is ever refused). That is an integer program, solved exactly by HiGHS (seat-program.ts):
 * a binary per agent, an integer number of seats, a row per moment. A year has tens of thousands
 * of moments, so the rows are generated: solve with the rows so far, check the answer against
 * the history's fullest moments (moments.ts: one sweep per history, kept for every round and
 * level) for the moments it gets wrong (per busy spell the worst one), add them, solve again.
 * Fewer rows make a relaxation: each answer costs at most the true cheapest, and the first answer
 * that meets every moment is the cheapest mix (usually after a few rounds of a few dozen rows).
 * Shortcuts: a named seat lowers the need by at most one seat at every moment, so when a named
 * seat costs at least a concurrent one no one is named; when it costs nothing, everyone who wanted
 * a seat is named.
 *
 * Other levels need the replay (a line, first come first served), which is no linear program. The
 * answer is the best of candidate mixes, each checked by the replay with its fewest seats: the
 * named agents of the relaxation below, those of the no-refusal optimum when there is time for
 * it, and those of the ordered search (agents by hours used, search.ts); up to
 * EXACT_SEARCH_AGENTS agents every subset is tried (exact). The proof is a relaxation, a program whose every solution
 * costs at most the true
 * cheapest mix, solved the same way:
 * - at most R refused: every attempt that starts while more shared agents than seats are in
 *   progress is refused (someone in progress holds no seat, so either all seats are taken or
 *   someone waits, and then the line is not empty), and a busy spell whose worst moment is e over
 *   the seats has at least e such starts. So in any mix meeting the level the spells' excesses
 *   add up to at most R: the program of seat-program.ts with a refusal budget R, solved as a
 *   linear program (its integer version proves little more in the time there is, measured on
 *   the benchmark's year), rows chosen by rounding its answer.
 * - no one waits more than W: every wish holds a seat from its start + W (at the latest) to its
 *   end, so the wishes cut to [start + W, end) never need more seats than there are: the
 *   no-refusal program over the cut demand.
 * The gap reported is (cost − bound) / bound: the recommendation is at most that far above the
 * cheapest possible. Time limits (the caller's share of its time, optimizer.ts) stop the solver
 * with its best proven bound.
 */

type Solver = Awaited<ReturnType<typeof loadSolver>>;

export type ProvenMix = GroupMix & {
  /** No mix meeting the level costs less (cents, proven). */
  lowerBound: number;
  /** How the answer was found and proven. */
  method: "integer program" | "every subset" | "relaxation bound" | "price rule";
};

export type ProvenProblem = GroupProblem & { solver: Solver };

/** Default seconds the solver may spend on one group (then the best bound proven so far is kept). */
export const SEARCH_SECONDS = 1.5;
/** The least time the exact (no refusal) program gets per group: it usually needs far less. */
export const NO_REFUSAL_SECONDS = 5;
/** Rows added in the first round, doubling each round up to the most: the worst moments first. */
const FIRST_ROWS = 25;
const MAX_ROWS_PER_ROUND = 400;
/** Rounds of rows for a linear relaxation (each adds the worst moments of its rounded answer). */
const LINEAR_ROUNDS = 8;

/** Whether the level forbids every refusal (for this many attempts). */
export function isNoRefusal(level: ServiceLevel, attempts: number): boolean {
  return level.kind === "maxWaitMinutes" ? level.minutes === 0 : allowedRefusals(level, attempts) === 0;
}

const noneNamed = (agents: number) => new Uint8Array(agents);
const indicesOf = (flags: Uint8Array) => flags.reduce<number[]>((list, f, i) => (f ? [...list, i] : list), []);

function mixOf(problem: GroupProblem, named: Uint8Array, seats: number): GroupMix {
  const picked = indicesOf(named);
  return {
    named: picked,
    seats,
    cost: picked.length * problem.namedPrice + seats * problem.concurrentPrice,
    counts: replay(problem.wishes, named, seats)!,
  };
}

/** The fewest seats meeting the level with these agents named (more seats never hurt: halving). */
export function fewestSeatsFor(wishes: Wishes, named: Uint8Array, level: ServiceLevel): number {
  let low = 0;
  let high = peakConcurrency(wishes, named);
  while (low < high) {
    const mid = (low + high) >> 1;
    if (meetsServiceLevel(wishes, named, mid, level)) high = mid;
    else low = mid + 1;
  }
  return high;
}

const fullestCache = new WeakMap<Wishes, FullestMoments>();

/** The fullest moments of these wishes, found once per history (every level and round checks against them). */
export function fullestMomentsOf(wishes: Wishes, agents: number): FullestMoments {
  let moments = fullestCache.get(wishes);
  if (!moments) {
    moments = new FullestMoments(wishes, agents);
    fullestCache.set(wishes, moments);
  }
  return moments;
}

type Relaxed = { named: Uint8Array; seats: number; cost: number; lowerBound: number; exact: boolean };

/**
 * The cheapest mix with no moment over its seats, for these wishes (rows generated as above);
 * `exact` when proven. With `refusalBudget`, the segments' excesses may add up to that much (the
 * relaxation of "at most R refused"); then the named/seats answer need not meet every moment.
 */
export function solveByMoments(
  solver: Solver,
  wishes: Wishes,
  agents: number,
  namedPrice: number,
  concurrentPrice: number,
  refusalBudget: number | null,
  seconds: number,
  linear = false,
): Relaxed {
  const deadline = performance.now() + seconds * 1000;
  const moments = fullestMomentsOf(wishes, agents);
  const program = new SeatProgram(solver, agents, namedPrice, concurrentPrice, refusalBudget, linear);
  const added = new Set<string>();
  const costOf = (named: Uint8Array, seats: number) => indicesOf(named).length * namedPrice + seats * concurrentPrice;
  let named: Uint8Array = noneNamed(agents);
  let seats = 0;
  let lowerBound = 0;
  let rowsPerRound = FIRST_ROWS;
  let rounds = 0;
  try {
    for (;;) {
      const { worst, excessSum } = momentsOver(moments, named, seats);
      if (refusalBudget === null ? worst.length === 0 : excessSum <= refusalBudget) {
        // Meets every moment: the cheapest for all of them if it was the cheapest for some.
        const cost = costOf(named, seats);
        return { named, seats, cost, lowerBound, exact: lowerBound >= cost };
      }
      let fresh = 0;
      for (const moment of worst) {
        if (fresh >= rowsPerRound) break;
        const agents = Array.from(moment.agents).sort((x, y) => x - y);
        const key = `${refusalBudget === null ? "" : moment.segment}:${agents}`;
        if (added.has(key)) continue;
        added.add(key);
        program.addMoment(moment.agents, moment.segment);
        fresh++;
      }
      rowsPerRound = Math.min(MAX_ROWS_PER_ROUND, rowsPerRound * 2);
      const left = (deadline - performance.now()) / 1000;
      const solved = fresh > 0 && left > 0 ? program.solve(left) : null;
      const solution = solved?.solution ?? null;
      if (solved) lowerBound = Math.max(lowerBound, solved.lowerBound);
      if (linear && solution && rounds++ < LINEAR_ROUNDS && performance.now() < deadline) {
        // The linear relaxation: its rounded answer only chooses the next rows; the bound holds.
        named = solution.named;
        seats = solution.seats;
        continue;
      }
      if (!solution || !solution.optimal) {
        // Out of time (or nothing new to add): the last answer with seats for its peak meets
        // every moment, and so does no one named with seats for the whole peak: the cheaper; the
        // bound is the one proven so far.
        const tried = solution?.named ?? named;
        const triedSeats = momentsOver(moments, tried, Number.MAX_SAFE_INTEGER).peak;
        const nobody = noneNamed(agents);
        const nobodySeats = momentsOver(moments, nobody, Number.MAX_SAFE_INTEGER).peak;
        const [fallbackNamed, fallbackSeats] =
          costOf(tried, triedSeats) <= costOf(nobody, nobodySeats) ? [tried, triedSeats] : [nobody, nobodySeats];
        const cost = costOf(fallbackNamed, fallbackSeats);
        return { named: fallbackNamed, seats: fallbackSeats, cost, lowerBound, exact: lowerBound >= cost };
      }
      named = solution.named;
      seats = solution.seats;
    }
  } finally {
    program.dispose();
  }
}

/** Wishes cut to [start + cut, end), dropping those that end by then, sorted again. */
export function cutWishes(wishes: Wishes, cut: number): Wishes {
  const order: number[] = [];
  for (let i = 0; i < wishes.starts.length; i++) if (wishes.ends[i]! > wishes.starts[i]! + cut) order.push(i);
  order.sort(
    (x, y) =>
      wishes.starts[x]! - wishes.starts[y]! || wishes.ends[x]! - wishes.ends[y]! || wishes.agent[x]! - wishes.agent[y]!,
  );
  return {
    starts: Float64Array.from(order, (i) => wishes.starts[i]! + cut),
    ends: Float64Array.from(order, (i) => wishes.ends[i]!),
    agent: Int32Array.from(order, (i) => wishes.agent[i]!),
  };
}

function better(a: GroupMix, b: GroupMix): boolean {
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.counts.refused !== b.counts.refused) return a.counts.refused < b.counts.refused;
  return a.named.length < b.named.length;
}

const emptyCounts = (attempts: number): ReplayCounts => ({ attempts, refused: 0, gaveUp: 0, waits: [] });

/** The cheapest mix for one group meeting the level, and a proven lower bound on any such mix. */
export function cheapestMix(problem: ProvenProblem, seconds = SEARCH_SECONDS): ProvenMix {
  const { wishes, agents, namedPrice, concurrentPrice, level } = problem;
  const attempts = wishes.starts.length;
  if (agents === 0 || attempts === 0)
    return { named: [], seats: 0, cost: 0, counts: emptyCounts(attempts), lowerBound: 0, method: "price rule" };

  if (isNoRefusal(level, attempts)) {
    if (namedPrice >= concurrentPrice) {
      const seats = peakConcurrency(wishes, noneNamed(agents));
      return { ...mixOf(problem, noneNamed(agents), seats), lowerBound: seats * concurrentPrice, method: "price rule" };
    }
    if (namedPrice === 0) {
      const everyone = new Uint8Array(agents);
      for (let i = 0; i < attempts; i++) everyone[wishes.agent[i]!] = 1;
      return { ...mixOf(problem, everyone, 0), lowerBound: 0, method: "price rule" };
    }
    // The exact path gets at least NO_REFUSAL_SECONDS whatever the group's share of the time.
    const exact = solveByMoments(
      problem.solver,
      wishes,
      agents,
      namedPrice,
      concurrentPrice,
      null,
      Math.max(seconds, NO_REFUSAL_SECONDS),
    );
    return { ...mixOf(problem, exact.named, exact.seats), lowerBound: exact.lowerBound, method: "integer program" };
  }

  if (agents <= EXACT_SEARCH_AGENTS) {
    const mix = exactSearch(problem);
    return { ...mix, lowerBound: mix.cost, method: "every subset" };
  }

  // The relaxation: its answer's named agents are a candidate, its bound the proof.
  const started = performance.now();
  const relaxed =
    level.kind === "maxWaitMinutes"
      ? solveByMoments(
          problem.solver,
          cutWishes(wishes, level.minutes * 60),
          agents,
          namedPrice,
          concurrentPrice,
          null,
          seconds,
        )
      : solveByMoments(
          problem.solver,
          wishes,
          agents,
          namedPrice,
          concurrentPrice,
          allowedRefusals(level, attempts),
          seconds,
          true,
        );
  const candidates: Uint8Array[] = [relaxed.named];
  // With time to spare, the no-refusal optimum's named agents too (those at the peaks).
  const spent = (performance.now() - started) / 1000;
  if (namedPrice > 0 && namedPrice < concurrentPrice && spent < seconds / 3)
    candidates.push(
      solveByMoments(problem.solver, wishes, agents, namedPrice, concurrentPrice, null, seconds - spent).named,
    );
  let best = orderedSearch(problem);
  for (const named of candidates) {
    const mix = mixOf(problem, named, fewestSeatsFor(wishes, named, level));
    if (better(mix, best)) best = mix;
  }
  const lowerBound = Math.min(best.cost, relaxed.lowerBound);
  return { ...best, lowerBound, method: lowerBound === best.cost ? "integer program" : "relaxation bound" };
}

/** How far above the proven bound a cost is at most, in percent, rounded up to 0.1 (null: no bound proven). */
export function gapPercent(cost: number, lowerBound: number): number | null {
  if (cost <= lowerBound) return 0;
  if (lowerBound <= 0) return null;
  return Math.ceil(((cost - lowerBound) / lowerBound) * 1000 - 1e-9) / 10;
}
