import "server-only";
import type { Wishes } from "./replay";

/*
 * Moments of demand: the instant each wish starts, with the set of agents whose wishes are in
 * progress then (the same rule as the replay: a wish that ends at the very moment another starts
 * has freed its seat; a wish of no length counts at its own start only). The integer programs of
 * seat-program.ts have one constraint per moment; a busy day has hundreds of moments, a year tens
 * of thousands, but only a few of them decide the answer: one sweep keeps the fullest moments
 * (FullestMoments), and each candidate answer is checked against those for the moments it gets
 * wrong (and only those become constraints).
 *
 * A segment is a stretch of time with someone in progress throughout (in practice a working
 * day): the sweep numbers them, and the searches take at most one moment per segment at a time.
 */

export type MomentVisit = {
  /** Index of the wish that starts at this moment. */
  wish: number;
  segment: number;
  /** Agents in progress (the starting wish's agent included). */
  total: number;
  /** Of those, the agents not flagged in `named`. */
  shared: number;
};

/** Walks the wishes in order, knowing at each start who is in progress. */
export class MomentSweep {
  private readonly heapEnd: Float64Array;
  private readonly heapAgent: Int32Array;
  private readonly count: Int32Array;
  private readonly position: Int32Array;
  private readonly active: Int32Array;
  private activeLength = 0;
  /** How many times an agent has left the agents in progress (no wish of theirs in progress any more). */
  departures = 0;

  constructor(
    private readonly wishes: Wishes,
    agents: number,
  ) {
    const n = wishes.starts.length;
    this.heapEnd = new Float64Array(Math.max(1, n));
    this.heapAgent = new Int32Array(Math.max(1, n));
    this.count = new Int32Array(agents);
    this.position = new Int32Array(agents);
    this.active = new Int32Array(agents);
  }

  /** The agents in progress at the moment being visited (a view: valid until the sweep moves on). */
  activeView(): Int32Array {
    return this.active.subarray(0, this.activeLength);
  }

  /**
   * Calls `visit` at every moment, with `named` flags deciding the `shared` count, and
   * `beforeRelease` (if given) whenever a wish is about to end after a visit: then the agents in
   * progress are still those of the last moment visited.
   */
  run(named: Uint8Array, visit: (moment: MomentVisit) => void, beforeRelease?: () => void): void {
    const { starts, ends, agent } = this.wishes;
    const { heapEnd, heapAgent, count, position, active } = this;
    count.fill(0);
    this.activeLength = 0;
    this.departures = 0;
    let size = 0;
    let shared = 0;
    let segment = -1;
    const moment: MomentVisit = { wish: 0, segment: 0, total: 0, shared: 0 };
    for (let i = 0; i < starts.length; i++) {
      const t = starts[i]!;
      // Frees the wishes that ended by t.
      if (beforeRelease && size > 0 && heapEnd[0]! <= t) beforeRelease();
      while (size > 0 && heapEnd[0]! <= t) {
        const a = heapAgent[0]!;
        size--;
        siftDown(heapEnd, heapAgent, size, heapEnd[size]!, heapAgent[size]!);
        if (--count[a]! === 0) {
          this.departures++;
          const p = position[a]!;
          const last = active[--this.activeLength]!;
          active[p] = last;
          position[last] = p;
          if (!named[a]) shared--;
        }
      }
      if (this.activeLength === 0) segment++;
      const a = agent[i]!;
      if (count[a]!++ === 0) {
        position[a] = this.activeLength;
        active[this.activeLength++] = a;
        if (!named[a]) shared++;
      }
      siftUp(heapEnd, heapAgent, size++, ends[i]!, a);
      moment.wish = i;
      moment.segment = segment;
      moment.total = this.activeLength;
      moment.shared = shared;
      visit(moment);
      // A wish of no length is over as soon as it was counted.
    }
  }
}

function siftUp(keys: Float64Array, values: Int32Array, at: number, key: number, value: number): void {
  let i = at;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (keys[parent]! <= key) break;
    keys[i] = keys[parent]!;
    values[i] = values[parent]!;
    i = parent;
  }
  keys[i] = key;
  values[i] = value;
}

/** Puts (key, value) at the root of a heap of `size` items and sifts it down. */
function siftDown(keys: Float64Array, values: Int32Array, size: number, key: number, value: number): void {
  if (size === 0) return;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= size) break;
    const r = l + 1;
    const c = r < size && keys[r]! < keys[l]! ? r : l;
    if (keys[c]! >= key) break;
    keys[i] = keys[c]!;
    values[i] = values[c]!;
    i = c;
  }
  keys[i] = key;
  values[i] = value;
}

/** One moment: its agents in progress, its segment, and how many shared agents over the seats. */
export type Moment = { agents: Int32Array; segment: number; excess: number };

