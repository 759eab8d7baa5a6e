import "server-only";
import { router } from "../trpc/init";
import { adminProcedure } from "../trpc/procedures";
import { adminEndLease, getSeatBoard } from "../licensing/board";
import { listSeatEvents } from "../licensing/history";
import { endSeatInput } from "@/lib/validation/seat-board";
import { seatHistoryInput } from "@/lib/validation/seat-history";

/** Administrators watch and free seats, and read the seat history. Administration needs no seat. */
export const adminSeatsRouter = router({
  /** The live board: every pool's holders and waiting line, and the named seats. */
  board: adminProcedure.query(({ ctx }) => getSeatBoard(ctx.rootDb)),

  /** Ends one lease, with a reason the agent will read. */
  endLease: adminProcedure.input(endSeatInput).mutation(({ ctx, input }) =>
    adminEndLease(ctx.rootDb, {
      leaseId: BigInt(input.leaseId),
      actorId: ctx.session.user.id,
      note: input.note,
      requestId: ctx.requestId,
    }),
  ),

  /** One page of seat events, newest first; `cursor` is the previous page's nextCursor. */
  history: adminProcedure.input(seatHistoryInput).query(({ ctx, input }) => listSeatEvents(ctx.rootDb, input)),
});
