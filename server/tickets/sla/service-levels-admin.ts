import "server-only";
import type { Db } from "../../db/client";
import { inTransaction, isUniqueViolation } from "../../db/transaction";
import { AppError } from "../../errors";
import {
  addHolidayInput,
  holidaysInput,
  minutesOfTime,
  removeHolidayInput,
  saveBusinessHoursInput,
  saveSettingsInput,
  saveTargetsInput,
  timeOfMinutes,
  type AddHolidayInput,
  type BusinessDayValues,
  type SaveBusinessHoursInput,
  type SaveSettingsInput,
  type SaveTargetsInput,
  type TargetsByPriority,
} from "@/lib/validation/service-levels";
import { OPEN_STATUSES, PRIORITIES } from "@/lib/validation/tickets";
import type { Priority } from "../../db/generated/enums";
import { DEFAULT_SLA_TARGETS, invalidateCalendarCache } from "./load-calendar";

/*
 * Administration of service levels (adminProcedure: no seat). A ticket keeps the targets it was
 * opened under (due-times.ts): saved targets apply to tickets opened or re-prioritised from then on,
 * and a saved calendar (hours, holidays, time zone) to the due times computed from then on (new and
 * re-prioritised tickets) and to the length of the Pending pauses that end from then on. Due times
 * already set are never rewritten by a save, so a save never moves an open ticket's deadline. The
 * page says so with the count of open tickets per priority (openTickets), the ones a save leaves be.
 */

export type ServiceLevels = {
  targets: TargetsByPriority;
  days: BusinessDayValues[];
  settings: { autoCloseDays: number; timeZone: string };
  /** Open tickets (New to Pending) per priority: they keep the targets and due times they have. */
  openTickets: Record<Priority, number>;
};

export async function getServiceLevels(db: Db): Promise<ServiceLevels> {
  const [targets, hours, settings, open] = await Promise.all([
    db.slaTarget.findMany({
      select: { priority: true, responseMinutes: true, resolutionMinutes: true, aroundTheClock: true },
    }),
    db.businessHours.findMany({ select: { weekday: true, openMinute: true, closeMinute: true } }),
    db.ticketSettings.findUnique({ where: { id: 1 }, select: { autoCloseDays: true, timeZone: true } }),
    // Counted on the status index ("Ticket_status_updatedAt_id_idx"): open tickets are a small share.
    db.ticket.groupBy({ by: ["priority"], where: { status: { in: [...OPEN_STATUSES] } }, _count: { _all: true } }),
  ]);
  const byPriority = Object.fromEntries(
    PRIORITIES.map((p) => {
      const { responseMinutes, resolutionMinutes, aroundTheClock } =
        targets.find((t) => t.priority === p) ?? DEFAULT_SLA_TARGETS[p];
      return [p, { responseMinutes, resolutionMinutes, aroundTheClock }];
    }),
  ) as TargetsByPriority;
  const days = [1, 2, 3, 4, 5, 6, 7].map((weekday) => {
    const row = hours.find((h) => h.weekday === weekday);
    // A closed day shows the usual 08:00-18:00 in the form, ready to be opened.
    return {
      weekday,
      open: !!row,
      openTime: timeOfMinutes(row?.openMinute ?? 480),
      closeTime: timeOfMinutes(row?.closeMinute ?? 1080),
    };
  });
  return {
    targets: byPriority,
    days,
    settings: { autoCloseDays: settings?.autoCloseDays ?? 7, timeZone: settings?.timeZone ?? "UTC" },
    openTickets: Object.fromEntries(
      PRIORITIES.map((p) => [p, open.find((row) => row.priority === p)?._count._all ?? 0]),
    ) as Record<Priority, number>,
  };
}

export async function saveTargets(db: Db, raw: SaveTargetsInput): Promise<ServiceLevels> {
  const { targets } = saveTargetsInput.parse(raw);
  await inTransaction(db, async (tx) => {
    for (const priority of PRIORITIES) {
      await tx.slaTarget.upsert({
        where: { priority },
        create: { priority, ...targets[priority] },
        update: targets[priority],
      });
    }
  });
  return getServiceLevels(db);
}

export async function saveBusinessHours(db: Db, raw: SaveBusinessHoursInput): Promise<ServiceLevels> {
  const { days } = saveBusinessHoursInput.parse(raw);
  const open = days
    .filter((d) => d.open)
    .map((d) => ({
      weekday: d.weekday,
      openMinute: minutesOfTime(d.openTime),
      closeMinute: minutesOfTime(d.closeTime),
    }));
  await inTransaction(db, async (tx) => {
    await tx.businessHours.deleteMany();
    await tx.businessHours.createMany({ data: open });
  });
  invalidateCalendarCache();
  return getServiceLevels(db);
}

export async function saveSettings(db: Db, raw: SaveSettingsInput): Promise<ServiceLevels> {
  const settings = saveSettingsInput.parse(raw);
  await db.ticketSettings.upsert({ where: { id: 1 }, create: { id: 1, ...settings }, update: settings });
  invalidateCalendarCache();
  return getServiceLevels(db);
}

export type HolidayRow = { date: string; name: string };
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const longDate = (iso: string) =>
  asDate(iso).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** One year's holidays, in date order (the page goes year by year). */
export async function listHolidays(db: Db, raw: { year: number }): Promise<{ year: number; holidays: HolidayRow[] }> {
  const { year } = holidaysInput.parse(raw);
  const rows = await db.holiday.findMany({
    where: { date: { gte: asDate(`${year}-01-01`), lt: asDate(`${year + 1}-01-01`) } },
    orderBy: { date: "asc" },
  });
  return { year, holidays: rows.map((r) => ({ date: r.date.toISOString().slice(0, 10), name: r.name })) };
}

export async function addHoliday(db: Db, raw: AddHolidayInput): Promise<HolidayRow> {
  const { date, name } = addHolidayInput.parse(raw);
  try {
    await db.holiday.create({ data: { date: asDate(date), name } });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const existing = await db.holiday.findUnique({ where: { date: asDate(date) }, select: { name: true } });
      throw new AppError(
        "CONFLICT",
        `${longDate(date)} is already a holiday${existing ? ` (${existing.name})` : ""}.`,
        undefined,
        "date",
      );
    }
    throw error;
  }
  invalidateCalendarCache();
  return { date, name };
}

export async function removeHoliday(db: Db, raw: { date: string }): Promise<void> {
  const { date } = removeHolidayInput.parse(raw);
  const { count } = await db.holiday.deleteMany({ where: { date: asDate(date) } });
  if (!count) throw new AppError("NOT_FOUND", `${longDate(date)} is not a holiday (any more): reload the list.`);
  invalidateCalendarCache();
}
