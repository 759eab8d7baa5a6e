import { SLOTS } from "./ticket-texts";
import { mulberry32 } from "../../lib/seeded-random";

/*
 * The demo's seeded randomness: the same seed gives the same tickets, words and ids on every
 * run (only the dates move with the day the demo is created).
 */

export type Random = {
  /** Uniform in [0, 1). */
  next: () => number;
  /** Uniform in [min, max]. */
  between: (min: number, max: number) => number;
  int: (min: number, max: number) => number;
  chance: (p: number) => boolean;
  pick: <T>(items: readonly T[]) => T;
  /** One item, each as likely as its weight. */
  weighted: <T>(items: readonly T[], weight: (item: T) => number) => T;
  /** A UUID (version 4 layout) from the generator, for deterministic ids. */
  uuid: () => string;
  /**
   * The text with each {slot} replaced by its value in `values`, else by a value of SLOTS, which
   * is added to `values`: texts filled with one record (a ticket's title, description and notes)
   * name the same share, site or application.
   */
  fill: (text: string, values?: Record<string, string>) => string;
};

/** A generator with helpers, from mulberry32 (good enough for demo data). */
export function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join("");
  return {
    next,
    between: (min, max) => min + next() * (max - min),
    int,
    chance: (p) => next() < p,
    pick,
    weighted: (items, weight) => {
      const total = items.reduce((s, i) => s + weight(i), 0);
      let r = next() * total;
      for (const item of items) if ((r -= weight(item)) < 0) return item;
      return items[items.length - 1]!;
    },
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[int(0, 3)]}${hex(3)}-${hex(12)}`,
    fill: (text, values = {}) =>
      text.replace(
        /\{(\w+)\}/g,
        (whole, slot: string) => values[slot] ?? (SLOTS[slot] ? (values[slot] = pick(SLOTS[slot])) : whole),
      ),
  };
}
