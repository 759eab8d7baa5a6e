import "server-only";
import type { DbOrTx } from "../db/transaction";
import type { Money } from "./types";
import { DEFAULT_SEAT_PRICES } from "./seat-prices";

/*
 * Seat prices and what the organisation owns today, from the entitlement row; the optimizer's
 * input may override the prices. Without an entitlement row the default prices apply (seat-prices.ts)
 * and "owned" is what is allocated (named seats assigned, pool sizes).
 */

export type Prices = {
  namedPriceCents: number;
  concurrentPriceCents: number;
  currency: string;
  namedOwned: number;
  concurrentOwned: number;
};

export async function loadPrices(
  db: DbOrTx,
  overrides: { namedPriceCents?: number; concurrentPriceCents?: number },
): Promise<Prices> {
  const entitlement = await db.entitlement.findUnique({ where: { id: 1 } });
  let namedOwned = entitlement?.namedSeats ?? 0;
  let concurrentOwned = entitlement?.concurrentSeats ?? 0;
  if (!entitlement) {
    namedOwned = await db.seatAssignment.count({ where: { kind: "NAMED" } });
    concurrentOwned =
      (await db.seatPool.aggregate({ where: { deletedAt: null }, _sum: { size: true } }))._sum.size ?? 0;
  }
  return {
    namedPriceCents:
      overrides.namedPriceCents ?? entitlement?.namedSeatMonthlyCents ?? DEFAULT_SEAT_PRICES.namedSeatMonthlyCents,
    concurrentPriceCents:
      overrides.concurrentPriceCents ??
      entitlement?.concurrentSeatMonthlyCents ??
      DEFAULT_SEAT_PRICES.concurrentSeatMonthlyCents,
    currency: entitlement?.currency ?? DEFAULT_SEAT_PRICES.currency,
    namedOwned,
    concurrentOwned,
  };
}

export function money(cents: number, currency: string): Money {
  return { cents, currency };
}

/** "1,250.00 EUR" (the code, not a symbol: the same in every locale). */
export function formatMoney(m: Money): string {
  const amount = (m.cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${amount} ${m.currency}`;
}
