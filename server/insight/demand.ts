import "server-only";
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
  leases: ArrayLike<number>;
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

/**
 * All agents' wishes in one list sorted by start, then end, then agent, as the replay wants
 * them. Each agent's own wishes are already in order (they start one after the other), so this
 * merges the agents' lists: a heap of agents, keyed by their next wish.
 */
export function buildWishes(perAgent: number[][]): Wishes {
  const agents = perAgent.length;
  // Every agent's wishes side by side in flat arrays: agent a's are at[a] .. until[a] - 1.
  const at = new Int32Array(agents);
  const until = new Int32Array(agents);
  let total = 0;
  for (let a = 0; a < agents; a++) {
    at[a] = total;
    total += perAgent[a]!.length / 2;
    until[a] = total;
  }
  const s = new Float64Array(total);
  const e = new Float64Array(total);
  for (let a = 0; a < agents; a++) {
    const w = perAgent[a]!;
    for (let i = 0, k = at[a]!; i < w.length; i += 2, k++) {
      s[k] = w[i]!;
      e[k] = w[i + 1]!;
    }
  }
  const wishes: Wishes = {
    starts: new Float64Array(total),
    ends: new Float64Array(total),
    agent: new Int32Array(total),
  };
  // The heap holds agents with the start of their next wish alongside (no lookup to compare).
  const heap = new Int32Array(agents);
  const key = new Float64Array(agents);
  let size = 0;
  /** Whether heap entry x's next wish comes before heap entry y's. */
  const before = (x: number, y: number): boolean => {
    if (key[x] !== key[y]) return key[x]! < key[y]!;
    const a = heap[x]!;
    const b = heap[y]!;
    const ea = e[at[a]!]!;
    const eb = e[at[b]!]!;
    return ea !== eb ? ea < eb : a < b;
  };
  const siftDown = (from: number): void => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const c = l + 1 < size && before(l + 1, l) ? l + 1 : l;
      if (!before(c, i)) break;
      const agent = heap[i]!;
      const start = key[i]!;
      heap[i] = heap[c]!;
      key[i] = key[c]!;
      heap[c] = agent;
      key[c] = start;
      i = c;
    }
  };
  for (let a = 0; a < agents; a++) {
    if (at[a]! === until[a]!) continue;
    heap[size] = a;
    key[size++] = s[at[a]!]!;
  }
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(i);
  for (let k = 0; k < total; k++) {
    const agent = heap[0]!;
    const i = at[agent]!;
    wishes.starts[k] = s[i]!;
    wishes.ends[k] = e[i]!;
    wishes.agent[k] = agent;
    at[agent] = i + 1;
    if (i + 1 < until[agent]!) {
      key[0] = s[i + 1]!;
    } else {
      size--;
      heap[0] = heap[size]!;
      key[0] = key[size]!;
    }
    if (size > 0) siftDown(0);
  }
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

/** Reads a hex string of big-endian float8s (PostgreSQL's float8send, hex-encoded); null or "" gives none. */
export function parseFloat64Hex(hex: string | null): Float64Array {
  if (!hex) return new Float64Array(0);
  const bytes = Buffer.from(hex, "hex");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const out = new Float64Array(bytes.length >> 3);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8);
  return out;
}
