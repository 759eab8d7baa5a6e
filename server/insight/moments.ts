import type { Wishes } from "./replay";

/*
 * Moments of demand: the instant each wish starts, with the set of agents whose wishes are in
 * progress then (the same rule as the replay: a wish that ends at the very moment another starts
 * has freed its seat; a wish of no length counts at its own start only). The integer programs of
 * exact.ts have one constraint per moment; a busy day has hundreds of moments, a year tens of
 * thousands, but only a few of them decide the answer, so they are found by sweeping the wishes
 * for the moments a candidate answer gets wrong (and only those become constraints).
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

  /** The agents in progress at the moment being visited (a copy). */
  activeAgents(): Int32Array {
    return this.active.slice(0, this.activeLength);
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
 * Per segment, the moment with the most shared agents in progress above `seats` (the moments a
 * mix with `seats` concurrent seats and these named agents would refuse), worst first. Also the
 * largest number of shared agents in progress at once, and the sum of the segments' excesses:
 * a segment whose worst moment is `e` over the seats refuses at least `e` attempts (the count of
 * shared agents in progress climbs there from zero one start at a time, and every start above
 * the seats is refused), so that sum is a floor under the replay's refusals.
 */
export function momentsOver(
  sweep: MomentSweep,
  named: Uint8Array,
  seats: number,
): { worst: Moment[]; peak: number; excessSum: number } {
  const worst: Moment[] = [];
  let peak = 0;
  let excessSum = 0;
  let segment = -1;
  let best: Moment | null = null;
  // The agents of a new worst moment are copied only when a wish is about to end (or at the very
  // end): until then they are those in progress, and copying at every step up would cost more.
  let pending = false;
  const snapshot = () => {
    if (pending) best!.agents = sweep.activeAgents();
    pending = false;
  };
  const close = () => {
    if (best) {
      worst.push(best);
      excessSum += best.excess;
    }
    best = null;
  };
  const none = new Int32Array(0);
  sweep.run(
    named,
    (m) => {
      if (m.shared > peak) peak = m.shared;
      if (m.segment !== segment) {
        close();
        segment = m.segment;
      }
      if (m.shared <= seats) return;
      const excess = m.shared - seats;
      if (best === null || excess > best.excess) {
        best = { agents: none, segment: m.segment, excess };
        pending = true;
      }
    },
    snapshot,
  );
  snapshot();
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
  sweep: MomentSweep,
  agents: number,
  seats: number,
): { perAgent: Int32Array; spells: number } {
  const perAgent = new Int32Array(agents);
  const markedIn = new Int32Array(agents).fill(-1);
  const nobody = new Uint8Array(agents);
  let spells = 0;
  let lastSpell = -1;
  sweep.run(nobody, (m) => {
    if (m.total <= seats) return;
    if (m.segment !== lastSpell) {
      spells++;
      lastSpell = m.segment;
    }
    for (const a of sweep.activeAgents()) {
      if (markedIn[a] === m.segment) continue;
      markedIn[a] = m.segment;
      perAgent[a]!++;
    }
  });
  return { perAgent, spells };
}
