import type { ReplayOutcome, ServiceLevel } from "./types";

/*
 * Replays recorded demand against a mix of seats. Pure and allocation-light: the optimizer runs
 * it many times over tens of thousands of wishes.
 *
 * The rules, the same as the app's (licensing.md):
 * - A wish is [start, end): someone wanting a seat (see demand.ts). Each wish is one checkout
 *   attempt. Wishes of agents with named seats are always served.
 * - The other wishes compete for K seats. A wish served at once holds a seat until its end. A
 *   wish that finds every seat taken (or people already waiting) is refused and joins the line;
 *   a freed seat goes to the first in line (first come, first served), who holds it until the
 *   end of their wish; whoever is still in line when their wish ends gave up.
 * - A seat freed at the very moment a wish starts serves it (ends before starts).
 * - The wait of a refused wish runs until it is served, or until it gave up. Under a wait limit
 *   ("no one waits more than N minutes") a wish that never got a seat breaks the limit, however
 *   short it was: that person was not served at all.
 */

export type Wishes = {
  /** Sorted by start (then end), seconds from any origin. */
  starts: Float64Array;
  ends: Float64Array;
  /** Index of the agent of each wish. */
  agent: Int32Array;
};

export type ReplayCounts = { attempts: number; refused: number; gaveUp: number; waits: number[] };

/** A binary min-heap of seat release times, for at most `capacity` seats. */
class EndHeap {
  private readonly items: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.items = new Float64Array(Math.max(1, capacity));
  }
  min(): number {
    return this.items[0]!;
  }
  push(value: number): void {
    const a = this.items;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= value) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = value;
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a[--this.size]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const c = r < this.size && a[r]! < a[l]! ? r : l;
      if (a[c]! >= last) break;
      a[i] = a[c]!;
      i = c;
    }
    a[i] = last;
    return top;
  }
}

export type ReplayOptions = {
  /** Stop early (returning null) once more than this many attempts were refused. */
  maxRefused?: number;
  /** Stop early (returning null) once someone has waited longer than this many seconds. */
  maxWaitSeconds?: number;
};

/**
 * Replays `wishes` with the agents flagged in `named` on named seats and `seats` concurrent
 * seats shared by everyone else. Returns null only when an early-stop bound was passed.
 */
export function replay(wishes: Wishes, named: Uint8Array, seats: number, options: ReplayOptions = {}): ReplayCounts | null {
  const { starts, ends, agent } = wishes;
  const n = starts.length;
  const maxRefused = options.maxRefused ?? Infinity;
  const maxWait = options.maxWaitSeconds ?? Infinity;
  const waitLimited = maxWait !== Infinity;
  const heap = new EndHeap(seats);
  const line = new Int32Array(n);
  // Plain locals in one loop, no closure over them: the optimizer runs this hundreds of times
  // over a hundred thousand wishes, and variables a closure writes live on the heap (slower).
  let head = 0;
  let tail = 0;
  let refused = 0;
  let gaveUp = 0;
  const waits: number[] = [];

  // Step i < n is the start of wish i; step n is the end of the replay (t = Infinity).
  for (let i = 0; i <= n; i++) {
    let t = Infinity;
    if (i < n) {
      if (named[agent[i]!]) continue;
      t = starts[i]!;
    }
    // Frees every seat whose holder's wish ended by `t`, handing each to the line in order.
    while (heap.size > 0 && heap.min() <= t) {
      const freedAt = heap.pop();
      while (head < tail) {
        const j = line[head++]!;
        if (ends[j]! <= freedAt) {
          gaveUp++;
          const wait = ends[j]! - starts[j]!;
          // Under a wait limit, a wish that never got a seat was not served in time at all.
          if (wait > maxWait || waitLimited) return null;
          waits.push(wait);
          continue;
        }
        const wait = freedAt - starts[j]!;
        if (wait > maxWait) return null;
        waits.push(wait);
        heap.push(ends[j]!);
        break;
      }
    }
    // The first in line has already waited longer than allowed (until `t`, or their wish's end).
    if (head < tail) {
      const j = line[head]!;
      if (Math.min(t, ends[j]!) - starts[j]! > maxWait) return null;
    }
    if (i === n) break;
    if (head === tail && heap.size < seats) {
      heap.push(ends[i]!);
    } else {
      refused++;
      if (refused > maxRefused) return null;
      line[tail++] = i;
    }
  }
  // No seat ever came for the rest of the line (only possible with no seats at all).
  while (head < tail) {
    const j = line[head++]!;
    const wait = ends[j]! - starts[j]!;
    if (waitLimited) return null;
    gaveUp++;
    waits.push(wait);
  }
  // Every wish is one attempt, named or not.
  return { attempts: n, refused, gaveUp, waits };
}

/** The most refused attempts a service level allows out of `attempts`. */
export function allowedRefusals(level: ServiceLevel, attempts: number): number {
  if (level.kind !== "maxRefusalRate") return Infinity;
  // A tiny tolerance so that 1% of 300 attempts allows 3, not 2 because of floating point.
  return Math.floor((level.percent / 100) * attempts + 1e-9);
}

export function replayOptionsFor(level: ServiceLevel, attempts: number): ReplayOptions {
  return level.kind === "maxRefusalRate" ? { maxRefused: allowedRefusals(level, attempts) } : { maxWaitSeconds: level.minutes * 60 };
}

/** Whether a mix meets the service level: the replay ran to its end within the bounds. */
export function meetsServiceLevel(wishes: Wishes, named: Uint8Array, seats: number, level: ServiceLevel): boolean {
  return replay(wishes, named, seats, replayOptionsFor(level, wishes.starts.length)) !== null;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export function summarize(counts: ReplayCounts, level: ServiceLevel): ReplayOutcome {
  const sorted = [...counts.waits].sort((a, b) => a - b);
  const refusalRate = counts.attempts === 0 ? 0 : (counts.refused / counts.attempts) * 100;
  const maxSeconds = sorted.length ? sorted[sorted.length - 1]! : 0;
  const meets = level.kind === "maxRefusalRate" ? counts.refused <= allowedRefusals(level, counts.attempts) : counts.gaveUp === 0 && maxSeconds <= level.minutes * 60;
  return {
    attempts: counts.attempts,
    refused: counts.refused,
    refusalRate: Math.round(refusalRate * 100) / 100,
    gaveUp: counts.gaveUp,
    waits: { p50Seconds: Math.round(percentile(sorted, 50)), p95Seconds: Math.round(percentile(sorted, 95)), maxSeconds: Math.round(maxSeconds) },
    meetsServiceLevel: meets,
  };
}

/** Adds replay counts of several groups into one. */
export function addCounts(parts: ReplayCounts[]): ReplayCounts {
  const total: ReplayCounts = { attempts: 0, refused: 0, gaveUp: 0, waits: [] };
  for (const p of parts) {
    total.attempts += p.attempts;
    total.refused += p.refused;
    total.gaveUp += p.gaveUp;
    for (const w of p.waits) total.waits.push(w);
  }
  return total;
}

/** The most wishes of non-named agents in progress at the same instant (ends before starts). */
export function peakConcurrency(wishes: Wishes, named: Uint8Array): number {
  const heap = new EndHeap(wishes.starts.length);
  let peak = 0;
  for (let i = 0; i < wishes.starts.length; i++) {
    if (named[wishes.agent[i]!]) continue;
    const t = wishes.starts[i]!;
    while (heap.size > 0 && heap.min() <= t) heap.pop();
    heap.push(wishes.ends[i]!);
    if (heap.size > peak) peak = heap.size;
  }
  return peak;
}
