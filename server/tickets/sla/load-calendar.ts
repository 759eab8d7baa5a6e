import "server-only";
import type { Priority } from "../../db/generated/enums";
import type { DbOrTx } from "../../db/transaction";
import type { BusinessCalendar } from "./business-calendar";

/*
 * The calendar as administrators left it, read from BusinessHours, Holiday and TicketSettings.
 * Ticket writes read it often and it rarely changes, so each process keeps it for a short while;
 * a save through the service-levels administration drops this process's copy at once (another
 * app instance picks the change up within CACHE_MS).
 */
const CACHE_MS = 30_000;
let cached: { calendar: BusinessCalendar; until: number } | null = null;

export async function loadCalendar(db: DbOrTx): Promise<BusinessCalendar> {
  if (cached && cached.until > Date.now()) return cached.calendar;
  const [settings, hours, holidays] = await Promise.all([
    db.ticketSettings.findUnique({ where: { id: 1 }, select: { timeZone: true } }),
    db.businessHours.findMany({
      orderBy: { weekday: "asc" },
      select: { weekday: true, openMinute: true, closeMinute: true },
    }),
    db.holiday.findMany({ orderBy: { date: "asc" }, select: { date: true } }),
  ]);
  const calendar: BusinessCalendar = {
    timeZone: settings?.timeZone ?? "UTC",
    hours,
    // A DATE column arrives as UTC midnight of that date.
    holidays: holidays.map((h) => h.date.toISOString().slice(0, 10)),
  };
  cached = { calendar, until: Date.now() + CACHE_MS };
  return calendar;
}

/** Called after the calendar, holidays or time zone are saved. */
export function invalidateCalendarCache(): void {
  cached = null;
}

export type SlaTargetRow = {
  priority: Priority;
  responseMinutes: number;
  resolutionMinutes: number;
  aroundTheClock: boolean;
};

/** The seeded defaults, used only if a target row is missing. */
export const DEFAULT_SLA_TARGETS: Record<Priority, SlaTargetRow> = {
  P1: { priority: "P1", responseMinutes: 15, resolutionMinutes: 240, aroundTheClock: true },
  P2: { priority: "P2", responseMinutes: 60, resolutionMinutes: 480, aroundTheClock: false },
  P3: { priority: "P3", responseMinutes: 240, resolutionMinutes: 1800, aroundTheClock: false },
  P4: { priority: "P4", responseMinutes: 480, resolutionMinutes: 3000, aroundTheClock: false },
};

export async function loadSlaTarget(db: DbOrTx, priority: Priority): Promise<SlaTargetRow> {
  const row = await db.slaTarget.findUnique({
    where: { priority },
    select: { priority: true, responseMinutes: true, resolutionMinutes: true, aroundTheClock: true },
  });
  return row ?? DEFAULT_SLA_TARGETS[priority];
}
