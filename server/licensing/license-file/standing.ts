import "server-only";
import { LICENSE_WARNING_DAYS } from "@/lib/validation/license-file";
import { formatWhen } from "@/lib/date-time";

/*
 * Where a license stands on a given instant (../shared/licensing.md, "The license file"):
 * - not yet valid: refused at install;
 * - valid; ending soon (the last LICENSE_WARNING_DAYS days: administrators are warned);
 * - grace: validity ended, the grace period runs, the console still works (warned louder);
 * - lapsed: validity and grace over: the console is read-only for everyone until a valid file is
 *   installed; the portal, administration and reports keep working.
 */

const DAY_MS = 86_400_000;

export type LicenseDates = { validFrom: Date; validUntil: Date; graceDays: number };

export type LicenseStanding =
  | { state: "not-yet-valid"; startsAt: Date }
  | { state: "valid"; endsAt: Date; daysLeft: number }
  | { state: "ending-soon"; endsAt: Date; daysLeft: number }
  | { state: "grace"; endedAt: Date; graceEndsAt: Date; daysLeft: number }
  | { state: "lapsed"; endedAt: Date; graceEndedAt: Date };

export function graceEnd(dates: LicenseDates): Date {
  return new Date(dates.validUntil.getTime() + dates.graceDays * DAY_MS);
}

/** Whole days left, rounded up: "1 day left" until the very end. */
const daysUntil = (at: Date, now: Date) => Math.max(0, Math.ceil((at.getTime() - now.getTime()) / DAY_MS));

export function licenseStanding(dates: LicenseDates, now: Date): LicenseStanding {
  if (now < dates.validFrom) return { state: "not-yet-valid", startsAt: dates.validFrom };
  if (now < dates.validUntil) {
    const daysLeft = daysUntil(dates.validUntil, now);
    return { state: daysLeft <= LICENSE_WARNING_DAYS ? "ending-soon" : "valid", endsAt: dates.validUntil, daysLeft };
  }
  const graceEndsAt = graceEnd(dates);
  if (now < graceEndsAt)
    return { state: "grace", endedAt: dates.validUntil, graceEndsAt, daysLeft: daysUntil(graceEndsAt, now) };
  return { state: "lapsed", endedAt: dates.validUntil, graceEndedAt: graceEndsAt };
}

/** "1 Jan 2027, 00:00 UTC": license dates are the vendor's, the same for every reader. */
export const formatUtc = (d: Date) => `${formatWhen(d, { timeZone: "UTC" })} UTC`;
const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/** One sentence for administrators (and, when lapsed, for every agent trying to change a ticket). */
export function standingMessage(s: LicenseStanding): string {
  switch (s.state) {
    case "not-yet-valid":
      return `This license is not valid yet: it starts on ${formatUtc(s.startsAt)}.`;
    case "valid":
      return `Valid until ${formatUtc(s.endsAt)} (${days(s.daysLeft)} left).`;
    case "ending-soon":
      return (
        `The license ends on ${formatUtc(s.endsAt)}, in ${days(s.daysLeft)}: install the renewed ` +
        `license file before then.`
      );
    case "grace":
      return (
        `The license ended on ${formatUtc(s.endedAt)}. The grace period ends ` +
        `on ${formatUtc(s.graceEndsAt)} (${days(s.daysLeft)} left); after it the console is read-only until a ` +
        `valid license file is installed.`
      );
    case "lapsed":
      return (
        `The license ended on ${formatUtc(s.endedAt)} and its grace period ` +
        `on ${formatUtc(s.graceEndedAt)}: the console is read-only for everyone until an administrator installs a ` +
        `valid license file.`
      );
  }
}
