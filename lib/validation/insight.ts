import { z } from "zod";
import { isReasonableDate } from "./common";
import { isValidTimeZone } from "@/lib/time-zone";

/*
 * Inputs of the license insight reports and the seat mix optimizer, shared by the forms, the
 * reports procedures and the domain functions (which parse again, so a direct call with bad
 * input gets the same plain message). Prices are integer cents per month.
 */

/** The longest period a report or the optimizer works on. */
export const INSIGHT_MAX_PERIOD_DAYS = 731;
/** The most a seat may cost per month, in cents (10 million units of currency): a typo guard. */
export const INSIGHT_MAX_PRICE_CENTS = 1_000_000_000;
/** The longest wait a service level may allow: one week. */
export const INSIGHT_MAX_WAIT_MINUTES = 7 * 24 * 60;

const date = (label: string) =>
  z
    .union(
      [z.date(), z.string().trim().min(1, `Enter the ${label} of the period`).max(40, `Enter a valid ${label} date`)],
      {
        message: `Enter the ${label} of the period`,
      },
    )
    .transform((v, ctx) => {
      const d = v instanceof Date ? v : new Date(v);
      if (!isReasonableDate(d)) {
        ctx.addIssue({ code: "custom", message: `Enter a valid ${label} date` });
        return z.NEVER;
      }
      return d;
    });

const period = {
  from: date("start"),
  to: date("end"),
};

type Period = { from: Date; to: Date };
function checkPeriod(value: Period, ctx: z.RefinementCtx) {
  // Zod still runs this refinement when a date field already failed (then the value is the raw
  // input, e.g. ""): that field has its message, there is no period to check.
  if (
    !(value.from instanceof Date) ||
    !(value.to instanceof Date) ||
    Number.isNaN(value.from.getTime()) ||
    Number.isNaN(value.to.getTime())
  )
    return;
  if (value.to.getTime() <= value.from.getTime()) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "The period is empty: the end must be after the start" });
  } else if (value.to.getTime() - value.from.getTime() > INSIGHT_MAX_PERIOD_DAYS * 86_400_000) {
    ctx.addIssue({
      code: "custom",
      path: ["to"],
      message: `Choose a period of at most ${INSIGHT_MAX_PERIOD_DAYS} days`,
    });
  }
}

const price = (label: string) =>
  z
    .number({ message: `Enter the price of ${label} as a number` })
    .refine((v) => Number.isFinite(v), `Enter the price of ${label} as a number`)
    .refine((v) => v >= 0, `The price of ${label} cannot be negative`)
    .refine((v) => Number.isInteger(v), `Enter the price of ${label} in whole cents`)
    .refine(
      (v) => v <= INSIGHT_MAX_PRICE_CENTS,
      `The price of ${label} is too high (at most ${INSIGHT_MAX_PRICE_CENTS / 100} a month)`,
    )
    .optional();

export const serviceLevelSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("maxRefusalRate"),
      percent: z
        .number({ message: "Enter the share of refused attempts as a number" })
        .refine((v) => Number.isFinite(v), "Enter the share of refused attempts as a number")
        .refine((v) => v >= 0 && v <= 100, "The share of refused attempts must be between 0% and 100%")
        // Refusing everyone needs no seats at all: a recommendation of nothing, not an answer.
        .refine(
          (v) => v !== 100,
          "Allowing 100% of attempts to be refused is met by no seats at all: choose a share below 100%",
        ),
    }),
    z.object({
      kind: z.literal("maxWaitMinutes"),
      minutes: z
        .number({ message: "Enter the longest wait in minutes as a number" })
        .refine((v) => Number.isFinite(v), "Enter the longest wait in minutes as a number")
        .refine((v) => v >= 0, "The longest wait cannot be negative")
        .refine(
          (v) => v <= INSIGHT_MAX_WAIT_MINUTES,
          `The longest wait can be at most ${INSIGHT_MAX_WAIT_MINUTES} minutes (a week)`,
        ),
    }),
  ],
  { message: "Choose a service level: a share of refused attempts, or a longest wait" },
);

const timeZone = z
  .string()
  .trim()
  .max(64, "That time zone is not known")
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    if (isValidTimeZone(v)) return v;
    ctx.addIssue({ code: "custom", message: `"${v}" is not a known time zone` });
    return z.NEVER;
  });

export const usageReportInput = z
  .object({
    ...period,
    scope: z
      .string({ message: "Choose named seats, all seats or a pool" })
      .trim()
      .min(1, "Choose named seats, all seats or a pool")
      .max(100, "That pool id is too long"),
    timeZone,
  })
  .superRefine(checkPeriod);
export type UsageReportInputRaw = z.input<typeof usageReportInput>;

/** What the optimizer and a what-if share: the period replayed, the prices, the service level. */
const mixTerms = {
  ...period,
  namedPriceCents: price("a named seat"),
  concurrentPriceCents: price("a concurrent seat"),
  serviceLevel: serviceLevelSchema,
};

export const optimizerInput = z.object(mixTerms).superRefine(checkPeriod);
export type OptimizerInputRaw = z.input<typeof optimizerInput>;

export const whatIfInput = z
  .object({
    ...mixTerms,
    namedUserIds: z.array(z.string().min(1).max(100), { message: "Choose the agents with named seats" }).max(100_000),
    concurrentSeats: z
      .array(
        z.object({
          scope: z.string().min(1).max(100),
          seats: z
            .number({ message: "Enter the number of concurrent seats as a number" })
            .int("Enter a whole number of concurrent seats")
            .min(0, "The number of concurrent seats cannot be negative")
            .max(100_000, "That is too many concurrent seats"),
        }),
      )
      .max(10_000),
  })
  .superRefine(checkPeriod);
export type WhatIfInputRaw = z.input<typeof whatIfInput>;
