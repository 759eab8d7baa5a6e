/*
 * Wall clocks of IANA time zones, with Intl only (no zone database of our own): one place for the
 * offset of a zone at an instant, and for the instant of a local wall time, used by the SLA calendar
 * (server/tickets/sla/business-calendar.ts) and the usage reports' local hours (server/insight/local-hours.ts).
 * Client-safe.
 *
 * A local wall time can be ambiguous. One that a daylight-saving fall-back repeats (01:30 on the
 * night New York goes from EDT back to EST; 01:45 on Lord Howe's, whose clocks go back 30 minutes)
 * is read as its FIRST occurrence, the earlier instant, as RFC 5545 and most calendaring libraries
 * do, east and west of UTC alike. One that a spring-forward skips (02:30 in New York) moves later
 * by the gap (03:30 daylight time): it is read with the offset in force before the jump.
 */

const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** A cached formatter of the zone's wall clock (throws a RangeError for a zone Intl does not know). */
export function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone (what the admin forms check). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone.trim()) return false;
  try {
    zoneFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export type WallClock = { y: number; m: number; d: number; h: number; min: number; s: number };

/** The local wall-clock fields of an instant in a zone. */
export function wallClockAt(instant: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of zoneFormatter(timeZone).formatToParts(new Date(instant)))
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  // Some engines write midnight as hour 24 even with h23.
  return { y: parts.year!, m: parts.month!, d: parts.day!, h: parts.hour! % 24, min: parts.minute!, s: parts.second! };
}

/** Offset of the zone at an instant, in ms (local wall time = UTC + offset). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const p = wallClockAt(instant, timeZone);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a local wall time (given as if it were UTC: Date.UTC of its fields) happens in a zone,
 * by the rule above. No zone changes its offset twice within two days, so the offsets a day before
 * and a day after are the only two candidates.
 */
export function instantOfWallTime(wallAsUtc: number, timeZone: string): number {
  const before = zoneOffsetMs(wallAsUtc - DAY, timeZone);
  const after = zoneOffsetMs(wallAsUtc + DAY, timeZone);
  if (before === after) return wallAsUtc - before;
  const readsBack = (t: number) => t + zoneOffsetMs(t, timeZone) === wallAsUtc;
  const [earlier, later] = [wallAsUtc - before, wallAsUtc - after].sort((a, b) => a - b) as [number, number];
  if (readsBack(earlier)) return earlier; // the first occurrence of a repeated time, or the only one
  if (readsBack(later)) return later;
  return wallAsUtc - before; // skipped by a jump forward: the offset before it
}
