import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  addClockMinutes,
  addTargetMinutes,
  businessMinutesBetween,
  localToInstant,
  targetMinutesBetween,
  type BusinessCalendar,
} from "./business-calendar";
import { isValidTimeZone } from "../../../lib/time-zone";

const weekdays = (open: number, close: number, days = [1, 2, 3, 4, 5]) =>
  days.map((weekday) => ({ weekday, openMinute: open, closeMinute: close }));
/** Monday to Friday 08:00-18:00, the seeded default. */
const utc: BusinessCalendar = { timeZone: "UTC", hours: weekdays(480, 1080), holidays: [] };
const berlin: BusinessCalendar = { ...utc, timeZone: "Europe/Berlin" };
const at = (iso: string) => new Date(iso);
const add = (iso: string, minutes: number, cal: BusinessCalendar = utc) =>
  addBusinessMinutes(at(iso), minutes, cal).toISOString();

// 2026-11-23 is a Monday.
describe("addBusinessMinutes", () => {
  it("walks across month ends, a leap day and a year end, day by day", () => {
    const everyDay = { timeZone: "UTC", hours: weekdays(480, 1080, [1, 2, 3, 4, 5, 6, 7]), holidays: [] };
    // Ten hours a day: 20 hours from Feb 28 08:00 of a leap year end on Feb 29, not on Mar 1.
    expect(add("2028-02-28T08:00:00Z", 20 * 60, everyDay)).toBe("2028-02-29T18:00:00.000Z");
    expect(add("2027-02-28T08:00:00Z", 20 * 60, everyDay)).toBe("2027-03-01T18:00:00.000Z");
    expect(add("2026-12-31T17:00:00Z", 120, everyDay)).toBe("2027-01-01T09:00:00.000Z");
    expect(add("2026-04-30T17:00:00Z", 120, everyDay)).toBe("2026-05-01T09:00:00.000Z");
    // The same calendar object asked again (its days are kept) answers the same as a fresh copy.
    expect(add("2028-02-28T08:00:00Z", 20 * 60, { ...everyDay })).toBe("2028-02-29T18:00:00.000Z");
  });

  it("counts inside one open day", () => {
    expect(add("2026-11-23T09:00:00Z", 60)).toBe("2026-11-23T10:00:00.000Z");
  });

  it("starts counting at the opening when created before it", () => {
    expect(add("2026-11-23T06:00:00Z", 30)).toBe("2026-11-23T08:30:00.000Z");
  });

  it("ends at the closing itself when the minutes run out exactly then", () => {
    expect(add("2026-11-23T17:00:00Z", 60)).toBe("2026-11-23T18:00:00.000Z");
  });

  it("carries over the weekend: Friday 17:30 + 60 minutes is Monday 08:30", () => {
    expect(add("2026-11-27T17:30:00Z", 60)).toBe("2026-11-30T08:30:00.000Z");
  });

  it("a ticket opened on Saturday starts on Monday morning", () => {
    expect(add("2026-11-28T11:00:00Z", 240)).toBe("2026-11-30T12:00:00.000Z");
  });

  it("P4's 3000 minutes are five whole business days", () => {
    expect(add("2026-11-23T08:00:00Z", 3000)).toBe("2026-11-27T18:00:00.000Z");
    expect(add("2026-11-23T13:00:00Z", 3000)).toBe("2026-11-30T13:00:00.000Z");
  });

  it("skips holidays", () => {
    const withHoliday = { ...utc, holidays: ["2026-11-30"] };
    expect(add("2026-11-27T17:30:00Z", 60, withHoliday)).toBe("2026-12-01T08:30:00.000Z");
  });

  it("zero minutes is the start itself", () => {
    expect(add("2026-11-28T11:00:00Z", 0)).toBe("2026-11-28T11:00:00.000Z");
  });

  it("refuses a calendar with no open day instead of looping", () => {
    expect(() => addBusinessMinutes(at("2026-11-23T09:00:00Z"), 60, { ...utc, hours: [] })).toThrow(/no open day/);
  });

  it("counts in the calendar's zone: 08:00 Berlin is 07:00 UTC in winter, 06:00 in summer", () => {
    expect(add("2026-11-23T00:00:00Z", 1, berlin)).toBe("2026-11-23T07:01:00.000Z");
    expect(add("2026-06-15T00:00:00Z", 1, berlin)).toBe("2026-06-15T06:01:00.000Z");
  });

  it("crosses the autumn DST change over a weekend (Europe/Berlin, 25 October 2026)", () => {
    // Friday 17:00 CEST (15:00 UTC) + 2 hours: 1 hour on Friday, 1 hour Monday 08:00-09:00 CET.
    expect(add("2026-10-23T15:00:00Z", 120, berlin)).toBe("2026-10-26T08:00:00.000Z");
  });

  it("crosses the spring DST change over a weekend (Europe/Berlin, 29 March 2026)", () => {
    // Friday 17:00 CET (16:00 UTC) + 2 hours: Monday 09:00 CEST is 07:00 UTC.
    expect(add("2026-03-27T16:00:00Z", 120, berlin)).toBe("2026-03-30T07:00:00.000Z");
  });

  it("works west of UTC (New York, Friday afternoon to Monday)", () => {
    const ny: BusinessCalendar = { timeZone: "America/New_York", hours: weekdays(540, 1020), holidays: [] };
    // Friday 16:00 EST = 21:00 UTC; 2 hours: 1 on Friday, 1 on Monday 09:00-10:00 EST (15:00 UTC).
    expect(add("2026-11-27T21:00:00Z", 120, ny)).toBe("2026-11-30T15:00:00.000Z");
  });
});

