import "server-only";
import {
  replaySpan,
  type ReplayCounts,
  type ReplayOptions,
  type Shortcuts,
  type SpanCounts,
  type Wishes,
} from "./replay";

/*
 * The same replay as replay.ts, for a search that names agents one after another and asks
 * about a few seat counts after each: it answers exactly what replay(wishes, named, seats,
 * options) answers, with much less work.
 *
 * - The timeline splits wherever no wish (of anyone) is in progress: there every seat is free
 *   and nobody waits, whoever is named and however many seats there are, so each piece (a
 *   segment: in practice a day) replays on its own, and the whole replay is their sum (its
 *   waits, in segment order, are the same list in the same order).
 * - Each segment keeps only its shared wishes (named agents' wishes are dropped as they are
 *   named), and for each how many shared wishes are in progress as it starts (its need): a
 *   segment that never needs more than `seats` refuses nobody and is not replayed, and the
 *   replay of the others skips the stretches where nobody waits (see replaySpan).
 * - A segment's result for a seat count is kept until one of its agents is named.
 */

/** A wait bound was passed in this segment (under a wait limit, the whole replay fails). */
const FAILED = null;
type SegmentResult = { counts: SpanCounts; waits: number[] } | typeof FAILED;

export class SegmentedReplay {
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  private readonly agent: Int32Array;
  /** Per wish, its need and the rest of replaySpan's shortcuts, each segment's within its range. */
  private readonly shortcuts: Shortcuts;
  private readonly dropped: Float64Array;
  /** Segments with named agents' wishes still in them (dropped when next replayed). */
  private readonly stale: Uint8Array;
  /** Segment k holds wishes first[k] .. first[k] + size[k] - 1 (its shared wishes, compacted). */
  private readonly first: Int32Array;
  private readonly size: Int32Array;
  /** Segment k's sorted ends are in first[k] .. sortedEnd[k] - 1 (those of dropped wishes go when it is compacted). */
  private readonly sortedEnd: Int32Array;
  /** The most shared wishes of a segment in progress at once (its largest need). */
  private readonly busiest: Int32Array;
  private readonly results: Map<number, SegmentResult>[];
  /**
   * Per seat count, each segment's refusals the last time it was replayed with that many (a
   * failed wait: Infinity), kept when agents are named: the segments that refused the most go
   * first, so that a replay over its budget finds out early. Only the order of work depends on it.
   */
  private readonly refusedBefore = new Map<number, Float64Array>();
  private readonly pending: number[] = [];
  private readonly segmentsOf: Int32Array[];
  private readonly named: Uint8Array;
  private readonly attempts: number;
  private readonly maxRefused: number;
  private readonly maxWait: number;

  constructor(wishes: Wishes, agents: number, options: ReplayOptions) {
    const n = wishes.starts.length;
    this.starts = wishes.starts.slice();
    this.ends = wishes.ends.slice();
    this.agent = wishes.agent.slice();
    this.shortcuts = {
      need: new Int32Array(n),
      needUpTo: new Int32Array(n),
      needFrom: new Int32Array(n),
      sortedEnds: new Float64Array(n),
      sortedWish: new Int32Array(n),
      sortedHi: 0,
      // Each wish's id is its place in the wishes as given (the order compacting keeps).
      ids: new Int32Array(n),
      gone: new Uint8Array(n),
    };
    for (let i = 0; i < n; i++) this.shortcuts.ids[i] = i;
    this.dropped = new Float64Array(n);
    this.attempts = n;
    this.maxRefused = options.maxRefused ?? Infinity;
    this.maxWait = options.maxWaitSeconds ?? Infinity;
    this.named = new Uint8Array(agents);

    const firsts: number[] = [];
    let lastEnd = -Infinity;
    for (let i = 0; i < n; i++) {
      // A seat freed at the very moment a wish starts serves it (ends before starts): touching splits.
      if (i === 0 || this.starts[i]! >= lastEnd) firsts.push(i);
      if (this.ends[i]! > lastEnd) lastEnd = this.ends[i]!;
    }
    const count = firsts.length;
    this.first = Int32Array.from(firsts);
    this.size = new Int32Array(count);
    this.sortedEnd = new Int32Array(count);
    this.busiest = new Int32Array(count);
    this.stale = new Uint8Array(count);
    this.results = Array.from({ length: count }, () => new Map<number, SegmentResult>());
    // Each agent's segments, in order: counted first, then written in place.
    const lastSegment = new Int32Array(agents).fill(-1);
    const segmentCount = new Int32Array(agents);
    for (let k = 0; k < count; k++) {
      const from = firsts[k]!;
      this.size[k] = (k + 1 < count ? firsts[k + 1]! : n) - from;
      this.sortedEnd[k] = from + this.size[k]!;
      this.busiest[k] = prepareSegment(this.starts, this.ends, from, from + this.size[k]!, this.shortcuts);
      fillNeedFrom(this.shortcuts, from, from + this.size[k]!);
      for (let i = from, end = from + this.size[k]!; i < end; i++) {
        const a = this.agent[i]!;
        if (lastSegment[a] === k) continue;
        lastSegment[a] = k;
        segmentCount[a]!++;
      }
    }
    this.segmentsOf = Array.from(segmentCount, (c) => new Int32Array(c));
    segmentCount.fill(0);
    lastSegment.fill(-1);
    for (let k = 0; k < count; k++) {
      for (let i = this.first[k]!, end = this.sortedEnd[k]!; i < end; i++) {
        const a = this.agent[i]!;
        if (lastSegment[a] === k) continue;
        lastSegment[a] = k;
        this.segmentsOf[a]![segmentCount[a]!++] = k;
      }
    }
  }

