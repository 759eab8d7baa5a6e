/*
 * Calendar buckets of a UTC hour in a time zone: the local day, weekday (0 = Monday) and hour.
 * The rollup counts UTC hours; in a zone with a half-hour offset each UTC hour is shown in the
 * local hour it starts in.
 */

export type LocalHour = { day: string; weekday: number; hour: number };

const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

export function localHours(startMs: number, hours: number, timeZone: string): LocalHour[] {
  const format = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", weekday: "short", hour: "2-digit", hourCycle: "h23" });
  const out: LocalHour[] = new Array(hours);
  for (let h = 0; h < hours; h++) {
    const parts: Record<string, string> = {};
    for (const p of format.formatToParts(new Date(startMs + h * 3_600_000))) parts[p.type] = p.value;
    out[h] = { day: `${parts.year}-${parts.month}-${parts.day}`, weekday: WEEKDAYS[parts.weekday!] ?? 0, hour: Number(parts.hour) % 24 };
  }
  return out;
}