describe("the local day each zone keeps (localDateOf)", () => {
  // Open 22:00-24:00 every day: where a start counts from depends on which local day it falls on.
  const lateShift: BusinessCalendar = {
    timeZone: "Europe/Berlin",
    hours: weekdays(1320, 1440, [1, 2, 3, 4, 5, 6, 7]),
    holidays: [],
  };

  it("answers from the kept day only for that day's own instants, asked in any order", () => {
    // Monday 2026-11-23 12:00 Berlin keeps Monday; the instants around its midnights are other days.
    expect(add("2026-11-23T11:00:00Z", 60, lateShift)).toBe("2026-11-23T22:00:00.000Z");
    expect(add("2026-11-22T22:30:00Z", 60, lateShift)).toBe("2026-11-23T21:30:00.000Z"); // Sunday 23:30
    expect(add("2026-11-22T23:00:00Z", 60, lateShift)).toBe("2026-11-23T22:00:00.000Z"); // Monday 00:00
    expect(add("2026-11-23T22:30:00Z", 60, lateShift)).toBe("2026-11-24T21:30:00.000Z"); // Monday 23:30
    expect(add("2026-11-23T23:00:00Z", 60, lateShift)).toBe("2026-11-24T22:00:00.000Z"); // Tuesday 00:00
  });

  it("keeps no DST day (25 October 2026 in Berlin is 25 hours long) and still dates its instants", () => {
    expect(add("2026-10-25T11:00:00Z", 60, lateShift)).toBe("2026-10-25T22:00:00.000Z");
    expect(add("2026-10-25T22:30:00Z", 60, lateShift)).toBe("2026-10-26T21:30:00.000Z"); // Sunday 23:30 CET
    expect(add("2026-10-24T21:30:00Z", 60, lateShift)).toBe("2026-10-25T21:30:00.000Z"); // Saturday 23:30 CEST
    expect(add("2026-10-24T22:00:00Z", 60, lateShift)).toBe("2026-10-25T22:00:00.000Z"); // Sunday 00:00 CEST
  });
});