  /**
   * Gives `agent` a named seat from now on: their wishes leave the shared ones. A segment drops
   * them when it is next replayed; until then its largest need stays a bound (naming only lowers it).
   */
  name(agent: number): void {
    if (this.named[agent]) return;
    this.named[agent] = 1;
    for (const k of this.segmentsOf[agent]!) {
      this.stale[k] = 1;
      this.results[k]!.clear();
    }
  }

  /** Drops the named agents' wishes from segment k, and updates the needs of the others. */
  private compact(k: number): void {
    this.stale[k] = 0;
    const { starts, ends, agent, named, dropped } = this;
    const { need, needUpTo, ids, gone } = this.shortcuts;
    const from = this.first[k]!;
    const end = from + this.size[k]!;
    // Up to the first wish to drop nothing moves and nothing changes.
    let first = from;
    while (first < end && !named[agent[first]!]) first++;
    let to = first;
    let most = first > from ? needUpTo[first - 1]! : 0;
    // Ends of the dropped wishes that may still be in progress (counted in later wishes' needs).
    let droppedCount = 0;
    for (let i = first; i < end; i++) {
      if (named[agent[i]!]) {
        if (ends[i]! > starts[i]!) dropped[droppedCount++] = ends[i]!;
        gone[ids[i]!] = 1;
        continue;
      }
      // Those that ended by now never count again (starts only grow).
      let inProgress = 0;
      for (let d = 0; d < droppedCount; d++) if (dropped[d]! > starts[i]!) dropped[inProgress++] = dropped[d]!;
      droppedCount = inProgress;
      starts[to] = starts[i]!;
      ends[to] = ends[i]!;
      agent[to] = agent[i]!;
      ids[to] = ids[i]!;
      const wishNeed = need[i]! - inProgress;
      need[to] = wishNeed;
      if (wishNeed > most) most = wishNeed;
      needUpTo[to] = most;
      to++;
    }
    this.size[k] = to - from;
    this.busiest[k] = most;
    fillNeedFrom(this.shortcuts, from, to);
    // Sorted ends of dropped wishes would only be skipped at every replay from now on.
    const { sortedEnds, sortedWish } = this.shortcuts;
    let kept = from;
    for (let r = from, last = this.sortedEnd[k]!; r < last; r++) {
      if (gone[sortedWish[r]!]) continue;
      sortedEnds[kept] = sortedEnds[r]!;
      sortedWish[kept++] = sortedWish[r]!;
    }
    this.sortedEnd[k] = kept;
  }

  /** The most shared wishes in progress at once (peakConcurrency) while no agent is named yet. */
  peakBeforeNaming(): number {
    let peak = 0;
    for (const busiest of this.busiest) if (busiest > peak) peak = busiest;
    return peak;
  }

