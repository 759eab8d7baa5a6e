import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { FullestMoments, busyMoments, momentsOver } from "./moments";
import type { Wishes } from "./replay";

/*
 * The fullest moments against every moment, counted the plain way: at the start of wish i, the
 * agents in progress are those of the wishes j ≤ i (in order) that are i itself or end after it
 * starts (a wish ending at that instant has freed its seat; one of no length counts at its own
 * start only); a segment begins at a start with nobody else in progress. Histories include an
 * agent's overlapping wishes, wishes of no length and equal instants, where "nobody left since"
 * is easiest to get wrong.
 */

const AGENTS = 7;

const wishesArb = fc
  .array(
    fc.tuple(fc.integer({ min: 0, max: AGENTS - 1 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 12 })),
    { minLength: 1, maxLength: 30 },
  )
  .map((list): Wishes => {
    const sorted = [...list].sort((x, y) => x[1] - y[1] || x[1] + x[2] - (y[1] + y[2]) || x[0] - y[0]);
    return {
      starts: Float64Array.from(sorted, ([, s]) => s),
      ends: Float64Array.from(sorted, ([, s, d]) => s + d),
      agent: Int32Array.from(sorted, ([a]) => a),
    };
  });

function everyMoment(wishes: Wishes) {
  const moments: { agents: Set<number>; segment: number }[] = [];
  let segment = -1;
  for (let i = 0; i < wishes.starts.length; i++) {
    const agents = new Set<number>();
    for (let j = 0; j <= i; j++) if (j === i || wishes.ends[j]! > wishes.starts[i]!) agents.add(wishes.agent[j]!);
    if (agents.size === 1 && ![...Array(i).keys()].some((j) => wishes.ends[j]! > wishes.starts[i]!)) segment++;
    moments.push({ agents, segment });
  }
  return moments;
}

describe("the fullest moments decide what every moment decides", () => {
  it("momentsOver: the same peak, excess sum and worst excess per segment; busyMoments: the same counts", () => {
    fc.assert(
      fc.property(
        wishesArb,
        fc.array(fc.boolean(), { minLength: AGENTS, maxLength: AGENTS }),
        fc.integer({ min: 0, max: 4 }),
        (wishes, namedFlags, seats) => {
          const named = Uint8Array.from(namedFlags, (f) => (f ? 1 : 0));
          const all = everyMoment(wishes);
          const worstBySegment = new Map<number, number>();
          let peak = 0;
          for (const m of all) {
            const shared = [...m.agents].filter((a) => !named[a]).length;
            peak = Math.max(peak, shared);
            if (shared > seats)
              worstBySegment.set(m.segment, Math.max(worstBySegment.get(m.segment) ?? 0, shared - seats));
          }
          const fullest = new FullestMoments(wishes, AGENTS);
          const over = momentsOver(fullest, named, seats);
          expect(over.peak).toBe(peak);
          expect(over.excessSum).toBe([...worstBySegment.values()].reduce((n, e) => n + e, 0));
          expect(over.worst.map((m) => [m.segment, m.excess]).sort((x, y) => x[0]! - y[0]!)).toEqual(
            [...worstBySegment.entries()].sort((x, y) => x[0] - y[0]),
          );
          // Each worst moment is a real moment of its segment, with that excess.
          for (const m of over.worst) {
            const shared = [...m.agents].filter((a) => !named[a]).length;
            expect(shared - seats).toBe(m.excess);
            expect(all.some((x) => x.segment === m.segment && [...m.agents].every((a) => x.agents.has(a)))).toBe(true);
          }

          const perAgent = new Int32Array(AGENTS);
          const busySegments = new Set<number>();
          const marked = new Set<string>();
          for (const m of all) {
            if (m.agents.size <= seats) continue;
            busySegments.add(m.segment);
            for (const a of m.agents) {
              if (marked.has(`${a}:${m.segment}`)) continue;
              marked.add(`${a}:${m.segment}`);
              perAgent[a]!++;
            }
          }
          const busy = busyMoments(fullest, AGENTS, seats);
          expect(busy.spells).toBe(busySegments.size);
          expect(Array.from(busy.perAgent)).toEqual(Array.from(perAgent));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("keeps one moment per stretch between departures: an agent's second wish inside the first adds none", () => {
    // A from 0 to 10, A again from 2 to 4 (inside), B from 3 to 8: A's inner wish ends at 4 but A stays.
    const wishes: Wishes = {
      starts: Float64Array.from([0, 2, 3]),
      ends: Float64Array.from([10, 4, 8]),
      agent: Int32Array.from([0, 0, 1]),
    };
    const fullest = new FullestMoments(wishes, 2);
    expect(fullest.count).toBe(1);
    expect(Array.from(fullest.members).sort()).toEqual([0, 1]);
  });
});
