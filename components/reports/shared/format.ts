import { formatDayAndTime, formatWhen } from "@/lib/date-time";

/*
 * Numbers as the reports show them, in the reader's locale: hours with one decimal, money from
 * integer cents, waits in words ("4 min", "1 h 20 min").
 */

export const number = (n: number, digits = 0) =>
  n.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const hours = (h: number) => `${number(h, h >= 100 ? 0 : 1)} h`;
export const percent = (p: number) => `${number(p, p > 0 && p < 10 && !Number.isInteger(p) ? 1 : 0)}%`;

export function money(cents: number, currency: string): string {
  try {
    return (cents / 100).toLocaleString(undefined, { style: "currency", currency, maximumFractionDigits: 2 });
  } catch {
    // A currency code Intl does not know still reads fine as "1,234.00 XYZ".
    return `${number(cents / 100, 2)} ${currency}`;
  }
}

export function wait(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

export const dateTime = (at: Date | string, timeZone?: string): string => formatWhen(at, { timeZone });

export const hourLabel = (at: Date | string, timeZone?: string): string => formatDayAndTime(at, { timeZone });

/** "2030-01-05" (a calendar day of the report) as "Sat, 5 Jan". */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString("en-GB", {
    timeZone: "UTC",
    weekday: "short",
    day: "numeric",
    month: "short",
  });
}

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const hourRange = (h: number) => `${String(h).padStart(2, "0")}:00–${String((h + 1) % 24).padStart(2, "0")}:00`;
