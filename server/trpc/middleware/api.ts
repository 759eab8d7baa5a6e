import "server-only";
import { TRPCError } from "@trpc/server";
import { middleware } from "../init";
import type { Context } from "../context";
import type { DbOrTx } from "../../db/transaction";
import { AppError } from "../../errors";
import type { ApiRequest } from "../../api/caller";
import { resolveOnBehalfOf, stampFor, type ActedFor } from "../../api/on-behalf-of";
import { apiWriteRecordCtes, apiWriteRecordSql, recordApiAction, ticketIdOf, type ActingAs } from "../../api/actions";
import { sqlOutsideTransaction } from "../../db/sql";
import { untakenAlongside, writeAlongside } from "../../tickets/api-stamp";
import type { TicketActor } from "../../tickets/actor";
import { isAgentRole, mayEnter } from "@/lib/auth/roles";
import { checkoutSeat, refusalMessage } from "../../licensing/checkout";
import { API_SCOPE_LABEL, type ApiScopeValue } from "@/lib/validation/api-accounts";
import { inProcedureTransaction, inSeatFence, isSeatEnded } from "./seat";

/*
 * The API for programs (/api/v1) in the request path. The HTTP gate (server/api/gate.ts) has
 * already accepted the token (not expired, not revoked, within its per-minute limit) and put it
 * in ctx.api; these middlewares decide what it may do:
 * - requireApiToken(scope): only programs with a token (a browser session is refused: FORBIDDEN),
 *   and the token's scopes; none of them reaches administration or licenses;
 * - actForRequester / actForAgent: every write names the person it acts for (On-Behalf-Of) and
 *   is stamped with the account and the person in the change's own transaction; its ApiAction
 *   row follows it (in the same transaction for agents, who write inside the seat fence's).
 *   Acting for an agent takes that agent's seat exactly as their browser would (checkoutSeat: a
 *   named agent always, a pool member only while a seat is free) and writes through the same
 *   seat fence as the console (inSeatFence): ../shared/licensing.md, "Integrations never multiplex".
 */

type ApiContext = Context & { api: ApiRequest };

/**
 * Only programs with a token (a browser session is refused), and, given a scope, only a token
 * that has it: one middleware for both, as each layer of tRPC's middleware chain copies the
 * call's options and context again (a cost on a program's busiest calls).
 */
export function requireApiToken(scope?: ApiScopeValue) {
  return middleware(({ ctx, next }) => {
    if (!ctx.api)
      throw new TRPCError(
        ctx.session
          ? { code: "FORBIDDEN", message: "This is the API for programs: call /api/v1 with an API token." }
          : { code: "UNAUTHORIZED", message: "Send an API token: Authorization: Bearer sdk_…" },
      );
    if (scope && !ctx.api.caller.scopes.includes(scope))
      throw new TRPCError({
        code: "FORBIDDEN",
        message:
          `This token may not do this: it lacks the scope ${scope} ("${API_SCOPE_LABEL[scope]}"). ` +
          `Ask an administrator for a token with it.`,
      });
    // tRPC merges what is given here into the context: only the narrowed `api` is passed.
    return next({ ctx: { api: ctx.api } });
  });
}

/** What a write acting for someone gets in its context. */
export type ActingContext = { actor: TicketActor; person: ActedFor };

/** Acting for a requester (an end user, or anyone raising a ticket for themselves): no seat, as in the portal. */
export const actForRequester = middleware(async ({ ctx, next, path, getRawInput }) => {
  const c = ctx as ApiContext;
  const person = await resolveOnBehalfOf(c.rootDb, c.api.onBehalfOf, c.api.onBehalfOfPerson);
  if (!mayEnter("portal", person.role))
    throw new AppError("UNPROCESSABLE_CONTENT", `${person.name} is a report viewer and raises no tickets.`);
  const stamp = stampFor(c.api.caller.accountName, person);
  const actor: TicketActor = { id: person.id, role: person.role, via: "portal", stamp };
  const input = await getRawInput();
  const record = recorder(c, person, "END_USER", stamp, path, input);
  // The domain writes its stamp with the change itself (the creation's own statement, a reply's
  // own transaction), so no outer transaction is needed: the lean path for a program's busiest
  // call. A creation also sends the write's records with its insert (writeAlongside); other
  // writes have them written right after. With an Idempotency-Key the key's row needs an outer
  // transaction (server/api/idempotency.ts), which the records join.
  writeAlongside(actor, (ticketId) =>
    apiWriteRecordCtes({
      api: c.api,
      person,
      actingAs: "END_USER",
      stamp,
      action: path,
      input,
      ticketId,
      requestId: c.requestId,
    }),
  );
  const recordUntaken = async (db: DbOrTx, data: unknown) => {
    if (untakenAlongside(actor)) await sqlOutsideTransaction(db).execute(record(ticketIdOf(data, input)));
  };
  return c.api.idempotencyKey
    ? await inProcedureTransaction(c.rootDb, async (tx) => {
        const r = await next({ ctx: { db: tx, actor, person } });
        if (r.ok) await recordUntaken(tx, r.data);
        return r;
      })
    : await next({ ctx: { db: c.rootDb, actor, person } }).then(async (r) => {
        if (r.ok) await recordUntaken(c.rootDb, r.data);
        return r;
      });
});

