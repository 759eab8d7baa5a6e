import "server-only";
import { middleware } from "../init";
import type { Context } from "../context";
import type { ValidSession } from "../../auth/auth-sessions";
import { checkoutSeat, refusalMessage, type CheckoutResult } from "../../licensing/checkout";
import { assertLiveLease } from "../../licensing/fence";
import { REASONS_NEEDING_ACKNOWLEDGEMENT, releaseReasonText } from "../../licensing/release";
import { seatTiming } from "../../licensing/timing";
import { AppError } from "../../errors";
import { Prisma } from "../../db/generated/client";
import type { LeaseEndReason } from "../../db/generated/enums";
import { sqlOutsideTransaction } from "../../db/sql";
import { inTransaction, type Tx } from "../../db/transaction";

/*
 * Seat licensing in the request path (../shared/licensing.md). The browser never decides:
 * - every agent call: the first one of a sign-in session checks a seat out ("the session starts
 *   working"); a refusal is not an error here, the console simply stays read-only;
 * - every call that changes something: the caller must hold a live lease, checked as a fence in
 *   the same transaction as the write.
 */

type AgentContext = Context & { session: ValidSession };
/** Who writes, as the seat rules need it: a procedure's context, or a route handler's (server/http/route-gate.ts). */
export type SeatWriter = Pick<AgentContext, "rootDb" | "session" | "requestId">;

/**
 * Checks a seat out on the first agent call of each sign-in session. The result is passed on as
 * `ctx.sessionCheckout`, so a first call that is itself "take a seat" does not check out twice.
 */
export const checkoutOnSessionStart = middleware(async ({ ctx, next }) => {
  const c = ctx as AgentContext;
  let sessionCheckout: CheckoutResult | null = null;
  // A cross-site navigation to a query URL carries the cookie but must not take a seat: such a
  // request reads as usual and leaves the session's first checkout to the app's own pages.
  if (!c.session.seatRequestedAt && c.mayTakeSeat) {
    // Only the request that marks the session checks out, so parallel first calls do not each try.
    const claimed = await sqlOutsideTransaction(c.rootDb).execute(Prisma.sql`
      update "AuthSession" set "seatRequestedAt" = now() where id = ${c.session.sessionId}::text and
        "seatRequestedAt" is null`);
    if (claimed === 1)
      sessionCheckout = await checkoutSeat(c.rootDb, {
        userId: c.session.user.id,
        authSessionId: c.session.sessionId,
        requestId: c.requestId,
      });
  }
  return next({ ctx: { sessionCheckout } });
});

/** Makes sure the caller holds a live seat, taking one when they may (see takeSeatForWrite). */
async function takeSeatForWrite(c: SeatWriter): Promise<void> {
  const [last] = await sqlOutsideTransaction(c.rootDb).rows<{
    endedAt: Date | null;
    endReason: LeaseEndReason | null;
    endNote: string | null;
  }>(Prisma.sql`
    select "endedAt", "endReason", "endNote" from "SeatLease" where "userId" = ${c.session.user.id}::text order
      by id desc limit 1`);
  // After an administrator (or a license change) ended the seat, the agent's next action says so
  // plainly instead of silently taking another seat. Asking for a seat since acknowledges it:
  // "Take a seat" (granted or refused) or the first call of a new sign-in, both recorded as a
  // GRANTED or REFUSED event after the ending. Otherwise an ending would block the writes of
  // later sign-ins, and hide a full pool behind an old message.
  if (
    last?.endedAt &&
    last.endReason &&
    REASONS_NEEDING_ACKNOWLEDGEMENT.includes(last.endReason) &&
    !(await askedSince(c, last.endedAt))
  ) {
    throw new AppError(
      "PRECONDITION_FAILED",
      `${releaseReasonText(last.endReason, last.endNote)} Nothing was lost; take a seat to continue.`,
      { seat: "ended", reason: last.endReason },
    );
  }
  const result = await checkoutSeat(c.rootDb, {
    userId: c.session.user.id,
    authSessionId: c.session.sessionId,
    requestId: c.requestId,
  });
  if (result.status === "granted") return;
  if (result.status === "refused")
    throw new AppError(
      "PRECONDITION_FAILED",
      `${refusalMessage(result)} Your work is kept; the console is read-only until you get a seat.`,
      { seat: "refused" },
    );
  if (result.status === "disabled") throw new AppError("UNAUTHORIZED", "Your account is disabled.");
  throw new AppError(
    "FORBIDDEN",
    "You have no seat license, so you can read but not change tickets. Ask an administrator for a named " +
      "seat or a place in a pool.",
    { seat: "unlicensed" },
  );
}

async function askedSince(c: SeatWriter, endedAt: Date): Promise<boolean> {
  const asked = await c.rootDb.seatEvent.count({
    where: { userId: c.session.user.id, type: { in: ["GRANTED", "REFUSED"] }, at: { gt: endedAt } },
  });
  return asked > 0;
}

class RollBack {
  constructor(public readonly result: unknown) {}
}

/**
 * The one seat fence of every seat-gated write, from the console and from the API for programs
 * (server/trpc/middleware/api.ts): runs `run` (a procedure's next()) in a transaction that first
 * checks that `userId` holds a live lease; a failed procedure (next() reports it as a value)
 * rolls its writes back.
 */
export function inSeatFence<R extends { ok: boolean }>(
  rootDb: Context["rootDb"],
  userId: string,
  run: (tx: Tx, leaseId: bigint) => Promise<R>,
): Promise<R> {
  const timing = seatTiming();
  return inProcedureTransaction(rootDb, async (tx) => run(tx, await assertLiveLease(tx, userId, timing)));
}

/** Runs a procedure's next() in a transaction; a failed procedure (reported as a value) rolls back. */
export async function inProcedureTransaction<R extends { ok: boolean }>(
  rootDb: Context["rootDb"],
  run: (tx: Tx) => Promise<R>,
): Promise<R> {
  try {
    return await inTransaction(
      rootDb,
      async (tx) => {
        const result = await run(tx);
        if (!result.ok) throw new RollBack(result);
        return result;
      },
      { kind: "seatGatedWrite" },
    );
  } catch (error) {
    if (error instanceof RollBack) return error.result as R;
    throw error;
  }
}

export const isSeatEnded = (error: unknown) =>
  error instanceof AppError && (error.details as { seat?: string } | undefined)?.seat === "ended";

/**
 * A seat-gated write of a signed-in person: `run` in a transaction that first passes the seat
 * fence; without a live seat, one is taken as the rules allow (takeSeatForWrite: refused while
 * an administrator's release is not acknowledged, or the pool is full) and the fence is tried
 * once more. The one way every browser write that needs a seat gets it: seatedProcedure
 * (requireSeat below) and route handlers (server/http/route-gate.ts, the console's uploads).
 */
export async function inSeatedWrite<R extends { ok: boolean }>(
  c: SeatWriter,
  run: (tx: Tx, leaseId: bigint) => Promise<R>,
): Promise<R> {
  const once = () => inSeatFence(c.rootDb, c.session.user.id, run);
  try {
    return await once();
  } catch (error) {
    if (!isSeatEnded(error)) throw error;
    await takeSeatForWrite(c);
    return await once();
  }
}

/** Runs the procedure in a transaction that first passes the seat fence (inSeatedWrite). */
export const requireSeat = middleware(({ ctx, next }) => {
  const c = ctx as AgentContext;
  return inSeatedWrite(c, (tx, leaseId) => next({ ctx: { db: tx, leaseId } }));
});
