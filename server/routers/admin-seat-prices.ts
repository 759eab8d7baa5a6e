import "server-only";
import { router } from "../trpc/init";
import { adminProcedure } from "../trpc/procedures";
import { getSeatPrices, setSeatPrices } from "../insight/seat-prices";
import { seatPricesInput } from "@/lib/validation/seat-prices";

/** What a named and a concurrent seat cost per month (the optimizer's defaults). Administrators only. */
export const adminSeatPricesRouter = router({
  get: adminProcedure.query(({ ctx }) => getSeatPrices(ctx.db)),
  set: adminProcedure
    .input(seatPricesInput)
    .mutation(({ ctx, input }) =>
      setSeatPrices(ctx.db, { actorId: ctx.session.user.id, requestId: ctx.requestId }, input),
    ),
});
