import "server-only";
import type { ReplayOutcome, ServiceLevel } from "./types";

/*
 * Replays recorded demand against a mix of seats. Pure and allocation-light: the optimizer runs
 * it many times over tens of thousands of wishes.
 *
 * The rules, the same as the app's (../shared/licensing.md):
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
  readonly capacity: number;
  size = 0;
  constructor(capacity: number) {
    this.capacity = Math.max(1, capacity);
    this.items = new Float64Array(this.capacity);
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

/** Refused and gave-up counts of one replayed span (its waits go to the caller's list). */
export type SpanCounts = { refused: number; gaveUp: number };

/**
 * What lets a replay skip the stretches where nobody waits, for wishes lo..hi-1 (see
 * segmented-replay.ts). While nobody waits, the seats are held by exactly the wishes in
 * progress, so only a wish that needs more seats than there are can be refused.
 */
export type Shortcuts = {
  /** For each wish, how many of the span's wishes are in progress as it starts, itself included. */
  need: Int32Array;
  /** The largest need of the span's wishes up to each one, and from each one on. */
  needUpTo: Int32Array;
  needFrom: Int32Array;
  /**
   * Ends of the span's wishes and of wishes dropped from it since (flagged in `gone`), sorted,
   * from lo to sortedHi, each with its wish's id: ids grow with the position of the wish in the
   * span (`ids` gives the id of each wish of the span).
   */
  sortedEnds: Float64Array;
  sortedWish: Int32Array;
  sortedHi: number;
  ids: Int32Array;
  gone: Uint8Array;
};

// One heap and one line, grown as needed and reused: segmented replays run thousands of short spans.
let sharedHeap = new EndHeap(16);
let sharedLine = new Int32Array(1024);

/**
 * The replay of wishes lo..hi-1 of `starts`/`ends` (every one of them shares the `seats`), as
 * if nothing happened before `lo`: the one loop behind every replay. Appends the waits to
 * `waits` in the order they end; returns null once a bound was passed (and `waits` then holds
 * part of the span's waits).
 *
 * With `shortcuts`, whenever nobody waits it jumps to the next wish that needs more than `seats`
 * (none: nothing more can happen), where the seats are held by the wishes then in progress:
 * those are read from the sorted ends (in their order of release) instead of the heap, which
 * holds only the seats taken from there on.
 */
export function replaySpan(
  starts: Float64Array,
  ends: Float64Array,
  shortcuts: Shortcuts | null,
  lo: number,
  hi: number,
  seats: number,
  maxRefused: number,
  maxWait: number,
  waits: number[],
): SpanCounts | null {
  const waitLimited = maxWait !== Infinity;
  if (sharedHeap.capacity < seats) sharedHeap = new EndHeap(seats);
  if (sharedLine.length < hi - lo) sharedLine = new Int32Array(Math.max(hi - lo, 2 * sharedLine.length));
  const heap = sharedHeap;
  const line = sharedLine;
  heap.size = 0;
  // Plain locals in one loop, no closure over them: the optimizer runs this thousands of times,
  // and variables a closure writes live on the heap (slower).
  let head = 0;
  let tail = 0;
  let refused = 0;
  let gaveUp = 0;
  // Seats held by wishes in progress at the last jump: sorted ends from `next` on, of wishes
  // (not dropped) before the one with id `jumpedTo`.
  const sortedEnds = shortcuts?.sortedEnds;
  const sortedWish = shortcuts?.sortedWish;
  const sortedHi = shortcuts?.sortedHi ?? 0;
  let next = sortedHi;
  let jumpedTo = 0;
  // Seats taken, from either place.
  let held = 0;

  // Step i < hi is the start of wish i; step hi is the end of the span (t = Infinity).
  for (let i = lo; i <= hi; i++) {
    if (shortcuts !== null && head === tail) {
      const target = nextNeedingMore(shortcuts, lo, hi, i, seats);
      // Nobody waits and no later wish can be refused: nothing more to count.
      if (target === hi) break;
      if (target > i) {
        i = target;
        heap.size = 0;
        held = shortcuts.need[i]! - 1;
        next = firstEndAfter(sortedEnds!, lo, sortedHi, starts[i]!);
        jumpedTo = shortcuts.ids[i]!;
      }
    }
    const t = i < hi ? starts[i]! : Infinity;
    // At the end, seats freed with nobody in line change nothing.
    if (i === hi && head === tail) break;
    // Frees every seat whose holder's wish ended by `t`, handing each to the line in order.
    for (;;) {
      if (sortedWish !== undefined) {
        while (next < sortedHi && (sortedWish[next]! >= jumpedTo || shortcuts!.gone[sortedWish[next]!] === 1)) next++;
      }
      const fromSorted = next < sortedHi ? sortedEnds![next]! : Infinity;
      const fromHeap = heap.size > 0 ? heap.min() : Infinity;
      const freedAt = fromSorted <= fromHeap ? fromSorted : fromHeap;
      if (held === 0 || freedAt > t) break;
      if (fromSorted <= fromHeap) next++;
      else heap.pop();
      held--;
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
        held++;
        break;
      }
    }
    // The first in line has already waited longer than allowed (until `t`, or their wish's end).
    if (head < tail) {
      const j = line[head]!;
      if (Math.min(t, ends[j]!) - starts[j]! > maxWait) return null;
    }
    if (i === hi) break;
    if (head === tail && held < seats) {
      heap.push(ends[i]!);
      held++;
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
  return { refused, gaveUp };
}

/** The first wish from `from` on (hi if none) that needs more than `seats`. */
function nextNeedingMore(shortcuts: Shortcuts, lo: number, hi: number, from: number, seats: number): number {
  if (from >= hi || shortcuts.needFrom[from]! <= seats) return hi;
  const { need, needUpTo } = shortcuts;
  if (from === lo) {
    // The running largest need only grows: the first above `seats` by halving.
    let low = lo;
    let high = hi - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (needUpTo[mid]! > seats) high = mid;
      else low = mid + 1;
    }
    return low;
  }
  let i = from;
  while (need[i]! <= seats) i++;
  return i;
}

