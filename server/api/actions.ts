import "server-only";
import type { DbOrTx } from "../db/transaction";
import type { Db } from "../db/client";
import { auditedInput } from "../audit/admin-audit";
import { Prisma } from "../db/generated/client";
import { sqlOutsideTransaction } from "../db/sql";
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
  const { caller } = entry.api;
  await sqlOutsideTransaction(db).execute(Prisma.sql`
    insert into "ApiAction" ("accountId", "tokenId", "personId", "actingAs", action, outcome, "ticketId", "requestId")
    values (${caller.accountId}, ${caller.tokenId}, ${entry.person.id}, ${entry.actingAs}, ${entry.action},
      ${entry.outcome},
            ${entry.ticketId ?? null}, ${entry.requestId})`);
}

/** The audit log's row of a write made through the API: the person as actor, the account and token beside it. */
export async function auditApiWrite(
  db: Db,
  entry: { api: ApiRequest; person: ActedFor; stamp: string; action: string; input: unknown; requestId: string },
): Promise<void> {
  const input = auditedInput({
    via: entry.stamp,
    apiAccount: entry.api.caller.accountName,
    apiAccountId: entry.api.caller.accountId,
    credential: entry.api.caller.tokenId,
    onBehalfOf: entry.api.onBehalfOf,
    input: entry.input,
  });
  // The same row recordAdminAudit writes, as one prepared statement on `pg` (a program's every write).
  await sqlOutsideTransaction(db).execute(Prisma.sql`
    insert into "AdminAuditEvent" ("actorId", action, input, "requestId")
    values (${entry.person.id}, ${entry.action}, ${JSON.stringify(input)}::jsonb, ${entry.requestId})`);
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
