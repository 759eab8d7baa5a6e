import "server-only";
import { z } from "zod";
import { router } from "../trpc/init";
import { agentProcedure } from "../trpc/procedures";
import { checkoutSeat } from "../licensing/checkout";
import { getSeatStatus, reportPresence } from "../licensing/status";
import { joinWaitingLine, leaveWaitingLine, requestRelease } from "../licensing/waiting-line";
import { releaseLeaseOfUser } from "../licensing/release";

/** The agent's own seat: status, heartbeat, taking and giving back a seat, the waiting line. */
export const seatRouter = router({
  status: agentProcedure.query(({ ctx }) =>
    getSeatStatus(ctx.rootDb, ctx.session.user.id, { requestId: ctx.requestId, endedSince: ctx.session.createdAt }),
  ),

  /** Sent by each open console tab every few seconds; `active` says whether the person used it. */
  heartbeat: agentProcedure.input(z.object({ active: z.boolean() })).mutation(({ ctx, input }) =>
    reportPresence(ctx.rootDb, {
      userId: ctx.session.user.id,
      active: input.active,
      requestId: ctx.requestId,
      endedSince: ctx.session.createdAt,
    }),
  ),

  /** "Take a seat": an explicit checkout, which also acknowledges an administrator's release. */
  checkout: agentProcedure.mutation(async ({ ctx }) => {
    // The first call of a sign-in already checked out (checkoutOnSessionStart): that is the answer.
    const result =
      ctx.sessionCheckout ??
      (await checkoutSeat(ctx.rootDb, {
        userId: ctx.session.user.id,
        authSessionId: ctx.session.sessionId,
        requestId: ctx.requestId,
      }));
    return { status: result.status };
  }),

  /** "Give back my seat": frees it for a colleague at once. */
  release: agentProcedure.mutation(({ ctx }) =>
    releaseLeaseOfUser(ctx.rootDb, {
      userId: ctx.session.user.id,
      reason: "SIGN_OUT",
      note: "given back by the agent",
      requestId: ctx.requestId,
    }).then((r) => ({ released: r.released })),
  ),

  joinLine: agentProcedure.mutation(({ ctx }) =>
    joinWaitingLine(ctx.rootDb, ctx.session.user.id, { requestId: ctx.requestId }),
  ),
  leaveLine: agentProcedure.mutation(({ ctx }) =>
    leaveWaitingLine(ctx.rootDb, ctx.session.user.id, { requestId: ctx.requestId }),
  ),
  requestRelease: agentProcedure.mutation(({ ctx }) =>
    requestRelease(ctx.rootDb, ctx.session.user.id, { requestId: ctx.requestId }),
  ),
});
