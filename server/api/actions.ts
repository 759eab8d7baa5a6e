import "server-only";
import type { DbOrTx } from "../db/transaction";
import type { Db } from "../db/client";
import { recordAdminAudit } from "../admin/audit";
import type { ApiRequest } from "./caller";
import type { ActedFor } from "./on-behalf-of";

/*
 * What a program did for whom: every write through a token (in the same transaction as the
 * write, so no change exists without the person it was made for: ../shared/licensing.md,
 * invariant 6) and every agent action refused for want of a seat or license. The multiplexing
 * report reads these rows. Each write is also kept in the administrators' audit log (area "api").
 */

export type ActingAs = "END_USER" | "AGENT";
export type ApiOutcome = "DONE" | "NO_SEAT" | "UNLICENSED";

export async function recordApiAction(
  db: DbOrTx,
  entry: {
    api: ApiRequest;
    person: Pick<ActedFor, "id">;
    actingAs: ActingAs;
    action: string;
    outcome: ApiOutcome;
    ticketId?: string | null;
    requestId: string;
  },
): Promise<void> {
  await db.apiAction.create({
    data: {
      accountId: entry.api.caller.accountId,
      tokenId: entry.api.caller.tokenId,
      personId: entry.person.id,
      actingAs: entry.actingAs,
      action: entry.action,
      outcome: entry.outcome,
      ticketId: entry.ticketId ?? null,
      requestId: entry.requestId,
    },
  });
}

/** The audit log's row of a write made through the API: the person as actor, the account and token beside it. */
export async function auditApiWrite(
  db: Db,
  entry: { api: ApiRequest; person: ActedFor; stamp: string; action: string; input: unknown; requestId: string },
): Promise<void> {
  await recordAdminAudit(db, {
    actorId: entry.person.id,
    action: entry.action,
    input: {
      via: entry.stamp,
      apiAccount: entry.api.caller.accountName,
      apiAccountId: entry.api.caller.accountId,
      credential: entry.api.caller.tokenId,
      onBehalfOf: entry.api.onBehalfOf,
      input: entry.input,
    },
    requestId: entry.requestId,
  });
}

/** The ticket a write concerned: its result's or its input's id. */
export function ticketIdOf(data: unknown, input: unknown): string | null {
  for (const source of [data, input]) {
    if (source && typeof source === "object") {
      const s = source as { ticketId?: unknown; id?: unknown };
      if (typeof s.ticketId === "string") return s.ticketId;
      if (typeof s.id === "string") return s.id;
    }
  }
  return null;
}
