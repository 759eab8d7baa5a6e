import {
  addTargetMinutes,
  localToInstant,
  targetMinutesBetween,
  type BusinessCalendar,
  type ClockMode,
} from "../../server/tickets/sla/business-calendar";
import type { Pause } from "../../server/tickets/sla/due-times";

/*
 * The SLA calendar of server/tickets/sla/business-calendar.ts, made fast for thousands of tickets: the
 * open intervals of every day in a window are computed once (with the calendar's own
 * localToInstant, so time zones and DST agree), with running totals, so adding or counting
 * business minutes is a binary search instead of a walk through the days with Intl (which
 * took about 0.3 ms per due time: seconds for the demo). Outside the window it falls back to
 * business-calendar.ts. prisma/demo/tickets.test.ts checks both agree.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

export type DemoClock = {
  add: (start: Date, minutes: number, mode: ClockMode) => Date;
  between: (a: Date, b: Date, mode: ClockMode) => number;
};

export function demoClock(calendar: BusinessCalendar, from: Date, to: Date): DemoClock {
  const holidays = new Set(calendar.holidays);
  const opens: number[] = [];
  const closes: number[] = [];
  const before: number[] = []; // open ms before each interval
  let total = 0;
  for (let day = Math.floor(from.getTime() / DAY) * DAY - DAY; day <= to.getTime() + DAY; day += DAY) {
    const d = new Date(day);
    const date = { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
    const iso = d.toISOString().slice(0, 10);
    const weekday = ((d.getUTCDay() + 6) % 7) + 1;
    const row = calendar.hours.find((h) => h.weekday === weekday);
    if (holidays.has(iso) || !row || row.closeMinute <= row.openMinute) continue;
    const open = localToInstant(date, row.openMinute, calendar.timeZone);
    const close = localToInstant(date, row.closeMinute, calendar.timeZone);
    opens.push(open);
    closes.push(close);
    before.push(total);
    total += close - open;
  }
  const lo = opens[0] ?? Infinity;
  const hi = closes[closes.length - 1] ?? -Infinity;
  // Open ms from the window's start to t (t inside the window).
  const position = (t: number) => {
    let l = 0;
    let h = opens.length; // first interval that closes after t
    while (l < h) {
      const m = (l + h) >> 1;
      if (closes[m]! <= t) l = m + 1;
      else h = m;
    }
    if (l === opens.length) return total;
    return before[l]! + Math.max(0, t - opens[l]!);
  };
  // The instant where `pos` open ms are used up: the first interval ending at or after it (so a
  // target that ends exactly at closing time is that closing time, as business-calendar.ts gives it).
  const instantAt = (pos: number) => {
    let l = 0;
    let h = opens.length - 1;
    while (l < h) {
      const m = (l + h) >> 1;
      if (before[m]! + closes[m]! - opens[m]! < pos) l = m + 1;
      else h = m;
    }
    return opens[l]! + (pos - before[l]!);
  };
  const inWindow = (t: number) => t >= lo && t < hi;
  return {
    add: (start, minutes, mode) => {
      if (mode.aroundTheClock || minutes <= 0 || !inWindow(start.getTime()))
        return addTargetMinutes(start, minutes, mode, calendar);
      const target = position(start.getTime()) + minutes * MINUTE;
      return target > total ? addTargetMinutes(start, minutes, mode, calendar) : new Date(instantAt(target));
    },
    between: (a, b, mode) => {
      if (!mode.aroundTheClock && inWindow(a.getTime()) && inWindow(b.getTime()))
        return (position(b.getTime()) - position(a.getTime())) / MINUTE;
      return targetMinutesBetween(a, b, mode, calendar);
    },
  };
}

/**
 * The due time of one SLA clock by the rules of server/tickets/sla/due-times.ts (dueTime):
 * start + target, moved later by each pause that caught the clock running.
 */
export function demoDueTime(
  clock: DemoClock,
  start: Date,
  minutes: number,
  mode: ClockMode,
  pauses: readonly Pause[],
  stoppedAt: Date | null = null,
): Date {
  let due = clock.add(start, minutes, mode);
  for (const pause of pauses) {
    if (pause.from.getTime() >= due.getTime()) continue;
    if (stoppedAt && pause.from.getTime() >= stoppedAt.getTime()) continue;
    const paused = clock.between(pause.from, pause.to, mode);
    if (paused > 0) due = clock.add(due, paused, mode);
  }
  return due;
}
