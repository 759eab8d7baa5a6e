import "server-only";
import { inTransaction, type DbOrTx } from "../db/transaction";
import { lockEntitlement, recordAdminAction, type AdminActor } from "../licensing/allocation";
import { seatPricesInput, type SeatPricesInput } from "@/lib/validation/seat-prices";
import { parseInsightInput } from "./parse";

export type SeatPrices = SeatPricesInput;

/** Defaults of the schema, for an organisation that never saved its entitlement. */
export const DEFAULT_SEAT_PRICES: SeatPrices = {
  namedSeatMonthlyCents: 5000,
  concurrentSeatMonthlyCents: 12500,
  currency: "EUR",
};

/** What one seat costs per month: the optimizer's default prices. A read that never writes. */
export async function getSeatPrices(db: DbOrTx): Promise<SeatPrices> {
  const row = await db.entitlement.findUnique({
    where: { id: 1 },
    select: { namedSeatMonthlyCents: true, concurrentSeatMonthlyCents: true, currency: true },
  });
  return row ?? DEFAULT_SEAT_PRICES;
}

/** Sets the prices (administrators), recorded as an admin action like every entitlement change. */
export async function setSeatPrices(db: DbOrTx, actor: AdminActor, rawInput: SeatPricesInput): Promise<SeatPrices> {
  const input = parseInsightInput(seatPricesInput, rawInput);
  return inTransaction(db, async (tx) => {
    await lockEntitlement(tx);
    const before = await getSeatPrices(tx);
    const after = await tx.entitlement.update({
      where: { id: 1 },
      data: input,
      select: { namedSeatMonthlyCents: true, concurrentSeatMonthlyCents: true, currency: true },
    });
    await recordAdminAction(tx, actor, { action: "seatPrices.set", before, after });
    return after;
  });
}
