/*
 * The business-hours calendar of the SLA clock, as pure functions (no database, no clock):
 * open hours per weekday in local minutes of an IANA time zone, and closed days (holidays).
 * Local days are walked one by one and each day's opening is converted to an instant with Intl,
 * so a DST change shifts the opening's UTC time the way the desk's wall clock does.
 * Client-safe: nothing here imports server code.
 */
import "server-only";
import { instantOfWallTime, wallClockAt, zoneOffsetMs } from "@/lib/time-zone";

/** 1 = Monday ... 7 = Sunday (ISO), as in the BusinessHours table. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type OpenHours = { weekday: number; openMinute: number; closeMinute: number };

export type BusinessCalendar = {
  /** IANA time zone the hours and holidays are in, e.g. "Europe/Berlin". */
  timeZone: string;
  /** One row per open weekday; a weekday without a row is closed. */
  hours: readonly OpenHours[];
  /** Closed days as local dates "YYYY-MM-DD". */
  holidays: readonly string[];
};

const MINUTE = 60_000;
/** A calendar open less than this often is unusable: ten years without an opening. */
const MAX_DAYS = 3660;

type LocalDate = { y: number; m: number; d: number };

/**
 * The instant of a local date + minute of day (1440 = the next midnight). A local time skipped
 * by a DST jump moves forward by the gap (02:30 -> 03:30); one that a DST fall-back repeats is
 * read as its first occurrence, the earlier instant, east and west of UTC (lib/time-zone.ts).
 */
