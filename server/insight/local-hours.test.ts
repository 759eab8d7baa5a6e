import { describe, expect, it } from "vitest";
import { localHours } from "./local-hours";

/** The plain way: ask Intl for every hour. */
function slowLocalHours(startMs: number, hours: number, timeZone: string) {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    weekday: "short",
    hour: "2-digit",
    hourCycle: "h23",
  });
  const weekdays: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
  return Array.from({ length: hours }, (_, h) => {
    const parts: Record<string, string> = {};
    for (const p of format.formatToParts(new Date(startMs + h * 3_600_000))) parts[p.type] = p.value;
    return {
      day: `${parts.year}-${parts.month}-${parts.day}`,
      weekday: weekdays[parts.weekday!],
      hour: Number(parts.hour) % 24,
    };
  });
}

describe("localHours", () => {
  // A year from a time that is not midnight anywhere, so days of the loop straddle local days.
  const start = Date.UTC(2026, 0, 1, 7);
  for (const zone of [
    "UTC",
    "Europe/Paris",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/Santiago",
  ]) {
    it(`matches Intl hour by hour over a year with its clock changes: ${zone}`, () => {
      expect(localHours(start, 366 * 24 + 5, zone)).toEqual(slowLocalHours(start, 366 * 24 + 5, zone));
    });
  }

  it("puts the hours of the spring-forward night of Paris on the right local hours", () => {
    // 2026-03-29 01:00 UTC is 03:00 in Paris (02:00 does not exist there).
    const hours = localHours(Date.UTC(2026, 2, 28, 23), 4, "Europe/Paris");
    expect(hours.map((h) => h.hour)).toEqual([0, 1, 3, 4]);
    expect(hours[0]).toEqual({ day: "2026-03-29", weekday: 6, hour: 0 });
  });
});