describe("businessMinutesBetween", () => {
  it("counts only open time, across a weekend", () => {
    expect(businessMinutesBetween(at("2026-11-27T17:00:00Z"), at("2026-11-30T09:00:00Z"), utc)).toBe(120);
  });

  it("is zero inside a weekend or a holiday, and negative backwards", () => {
    expect(businessMinutesBetween(at("2026-11-28T09:00:00Z"), at("2026-11-29T17:00:00Z"), utc)).toBe(0);
    const holiday = { ...utc, holidays: ["2026-11-23"] };
    expect(businessMinutesBetween(at("2026-11-23T09:00:00Z"), at("2026-11-23T17:00:00Z"), holiday)).toBe(0);
    expect(businessMinutesBetween(at("2026-11-30T09:00:00Z"), at("2026-11-27T17:00:00Z"), utc)).toBe(-120);
  });

  it("is the inverse of addBusinessMinutes", () => {
    const start = at("2026-11-25T16:20:00Z");
    for (const minutes of [1, 59, 600, 1800, 4321]) {
      expect(businessMinutesBetween(start, addBusinessMinutes(start, minutes, berlin), berlin)).toBe(minutes);
    }
  });

  it("a DST day is 25 or 23 hours long when open all day", () => {
    const always: BusinessCalendar = {
      timeZone: "Europe/Berlin",
      hours: weekdays(0, 1440, [1, 2, 3, 4, 5, 6, 7]),
      holidays: [],
    };
    const day = (y: number, m: number, d: number) =>
      [
        new Date(localToInstant({ y, m, d }, 0, "Europe/Berlin")),
        new Date(localToInstant({ y, m, d }, 1440, "Europe/Berlin")),
      ] as const;
    expect(businessMinutesBetween(...day(2026, 10, 25), always)).toBe(1500);
    expect(businessMinutesBetween(...day(2026, 3, 29), always)).toBe(1380);
    expect(businessMinutesBetween(...day(2026, 11, 25), always)).toBe(1440);
  });
});

