/*
 * Calendar buckets of a UTC hour in a time zone: the local day, weekday (0 = Monday) and hour.
 * The rollup counts UTC hours; in a zone with a half-hour offset each UTC hour is shown in the
 * local hour it starts in.
 */
import "server-only";
import { zoneOffsetMs } from "@/lib/time-zone";

export type LocalHour = { day: string; weekday: number; hour: number };

const HOUR_MS = 3_600_000;
const DAY_HOURS = 24;

/**
 * The local bucket of `hours` consecutive UTC hours from `startMs`. Intl is slow (a year is 8,760
 * hours), so it is asked once a day: when a zone's offset is the same at both ends of a day it is
 * the same within (no zone changes twice in a day), and only days with a change ask every hour.
 */
export function localHours(startMs: number, hours: number, timeZone: string): LocalHour[] {
  // The offset of the zone (lib/time-zone.ts, shared with the SLA calendar). A half-hour zone's UTC
  // hour lands in the local hour it starts in: 00:00 UTC at +05:30 is 05:30, hour 5.
  const offsetAt = (ms: number): number => zoneOffsetMs(ms, timeZone);
  const out: LocalHour[] = new Array(hours);
  let offsetAtStart = offsetAt(startMs);
  for (let first = 0; first < hours; first += DAY_HOURS) {
    const last = Math.min(hours, first + DAY_HOURS);
    const offsetAtEnd = offsetAt(startMs + last * HOUR_MS);
    const steady = offsetAtStart === offsetAtEnd;
    for (let h = first; h < last; h++) {
      const ms = startMs + h * HOUR_MS;
      const local = new Date(ms + (steady || h === first ? offsetAtStart : offsetAt(ms)));
      out[h] = {
        day: local.toISOString().slice(0, 10),
        weekday: (local.getUTCDay() + 6) % 7,
        hour: local.getUTCHours(),
      };
    }
    offsetAtStart = offsetAtEnd;
  }
  return out;
}
