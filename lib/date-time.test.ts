import { describe, expect, it } from "vitest";
import { formatDayAndTime, formatDue, formatTime, formatWhen } from "./date-time";

/** Every screen shows times one way: day before month, a 24-hour clock, the reader's (or given) zone. */
describe("date and time formats", () => {
  const at = new Date("2026-11-25T14:05:09Z");
  const utc = { timeZone: "UTC" };

  it("writes a moment with its date, never month first nor with AM/PM", () => {
    expect(formatWhen(at, utc)).toBe("25 Nov 2026, 14:05");
    expect(formatWhen(at, { ...utc, seconds: true })).toBe("25 Nov 2026, 14:05:09");
    expect(formatWhen("2026-01-05T21:30:00Z", utc)).toBe("5 Jan 2026, 21:30");
  });

  it("writes times of day, due times with their weekday, and report hours", () => {
    expect(formatTime(at, utc)).toBe("14:05");
    expect(formatTime(at, { ...utc, seconds: true })).toBe("14:05:09");
    expect(formatDue(at, utc)).toBe("Wed 25 Nov, 14:05");
    expect(formatDayAndTime(at, utc)).toBe("25 Nov, 14:05");
  });

  it("shows the moment in the zone asked for", () => {
    expect(formatWhen(at, { timeZone: "Europe/Berlin" })).toBe("25 Nov 2026, 15:05");
    expect(formatDue(at, { timeZone: "Pacific/Auckland" })).toBe("Thu 26 Nov, 03:05");
  });
});
