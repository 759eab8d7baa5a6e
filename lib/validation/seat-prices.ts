import { z } from "zod";
import { INSIGHT_MAX_PRICE_CENTS } from "./insight";

/*
 * Seat prices per month, as administrators set them for the license reports (Entitlement's
 * namedSeatMonthlyCents, concurrentSeatMonthlyCents, currency). Integer cents on the wire; the
 * form converts what was typed ("49.90") with `priceToCents`.
 */

const cents = (label: string) =>
  z
    .number({ message: `Enter the price of ${label} as a number` })
    .refine((v) => Number.isFinite(v), `Enter the price of ${label} as a number`)
    .refine((v) => v >= 0, `The price of ${label} cannot be negative`)
    .refine((v) => Number.isInteger(v), `Enter the price of ${label} in whole cents`)
    .refine(
      (v) => v <= INSIGHT_MAX_PRICE_CENTS,
      `The price of ${label} is too high (at most ${(INSIGHT_MAX_PRICE_CENTS / 100).toLocaleString("en")} a month)`,
    );

export const seatPricesInput = z.object({
  namedSeatMonthlyCents: cents("a named seat"),
  concurrentSeatMonthlyCents: cents("a concurrent seat"),
  currency: z
    .string({ message: "Enter a currency code, like EUR" })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "Enter a three-letter currency code, like EUR or USD"),
});
export type SeatPricesInput = z.infer<typeof seatPricesInput>;

/**
 * "49.90", "49,90" or "50" typed in a form, as cents; NaN when it is not a price (the schemas
 * then say so beside the field). Rounds to the cent, so "49.999" is 5000.
 */
export function priceToCents(typed: string): number {
  const text = typed.trim().replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(text)) return Number.NaN;
  return Math.round(Number(text) * 100);
}

/** Cents as the form shows them: "49.90". */
export const centsToPrice = (cents: number) => (cents / 100).toFixed(2);