describe("around the clock and time zones", () => {
  it("counts wall-clock minutes through nights and weekends", () => {
    expect(addClockMinutes(at("2026-11-27T17:30:00Z"), 240).toISOString()).toBe("2026-11-27T21:30:00.000Z");
    expect(addTargetMinutes(at("2026-11-28T23:00:00Z"), 15, { aroundTheClock: true }, utc).toISOString()).toBe(
      "2026-11-28T23:15:00.000Z",
    );
    expect(
      targetMinutesBetween(at("2026-11-28T09:00:00Z"), at("2026-11-29T09:00:00Z"), { aroundTheClock: true }, utc),
    ).toBe(1440);
    expect(
      targetMinutesBetween(at("2026-11-28T09:00:00Z"), at("2026-11-29T09:00:00Z"), { aroundTheClock: false }, utc),
    ).toBe(0);
  });

  it("knows IANA zones and refuses others", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});

/*
 * A local time inside the hour a daylight-saving fall-back repeats happens twice. The calendar reads
 * it as its first occurrence (the earlier instant, as RFC 5545 and most calendaring libraries do),
 * east and west of UTC alike. Before this rule was written down, zones east of UTC got the second.
 */
describe("a local time repeated by a daylight-saving fall-back", () => {
  const iso = (date: { y: number; m: number; d: number }, minute: number, zone: string) =>
    new Date(localToInstant(date, minute, zone)).toISOString();

  it("is its first occurrence on Lord Howe (30-minute shift: 02:00 +11:00 back to 01:30 +10:30)", () => {
    // 5 April 2026: 01:30-02:00 happens at +11:00 (14:30-15:00 UTC), then again at +10:30.
    expect(iso({ y: 2026, m: 4, d: 5 }, 105, "Australia/Lord_Howe")).toBe("2026-04-04T14:45:00.000Z");
    expect(iso({ y: 2026, m: 4, d: 5 }, 90, "Australia/Lord_Howe")).toBe("2026-04-04T14:30:00.000Z");
    // Just outside the repeated half hour, one reading only.
    expect(iso({ y: 2026, m: 4, d: 5 }, 120, "Australia/Lord_Howe")).toBe("2026-04-04T15:30:00.000Z");
  });

  it("is its first occurrence east of UTC (Europe/Berlin, 25 October 2026, 02:30)", () => {
    expect(iso({ y: 2026, m: 10, d: 25 }, 150, "Europe/Berlin")).toBe("2026-10-25T00:30:00.000Z");
  });

  it("is its first occurrence west of UTC (America/New_York, 1 November 2026, 01:30)", () => {
    expect(iso({ y: 2026, m: 11, d: 1 }, 90, "America/New_York")).toBe("2026-11-01T05:30:00.000Z");
  });

  it("a desk opening at 01:45 on Lord Howe's change night opens at the first 01:45", () => {
    const lordHowe: BusinessCalendar = {
      timeZone: "Australia/Lord_Howe",
      hours: weekdays(105, 600, [7]), // Sundays 01:45-10:00
      holidays: [],
    };
    expect(addBusinessMinutes(at("2026-04-04T12:00:00Z"), 1, lordHowe).toISOString()).toBe("2026-04-04T14:46:00.000Z");
    // 01:45 (+11:00) to 10:00 (+10:30) is 8 h 45 min of real time although the wall clock says 8 h 15.
    expect(businessMinutesBetween(at("2026-04-04T00:00:00Z"), at("2026-04-05T12:00:00Z"), lordHowe)).toBe(525);
  });

  it("a skipped local time moves later by the gap, east and west (Lord Howe 02:15, New York 02:30)", () => {
    expect(iso({ y: 2026, m: 10, d: 4 }, 135, "Australia/Lord_Howe")).toBe("2026-10-03T15:45:00.000Z");
    expect(iso({ y: 2026, m: 3, d: 8 }, 150, "America/New_York")).toBe("2026-03-08T07:30:00.000Z");
  });

  it("is the earliest instant that reads back as the wall time, in every zone with a fall-back in 2026", () => {
    const formats = new Map<string, Intl.DateTimeFormat>();
    const wallOf = (t: number, zone: string) => {
      const p: Record<string, number> = {};
      const f =
        formats.get(zone) ??
        new Intl.DateTimeFormat("en-US", {
          timeZone: zone,
          hourCycle: "h23",
          year: "numeric",
          month: "numeric",
          day: "numeric",
          hour: "numeric",
          minute: "numeric",
        });
      formats.set(zone, f);
      for (const part of f.formatToParts(new Date(t))) if (part.type !== "literal") p[part.type] = Number(part.value);
      return { date: { y: p.year!, m: p.month!, d: p.day! }, minute: p.hour! * 60 + p.minute! };
    };
    const zones = [
      "Australia/Lord_Howe",
      "Australia/Sydney",
      "Europe/Berlin",
      "America/New_York",
      "America/St_Johns",
      "America/Santiago",
      "Pacific/Auckland",
    ];
    const offset = (t: number, zone: string) => {
      const { date, minute } = wallOf(t, zone);
      return Date.UTC(date.y, date.m - 1, date.d, 0, minute) - t;
    };
    let checked = 0;
    for (const zone of zones) {
      // Find each fall-back of 2026 in 6-hour steps, then walk its surroundings every 15 minutes:
      // a wall time seen twice must map to the first instant that showed it.
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 6 * HOUR_MS) {
        if (offset(t + 6 * HOUR_MS, zone) >= offset(t, zone)) continue;
        const firstSeen = new Map<string, number>();
        for (let u = t - 6 * HOUR_MS; u < t + 12 * HOUR_MS; u += 15 * MINUTE_MS) {
          const { date, minute } = wallOf(u, zone);
          const key = `${date.y}-${date.m}-${date.d}|${minute}`;
          const first = firstSeen.get(key);
          if (first === undefined) firstSeen.set(key, u);
          else {
            checked++;
            expect(localToInstant(date, minute, zone), `${zone} ${key}`).toBe(first);
          }
        }
      }
    }
    expect(checked).toBe(4 * 6 + 2); // six one-hour fall-backs, Lord Howe's half hour
  });
});
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
