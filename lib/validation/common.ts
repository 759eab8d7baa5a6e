import { z } from "zod";

/** The largest value of a PostgreSQL integer column (versions, counts kept as int4). */
export const PG_INT_MAX = 2_147_483_647;

/** A row's version for optimistic updates, as the editor saw it. */
export const versionSchema = z
  .number({ error: "Reload the page: the version of what you edited is missing" })
  .int()
  .min(1)
  .max(PG_INT_MAX, "Reload the page: the version of what you edited is not valid");

/** The largest value of a PostgreSQL bigint column (event, message and lease ids). */
export const PG_BIGINT_MAX = 9223372036854775807n;

/**
 * A bigint row id sent as digits (a page cursor, a lease id). Nineteen digits may still pass the
 * column's largest value, which the database would refuse with an error instead of an answer.
 */
export const bigintIdSchema = (message: string) =>
  z
    .string()
    .regex(/^\d{1,19}$/, message)
    .refine((digits) => !/^\d{1,19}$/.test(digits) || BigInt(digits) <= PG_BIGINT_MAX, message);

/** Dates a person could mean, within what the database and its driver store (years 1900 to 9999). */
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(10000, 0, 1) - 1;
export function isReasonableDate(date: Date): boolean {
  const t = date.getTime();
  return !Number.isNaN(t) && t >= EARLIEST && t <= LATEST;
}

/**
 * A date and time a form or program sends (a Date or its ISO text), within the years the database
 * stores: a year like -271821 is refused with the message instead of reaching PostgreSQL.
 */
export const reasonableDateSchema = (message = "Enter a date between the years 1900 and 9999") =>
  z.coerce.date({ error: message }).refine(isReasonableDate, message);