  /** The same as replay(wishes, named, seats, options) for the agents named so far. */
  replay(seats: number): ReplayCounts | null {
    const segments = this.first.length;
    let refused = 0;
    // What is already known first: a failed or over-budget replay often needs no new work.
    const pending = this.pending;
    pending.length = 0;
    for (let k = 0; k < segments; k++) {
      if (this.busiest[k]! <= seats) continue;
      const known = this.results[k]!.get(seats);
      if (known === undefined) {
        pending.push(k);
        continue;
      }
      if (known === FAILED) return null;
      refused += known.counts.refused;
      if (refused > this.maxRefused) return null;
    }
    if (this.maxRefused !== Infinity && pending.length > 0) {
      // Every wish that needs more than `seats` is refused (if a seat were free, someone in
      // progress would be waiting: the line is not empty). Over the budget with those alone:
      // no need to replay anything.
      let atLeast = refused;
      for (const k of pending) {
        if (this.stale[k]) this.compact(k);
        atLeast += countAbove(this.shortcuts.need, this.first[k]!, this.first[k]! + this.size[k]!, seats);
      }
      if (atLeast > this.maxRefused) return null;
    }
    const before = this.refusedBefore.get(seats) ?? this.refusedBefore.get(seats + 1);
    if (before) pending.sort((a, b) => (before[a] === before[b] ? a - b : before[b]! > before[a]! ? 1 : -1));
    for (const k of pending) {
      if (this.stale[k]) this.compact(k);
      if (this.busiest[k]! <= seats) continue;
      const result = this.replaySegment(k, seats);
      if (result === FAILED) return null;
      refused += result.counts.refused;
      if (refused > this.maxRefused) return null;
    }
    const counts: ReplayCounts = { attempts: this.attempts, refused: 0, gaveUp: 0, waits: [] };
    for (let k = 0; k < segments; k++) {
      if (this.busiest[k]! <= seats) continue;
      const result = this.results[k]!.get(seats)!;
      counts.refused += result.counts.refused;
      counts.gaveUp += result.counts.gaveUp;
      for (const wait of result.waits) counts.waits.push(wait);
    }
    return counts;
  }

  private replaySegment(k: number, seats: number): SegmentResult {
    const waits: number[] = [];
    const from = this.first[k]!;
    this.shortcuts.sortedHi = this.sortedEnd[k]!;
    // No refusal budget inside a segment: its counts are kept and summed with the others'.
    const counts = replaySpan(
      this.starts,
      this.ends,
      this.shortcuts,
      from,
      from + this.size[k]!,
      seats,
      Infinity,
      this.maxWait,
      waits,
    );
    const result = counts && { counts, waits };
    this.results[k]!.set(seats, result);
    let before = this.refusedBefore.get(seats);
    if (!before) this.refusedBefore.set(seats, (before = new Float64Array(this.first.length)));
    before[k] = counts ? counts.refused : Infinity;
    return result;
  }
}

let placeTaken = new Uint8Array(256);

/**
 * Sorts the ends of wishes lo..hi-1 into shortcuts.sortedEnds/sortedWish (same range), and
 * fills their need (how many of them are in progress as each starts, itself included: earlier
 * wishes that end after it starts, one ending at that very moment having freed its seat) and
 * needUpTo. Returns the largest need.
 */
export function prepareSegment(
  starts: Float64Array,
  ends: Float64Array,
  lo: number,
  hi: number,
  shortcuts: Shortcuts,
): number {
  const { sortedEnds, sortedWish, need, needUpTo } = shortcuts;
  const sorted = sortedEnds.subarray(lo, hi);
  sorted.set(ends.subarray(lo, hi));
  sorted.sort();
  if (placeTaken.length < hi - lo) placeTaken = new Uint8Array(Math.max(hi - lo, 2 * placeTaken.length));
  placeTaken.fill(0, 0, hi - lo);
  // Each wish takes the first free place among the ends equal to its own.
  for (let i = lo; i < hi; i++) {
    let low = 0;
    let high = hi - lo;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sorted[mid]! < ends[i]!) low = mid + 1;
      else high = mid;
    }
    while (placeTaken[low]) low++;
    placeTaken[low] = 1;
    sortedWish[lo + low] = i;
  }
  let ended = lo;
  let open = 0;
  let most = 0;
  for (let i = lo; i < hi; i++) {
    const t = starts[i]!;
    // Only earlier wishes can have ended by t: a later one starts at t or after, and lasts. A
    // wish of no length ends as it starts: it counted at its own start only.
    while (ended < hi && sortedEnds[ended]! <= t) {
      const wish = sortedWish[ended++]!;
      if (ends[wish]! > starts[wish]!) open--;
    }
    need[i] = open + 1;
    if (open + 1 > most) most = open + 1;
    needUpTo[i] = most;
    if (ends[i]! > t) open++;
  }
  return most;
}

function fillNeedFrom(shortcuts: Shortcuts, lo: number, hi: number): void {
  const { need, needFrom } = shortcuts;
  let most = 0;
  for (let i = hi - 1; i >= lo; i--) {
    if (need[i]! > most) most = need[i]!;
    needFrom[i] = most;
  }
}

/** How many of need[lo..hi-1] are above `seats`. */
function countAbove(need: Int32Array, lo: number, hi: number, seats: number): number {
  let count = 0;
  for (let i = lo; i < hi; i++) if (need[i]! > seats) count++;
  return count;
}
