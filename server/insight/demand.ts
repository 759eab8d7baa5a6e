import { REFUSAL_FOLLOW_UP_MINUTES, REFUSED_WISH_MINUTES } from "./types";
import type { Wishes } from "./replay";

/*
 * Demand, not use: what agents wanted, derived from what the history recorded. Replaying needs
 * it because a refused agent who got a seat later still wanted it from the first attempt.
 *
 * One agent's wishes are the union of:
 * - each lease, from its grant to its end; a lease ended by the idle timeout only up to the
 *   holder's last activity (the timeout tail is a seat held, not wanted); a live lease up to now;
 * - each refusal at t: up to the agent's next grant when that came within
 *   REFUSAL_FOLLOW_UP_MINUTES (they kept trying), otherwise REFUSED_WISH_MINUTES (they wanted a
 *   seat and never got one: the least we can say they wanted);
 * - each stay in the waiting line, from joining to leaving it (or now).
 * Overlapping or touching pieces merge into one wish: one person needs one seat, and a retry
 * while refused is the same wish. Each wish is one checkout attempt in the replay.
 */

export type AgentHistory = {
  /** [start, end, start, end, ...], seconds from the period's start, sorted by start. */
  leases: number[];
  /** Refusal times, seconds from the period's start, sorted. */
  refusals: number[];
  /** [joined, left, ...], seconds from the period's start. */
  queue: number[];
};

/** Merged wishes of one agent, clipped to [0, length]: [start, end, ...] sorted. */
export function agentWishes(history: AgentHistory, length: number): number[] {
  const pieces: [number, number][] = [];
  const { leases, refusals, queue } = history;
  for (let i = 0; i + 1 < leases.length; i += 2) pieces.push([leases[i]!, Math.max(leases[i]!, leases[i + 1]!)]);
  for (let i = 0; i + 1 < queue.length; i += 2) pieces.push([queue[i]!, Math.max(queue[i]!, queue[i + 1]!)]);
  let next = 0;
  for (const t of refusals) {
    while (next * 2 < leases.length && leases[next * 2]! < t) next++;
    const grant = next * 2 < leases.length ? leases[next * 2]! : Infinity;
    pieces.push([t, grant - t <= REFUSAL_FOLLOW_UP_MINUTES * 60 ? grant : t + REFUSED_WISH_MINUTES * 60]);
  }
  pieces.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: number[] = [];
  for (const [rawStart, rawEnd] of pieces) {
    if (rawEnd < 0 || rawStart >= length || (rawEnd === 0 && rawStart < 0)) continue;
    const start = Math.max(0, rawStart);
    const end = Math.min(length, rawEnd);
    const last = out.length - 1;
    if (last > 0 && start <= out[last]!) {
      if (end > out[last]!) out[last] = end;
    } else {
      out.push(start, end);
    }
  }
  return out;
}

/** All agents' wishes in one start-sorted list, as the replay wants them. */
export function buildWishes(perAgent: number[][]): Wishes {
  let total = 0;
  for (const w of perAgent) total += w.length / 2;
  const order = new Array<number>(total);
  const s = new Float64Array(total);
  const e = new Float64Array(total);
  const a = new Int32Array(total);
  let k = 0;
  perAgent.forEach((w, agentIndex) => {
    for (let i = 0; i < w.length; i += 2) {
      s[k] = w[i]!;
      e[k] = w[i + 1]!;
      a[k] = agentIndex;
      order[k] = k;
      k++;
    }
  });
  order.sort((x, y) => s[x]! - s[y]! || e[x]! - e[y]! || a[x]! - a[y]!);
  const wishes: Wishes = { starts: new Float64Array(total), ends: new Float64Array(total), agent: new Int32Array(total) };
  order.forEach((from, to) => {
    wishes.starts[to] = s[from]!;
    wishes.ends[to] = e[from]!;
    wishes.agent[to] = a[from]!;
  });
  return wishes;
}

/** Sum of the lengths of [start, end, ...] pairs. */
export function wishSeconds(wishes: number[]): number {
  let total = 0;
  for (let i = 0; i < wishes.length; i += 2) total += wishes[i + 1]! - wishes[i]!;
  return total;
}

/** Parses "1.5,20,..." (a string_agg of numbers) into numbers; null or "" gives []. */
export function parseNumbers(text: string | null): number[] {
  if (!text) return [];
  return text.split(",").map(Number);
}