export function localToInstant(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  const key = `${timeZone}|${date.y}-${date.m}-${date.d}|${minuteOfDay}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    if (instants.size >= MAX_CACHED_INSTANTS) instants.clear();
    instant = computeLocalToInstant(date, minuteOfDay, timeZone);
    instants.set(key, instant);
  }
  return instant;
}

/*
 * Each ticket's due times walk the same few days' openings, and each opening costs several
 * Intl.formatToParts calls (about 0.3 ms of CPU per ticket created): the answers never change
 * within a process (the zone rules are compiled in), so they are kept. A desk's calendar walks
 * a few dozen openings a week; the bound only guards against a scan of years.
 */
const MAX_CACHED_INSTANTS = 20_000;
const instants = new Map<string, number>();

function computeLocalToInstant(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  return instantOfWallTime(Date.UTC(date.y, date.m - 1, date.d, 0, minuteOfDay), timeZone);
}

/*
 * The local date of an instant. Each ticket created asks it of its own creation instant (an
 * Intl.formatToParts call per clock), yet within a process nearly all of them fall on the same few
 * local days. So each zone keeps its last local day as the instants [from, to) it spans, and an
 * instant inside it is answered without Intl. A day is kept only when its midnights are one whole
 * day apart at one offset (no DST change within it, the same assumption as lib/time-zone.ts), so
 * every instant between them reads as that date.
 */
type LocalDay = { date: LocalDate; from: number; to: number };
const lastLocalDay = new Map<string, LocalDay>();
const DAY = 24 * 60 * MINUTE;

function localDateOf(instant: number, timeZone: string): LocalDate {
  const day = lastLocalDay.get(timeZone);
  if (day && instant >= day.from && instant < day.to) return { ...day.date };
  const p = wallClockAt(instant, timeZone);
  const date = { y: p.y, m: p.m, d: p.d };
  const from = localToInstant(date, 0, timeZone);
  const to = localToInstant(nextDate(date), 0, timeZone);
  if (to - from === DAY && zoneOffsetMs(from, timeZone) === zoneOffsetMs(to - 1, timeZone)) {
    if (lastLocalDay.size >= MAX_CACHED_ZONES) lastLocalDay.clear();
    lastLocalDay.set(timeZone, { date: { ...date }, from, to });
  }
  return date;
}
const MAX_CACHED_ZONES = 100;

/** The next calendar date, in plain arithmetic (a walk asks it of every day it passes). */
function nextDate(date: LocalDate): LocalDate {
  if (date.d < daysInMonth(date.y, date.m)) return { y: date.y, m: date.m, d: date.d + 1 };
  return date.m < 12 ? { y: date.y, m: date.m + 1, d: 1 } : { y: date.y + 1, m: 1, d: 1 };
}

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (y: number, m: number) => (m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1]!);

const isoDate = (date: LocalDate) => `${date.y}-${String(date.m).padStart(2, "0")}-${String(date.d).padStart(2, "0")}`;
const weekdayOf = (date: LocalDate) => ((new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay() + 6) % 7) + 1;

/*
 * What a walk asks of each local day (holiday? open hours? as instants) depends only on the
 * calendar and the date, and the walks of successive tickets pass the same days: each calendar
 * object (loadCalendar keeps one for a while) keeps its days' answers, keyed by the date as one
 * number (yyyymmdd). A calendar is never changed in place: a saved change is a new object.
 */
type CalendarDays = { holidays: ReadonlySet<string>; open: Map<number, readonly [number, number] | null> };
const calendarDays = new WeakMap<BusinessCalendar, CalendarDays>();
const MAX_CACHED_DAYS = 5000;

/** The open interval [open, close) of a local day as instants, or null on a closed day. */
function openInterval(date: LocalDate, calendar: BusinessCalendar): readonly [number, number] | null {
  let days = calendarDays.get(calendar);
  if (!days) {
    days = { holidays: new Set(calendar.holidays), open: new Map() };
    calendarDays.set(calendar, days);
  }
  const key = date.y * 10_000 + date.m * 100 + date.d;
  let open = days.open.get(key);
  if (open === undefined) {
    if (days.open.size >= MAX_CACHED_DAYS) days.open.clear();
    open = computeOpenInterval(date, calendar, days.holidays);
    days.open.set(key, open);
  }
  return open;
}

function computeOpenInterval(
  date: LocalDate,
  calendar: BusinessCalendar,
  holidays: ReadonlySet<string>,
): [number, number] | null {
  if (holidays.has(isoDate(date))) return null;
  const row = calendar.hours.find((h) => h.weekday === weekdayOf(date));
  if (!row || row.closeMinute <= row.openMinute) return null;
  return [
    localToInstant(date, row.openMinute, calendar.timeZone),
    localToInstant(date, row.closeMinute, calendar.timeZone),
  ];
}

/** A calendar with no open weekday cannot count business time: it throws rather than loop. */
function assertSomeOpening(calendar: BusinessCalendar) {
  if (!calendar.hours.some((h) => h.closeMinute > h.openMinute))
    throw new RangeError("The business-hours calendar has no open day.");
}

/** The instant `minutes` business minutes after `start` (the clock runs only while open). */
export function addBusinessMinutes(start: Date, minutes: number, calendar: BusinessCalendar): Date {
  if (minutes <= 0) return new Date(start);
  assertSomeOpening(calendar);
  let left = minutes * MINUTE;
  let date = localDateOf(start.getTime(), calendar.timeZone);
  // Opening hours never cross midnight (close <= 1440), so the start's own local date is the
  // first day that can count.
  for (let i = 0; i < MAX_DAYS; i++, date = nextDate(date)) {
    const open = openInterval(date, calendar);
    if (!open) continue;
    const from = Math.max(open[0], start.getTime());
    if (from >= open[1]) continue;
    const available = open[1] - from;
    if (left <= available) return new Date(from + left);
    left -= available;
  }
  throw new RangeError("The business-hours calendar has no opening within ten years.");
}

/** Business minutes between two instants (negative when b is before a). */
export function businessMinutesBetween(a: Date, b: Date, calendar: BusinessCalendar): number {
  if (b.getTime() < a.getTime()) return -businessMinutesBetween(b, a, calendar);
  if (b.getTime() === a.getTime() || !calendar.hours.length) return 0;
  let total = 0;
  let date = localDateOf(a.getTime(), calendar.timeZone);
  const last = isoDate(localDateOf(b.getTime(), calendar.timeZone));
  for (let i = 0; i < MAX_DAYS * 10; i++, date = nextDate(date)) {
    const open = openInterval(date, calendar);
    if (open) total += Math.max(0, Math.min(open[1], b.getTime()) - Math.max(open[0], a.getTime()));
    if (isoDate(date) >= last) break;
  }
  return total / MINUTE;
}

/** Around the clock: plain wall-clock minutes (P1 by default). */
export function addClockMinutes(start: Date, minutes: number): Date {
  return new Date(start.getTime() + Math.max(0, minutes) * MINUTE);
}

export function clockMinutesBetween(a: Date, b: Date): number {
  return (b.getTime() - a.getTime()) / MINUTE;
}

/** How a target counts: in business hours, or around the clock. */
export type ClockMode = { aroundTheClock: boolean };

export function addTargetMinutes(start: Date, minutes: number, mode: ClockMode, calendar: BusinessCalendar): Date {
  return mode.aroundTheClock ? addClockMinutes(start, minutes) : addBusinessMinutes(start, minutes, calendar);
}

export function targetMinutesBetween(a: Date, b: Date, mode: ClockMode, calendar: BusinessCalendar): number {
  return mode.aroundTheClock ? clockMinutesBetween(a, b) : businessMinutesBetween(a, b, calendar);
}
