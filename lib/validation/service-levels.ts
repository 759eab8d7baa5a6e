import { z } from "zod";
import { isValidTimeZone } from "@/lib/time-zone";
import { PRIORITIES, type PriorityValue } from "./tickets";

/*
 * Service-level administration: the shapes shared by the admin forms and the adminServiceLevels
 * procedures. Messages are written for the administrator reading them beside the field.
 */

/** A year of minutes: only catches typos (an extra zero or two). */
export const MAX_TARGET_MINUTES = 525_600;
export const AUTO_CLOSE_DAYS = { min: 1, max: 365 } as const;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const WEEKDAY_LABEL: Record<(typeof WEEKDAYS)[number], string> = {
  1: "Monday",
  2: "Tuesday",
  3: "Wednesday",
  4: "Thursday",
  5: "Friday",
  6: "Saturday",
  7: "Sunday",
};

const minutes = (what: string) =>
  z
    .number({ error: `Enter the ${what} target in minutes` })
    .int(`Use whole minutes for the ${what} target`)
    .positive(`The ${what} target is at least 1 minute`)
    .max(
      MAX_TARGET_MINUTES,
      `The ${what} target is at most ${MAX_TARGET_MINUTES.toLocaleString("en")} minutes (a year): check the number`,
    );

export const slaTargetSchema = z.object({
  responseMinutes: minutes("response"),
  resolutionMinutes: minutes("resolution"),
  aroundTheClock: z.boolean(),
});
export type SlaTargetValues = z.infer<typeof slaTargetSchema>;

/** All four priorities at once, so the form saves the table as shown. */
export const saveTargetsInput = z
  .object({ targets: z.object({ P1: slaTargetSchema, P2: slaTargetSchema, P3: slaTargetSchema, P4: slaTargetSchema }) })
  .superRefine(({ targets }, ctx) => {
    for (const p of PRIORITIES) {
      const t = targets[p];
      if (t.resolutionMinutes < t.responseMinutes) {
        ctx.addIssue({
          code: "custom",
          path: ["targets", p, "resolutionMinutes"],
          message:
            `${p}: resolving (${t.resolutionMinutes} min) cannot take less time than the first ` +
            `response (${t.responseMinutes} min)`,
        });
      }
    }
  });
export type SaveTargetsInput = z.infer<typeof saveTargetsInput>;

/** "HH:MM" from a time input; "24:00" closes at midnight. */
const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
export const timeOfDay = z.string().regex(TIME, "Use a time like 08:00 (24-hour clock)");
export const minutesOfTime = (time: string): number =>
  time === "24:00" ? 1440 : Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
export const timeOfMinutes = (m: number): string =>
  `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

export const businessDaySchema = z.object({
  weekday: z.number().int().min(1).max(7),
  open: z.boolean(),
  openTime: timeOfDay,
  closeTime: timeOfDay,
});
export type BusinessDayValues = z.infer<typeof businessDaySchema>;

/** The week, Monday first; a closed day's times are kept for the form but not saved. */
export const saveBusinessHoursInput = z
  .object({ days: z.array(businessDaySchema).length(7, "Send all seven days, Monday to Sunday") })
  .superRefine(({ days }, ctx) => {
    days.forEach((day, i) => {
      if (day.weekday !== i + 1)
        ctx.addIssue({ code: "custom", path: ["days", i, "weekday"], message: "Days go Monday to Sunday" });
      if (
        day.open &&
        TIME.test(day.openTime) &&
        TIME.test(day.closeTime) &&
        minutesOfTime(day.openTime) >= minutesOfTime(day.closeTime)
      ) {
        const name = WEEKDAY_LABEL[day.weekday as keyof typeof WEEKDAY_LABEL] ?? "This day";
        ctx.addIssue({
          code: "custom",
          path: ["days", i, "closeTime"],
          message:
            `${name} closes (${day.closeTime}) before or when it opens (${day.openTime}): close ` +
            `later than you open`,
        });
      }
    });
    if (!days.some((d) => d.open)) {
      ctx.addIssue({
        code: "custom",
        path: ["days"],
        message:
          "Open on at least one day: the SLA clock counts business hours only (for around the clock, open " +
          "every day 00:00 to 24:00)",
      });
    }
  });
export type SaveBusinessHoursInput = z.infer<typeof saveBusinessHoursInput>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const holidayDate = z
  .string()
  .regex(ISO_DATE, "Choose a date")
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    "That date does not exist",
  );

export const addHolidayInput = z.object({
  date: holidayDate,
  name: z
    .string()
    .trim()
    .min(1, "Name the holiday, e.g. New Year's Day")
    .max(80, "Keep the name to 80 characters or fewer"),
});
export type AddHolidayInput = z.infer<typeof addHolidayInput>;
export const removeHolidayInput = z.object({ date: holidayDate });
export const holidaysInput = z.object({ year: z.number().int().min(2000).max(2100) });

export const timeZoneSchema = z
  .string()
  .trim()
  .min(1, "Choose the time zone the business hours are in")
  .refine(isValidTimeZone, "That is not a time zone we know: use a name like Europe/Berlin or America/New_York");

export const saveSettingsInput = z.object({
  autoCloseDays: z
    .number({ error: "Enter a number of days" })
    .int("Use whole days")
    .min(AUTO_CLOSE_DAYS.min, `Resolved tickets close after at least ${AUTO_CLOSE_DAYS.min} day`)
    .max(AUTO_CLOSE_DAYS.max, `Resolved tickets close after at most ${AUTO_CLOSE_DAYS.max} days`),
  timeZone: timeZoneSchema,
});
export type SaveSettingsInput = z.infer<typeof saveSettingsInput>;

export type TargetsByPriority = Record<PriorityValue, SlaTargetValues>;