/**
 * Acting for an agent: the person must hold an agent's role and seat license, and gets a live
 * seat for this change exactly as their own console would: else 409 with the pool's numbers in
 * the console's words (or 403 without a license), recorded for the multiplexing report.
 */
export const actForAgent = middleware(async ({ ctx, next, path, getRawInput }) => {
  const c = ctx as ApiContext;
  const person = await resolveOnBehalfOf(c.rootDb, c.api.onBehalfOf, c.api.onBehalfOfPerson);
  const stamp = stampFor(c.api.caller.accountName, person);
  const refuse = async (outcome: "NO_SEAT" | "UNLICENSED", error: AppError) => {
    await recordApiAction(c.rootDb, {
      api: c.api,
      person,
      actingAs: "AGENT",
      action: path,
      outcome,
      ticketId: ticketIdOf(null, await getRawInput()),
      requestId: c.requestId,
    });
    throw error;
  };
  if (!isAgentRole(person.role))
    await refuse(
      "UNLICENSED",
      new AppError(
        "FORBIDDEN",
        `${person.name} is not an agent: a program can act as an agent only for a person with an agent's seat license.`,
        { seat: "unlicensed" },
      ),
    );
  const takeSeat = async () => {
    const seat = await checkoutSeat(c.rootDb, { userId: person.id, requestId: c.requestId, via: stamp });
    if (seat.status === "refused")
      await refuse(
        "NO_SEAT",
        new AppError("CONFLICT", `${refusalMessage(seat)} Nothing was changed for ${person.name}.`, {
          seat: "refused",
          pool: { name: seat.pool.name, size: seat.pool.size, inUse: seat.pool.inUse, reserved: seat.pool.reserved },
          nextFreeAtLatest: seat.nextFreeAtLatest,
        }),
      );
    else if (seat.status === "unlicensed")
      await refuse(
        "UNLICENSED",
        new AppError(
          "FORBIDDEN",
          `${person.name} has no seat license, so no program can change tickets for them. An ` +
            `administrator can give them a named seat or a place in a pool.`,
          { seat: "unlicensed" },
        ),
      );
    else if (seat.status === "disabled")
      throw new AppError("UNPROCESSABLE_CONTENT", `${person.name} is disabled: nothing was changed.`);
  };
  const actor: TicketActor = { id: person.id, role: person.role, via: "console", stamp };
  const input = await getRawInput();
  const record = recorder(c, person, "AGENT", stamp, path, input);
  // The write's records (ApiAction and audit) commit with it, in the seat fence's transaction.
  const run = () =>
    inSeatFence(c.rootDb, person.id, async (tx) => {
      const r = await next({ ctx: { db: tx, actor, person } });
      if (r.ok) await sqlOutsideTransaction(tx).execute(record(ticketIdOf(r.data, input)));
      return r;
    });
  await takeSeat();
  let result: Awaited<ReturnType<typeof run>>;
  try {
    result = await run();
  } catch (error) {
    // The seat ended between the checkout and the write (an administrator, the sweep): ask again, once.
    if (!isSeatEnded(error)) throw error;
    await takeSeat();
    result = await run();
  }
  return result;
});

/** The statement of a write's records (ApiAction and audit rows), given the ticket it concerned. */
function recorder(c: ApiContext, person: ActedFor, actingAs: ActingAs, stamp: string, path: string, input: unknown) {
  return (ticketId: string | null) =>
    apiWriteRecordSql({ api: c.api, person, actingAs, stamp, action: path, input, ticketId, requestId: c.requestId });
}
