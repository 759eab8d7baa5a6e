/*
 * Dates and times as seatdesk shows them everywhere: day before month and a 24-hour clock
 * ("25 Nov 2026, 14:05"), never an ambiguous 11/05/26, in the reader's time zone unless one is
 * given (reports use the desk's). One place, so the portal, the console, administration and the
 * reports read alike.
 */
const LOCALE = "en-GB";

type When = Date | string | number;
type Options = { seconds?: boolean; timeZone?: string };

const seconds = (options: Options) => (options.seconds ? { second: "2-digit" as const } : {});

/** "25 Nov 2026, 14:05" (with `seconds`, "25 Nov 2026, 14:05:09"). */
export function formatWhen(at: When, options: Options = {}): string {
  return new Date(at).toLocaleString(LOCALE, {
    timeZone: options.timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...seconds(options),
  });
}

/** "14:05": a time of today, such as when a seat was taken. */
export function formatTime(at: When, options: Options = {}): string {
  return new Date(at).toLocaleTimeString(LOCALE, {
    timeZone: options.timeZone,
    hour: "2-digit",
    minute: "2-digit",
    ...seconds(options),
  });
}

/** "Wed 25 Nov, 14:05": a moment of the coming days, such as when an SLA target falls due. */
export function formatDue(at: When, options: Options = {}): string {
  return new Date(at).toLocaleString(LOCALE, {
    timeZone: options.timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** "25 Nov, 14:00": an hour of a report, whose year the report already says. */
export function formatDayAndTime(at: When, options: Options = {}): string {
  return new Date(at).toLocaleString(LOCALE, {
    timeZone: options.timeZone,
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
}