/**
 * The moments that decide every question asked of a history, found by one sweep and kept: between
 * two releases the agents in progress only grow, so every moment's set is contained in the set of
 * the last start before the next release (or the end), in the same segment. Those "fullest"
 * moments are all a check needs: a mix that has seats for the shared agents of each has seats at
 * every moment, a segment's worst excess is reached at one of them, and an agent in progress at
 * a busy moment is in progress at a fullest one at least as busy. A year of a pool has a few
 * thousand of them (rather than tens of thousands of moments), and a check is then one pass over
 * plain arrays instead of a sweep with a heap; consecutive ones of a segment that repeat or grow
 * on the previous set are kept once (the larger).
 */
export class FullestMoments {
  /** Moment i's agents are members[offsets[i] .. offsets[i + 1]). */
  readonly offsets: Int32Array;
  readonly members: Int32Array;
  readonly segments: Int32Array;
  readonly count: number;

  constructor(wishes: Wishes, agents: number) {
    const sweep = new MomentSweep(wishes, agents);
    const offsets: number[] = [0];
    const segments: number[] = [];
    let members = new Int32Array(Math.max(16, wishes.starts.length * 4));
    let used = 0;
    let pending = false;
    let segment = -1;
    let departuresAtKept = -1;
    const keep = () => {
      if (!pending) return;
      pending = false;
      const active = sweep.activeView();
      // Nobody left since the last one kept (a wish ended while the agent had another): that one
      // is a subset of this one, and this one replaces it.
      if (sweep.departures === departuresAtKept && segments[segments.length - 1] === segment) {
        used = offsets[offsets.length - 2]!;
        offsets.pop();
        segments.pop();
      }
      if (used + active.length > members.length) {
        const grown = new Int32Array(Math.max(members.length * 2, used + active.length));
        grown.set(members.subarray(0, used));
        members = grown;
      }
      members.set(active, used);
      used += active.length;
      offsets.push(used);
      segments.push(segment);
      departuresAtKept = sweep.departures;
    };
    sweep.run(
      new Uint8Array(agents),
      (m) => {
        segment = m.segment;
        pending = true;
      },
      keep,
    );
    keep();
    this.offsets = Int32Array.from(offsets);
    this.members = members.slice(0, used);
    this.segments = Int32Array.from(segments);
    this.count = segments.length;
  }
}

/**
 * Per segment, the moment with the most shared agents in progress above `seats` (the moments a
 * mix with `seats` concurrent seats and these named agents would refuse), worst first. Also the
 * largest number of shared agents in progress at once, and the sum of the segments' excesses:
 * a segment whose worst moment is `e` over the seats refuses at least `e` attempts (the count of
 * shared agents in progress climbs there from zero one start at a time, and every start above
 * the seats is refused), so that sum is a floor under the replay's refusals.
 */
export function momentsOver(
  moments: FullestMoments,
  named: Uint8Array,
  seats: number,
): { worst: Moment[]; peak: number; excessSum: number } {
  const { offsets, members, segments, count } = moments;
  const worst: Moment[] = [];
  let peak = 0;
  let excessSum = 0;
  let bestIndex = -1;
  let bestExcess = 0;
  const close = () => {
    if (bestIndex < 0) return;
    const agents = members.slice(offsets[bestIndex]!, offsets[bestIndex + 1]!);
    worst.push({ agents, segment: segments[bestIndex]!, excess: bestExcess });
    excessSum += bestExcess;
    bestIndex = -1;
  };
  for (let i = 0; i < count; i++) {
    if (i > 0 && segments[i] !== segments[i - 1]) close();
    let shared = 0;
    for (let k = offsets[i]!, end = offsets[i + 1]!; k < end; k++) if (!named[members[k]!]) shared++;
    if (shared > peak) peak = shared;
    const excess = shared - seats;
    if (excess > 0 && (bestIndex < 0 || excess > bestExcess)) {
      bestIndex = i;
      bestExcess = excess;
    }
  }
  close();
  worst.sort((x, y) => y.excess - x.excess);
  return { worst, peak, excessSum };
}

/**
 * For each agent, on how many segments (busy spells, in practice days) they were in progress at
 * a moment when more than `seats` agents of the group were (with nobody named): the moments
 * named seats are for. Also returns how many segments had such a moment.
 */
export function busyMoments(
  moments: FullestMoments,
  agents: number,
  seats: number,
): { perAgent: Int32Array; spells: number } {
  const { offsets, members, segments, count } = moments;
  const perAgent = new Int32Array(agents);
  const markedIn = new Int32Array(agents).fill(-1);
  let spells = 0;
  let lastSpell = -1;
  for (let i = 0; i < count; i++) {
    const from = offsets[i]!;
    const to = offsets[i + 1]!;
    if (to - from <= seats) continue;
    const segment = segments[i]!;
    if (segment !== lastSpell) {
      spells++;
      lastSpell = segment;
    }
    for (let k = from; k < to; k++) {
      const a = members[k]!;
      if (markedIn[a] === segment) continue;
      markedIn[a] = segment;
      perAgent[a]!++;
    }
  }
  return { perAgent, spells };
}