/** The first of sortedEnds[lo..hi-1] later than t (hi if none). */
function firstEndAfter(sortedEnds: Float64Array, lo: number, hi: number, t: number): number {
  let low = lo;
  let high = hi;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sortedEnds[mid]! > t) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** The wishes of agents not flagged in `named`, in the same order. */
export function sharedWishes(wishes: Wishes, named: Uint8Array): { starts: Float64Array; ends: Float64Array } {
  let count = 0;
  for (let i = 0; i < wishes.agent.length; i++) if (!named[wishes.agent[i]!]) count++;
  const starts = new Float64Array(count);
  const ends = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < wishes.agent.length; i++) {
    if (named[wishes.agent[i]!]) continue;
    starts[k] = wishes.starts[i]!;
    ends[k++] = wishes.ends[i]!;
  }
  return { starts, ends };
}

/**
 * Replays `wishes` with the agents flagged in `named` on named seats and `seats` concurrent
 * seats shared by everyone else. Returns null only when an early-stop bound was passed.
 */
export function replay(
  wishes: Wishes,
  named: Uint8Array,
  seats: number,
  options: ReplayOptions = {},
): ReplayCounts | null {
  const shared = sharedWishes(wishes, named);
  const waits: number[] = [];
  const span = replaySpan(
    shared.starts,
    shared.ends,
    null,
    0,
    shared.starts.length,
    seats,
    options.maxRefused ?? Infinity,
    options.maxWaitSeconds ?? Infinity,
    waits,
  );
  // Every wish is one attempt, named or not.
  return span && { attempts: wishes.starts.length, refused: span.refused, gaveUp: span.gaveUp, waits };
}

/** The most refused attempts a service level allows out of `attempts`. */
export function allowedRefusals(level: ServiceLevel, attempts: number): number {
  if (level.kind !== "maxRefusalRate") return Infinity;
  // A tiny tolerance so that 1% of 300 attempts allows 3, not 2 because of floating point.
  return Math.floor((level.percent / 100) * attempts + 1e-9);
}

export function replayOptionsFor(level: ServiceLevel, attempts: number): ReplayOptions {
  return level.kind === "maxRefusalRate"
    ? { maxRefused: allowedRefusals(level, attempts) }
    : { maxWaitSeconds: level.minutes * 60 };
}

/** Whether a mix meets the service level: the replay ran to its end within the bounds. */
export function meetsServiceLevel(wishes: Wishes, named: Uint8Array, seats: number, level: ServiceLevel): boolean {
  return replay(wishes, named, seats, replayOptionsFor(level, wishes.starts.length)) !== null;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export function summarize(counts: ReplayCounts, level: ServiceLevel): ReplayOutcome {
  // Waits are never NaN or -0: the numeric typed-array sort is the same order, without a comparator.
  const sorted = Float64Array.from(counts.waits).sort();
  const refusalRate = counts.attempts === 0 ? 0 : (counts.refused / counts.attempts) * 100;
  const maxSeconds = sorted.length ? sorted[sorted.length - 1]! : 0;
  const meets =
    level.kind === "maxRefusalRate"
      ? counts.refused <= allowedRefusals(level, counts.attempts)
      : counts.gaveUp === 0 && maxSeconds <= level.minutes * 60;
  return {
    attempts: counts.attempts,
    refused: counts.refused,
    refusalRate: Math.round(refusalRate * 100) / 100,
    gaveUp: counts.gaveUp,
    waits: {
      p50Seconds: Math.round(percentile(sorted, 50)),
      p95Seconds: Math.round(percentile(sorted, 95)),
      maxSeconds: Math.round(maxSeconds),
    },
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
