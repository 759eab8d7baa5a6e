import "server-only";
import type { DbOrTx } from "../db/transaction";
import { auditedInputJson } from "../audit/admin-audit";
import { Prisma } from "../db/generated/client";
import { sqlOutsideTransaction } from "../db/sql";
import type { ApiRequest } from "./caller";
import type { ActedFor } from "./on-behalf-of";

/*
 * What a program did for whom: every write through a token (in the same transaction as the
 * write, so no change exists without the person it was made for: ../shared/licensing.md,
 * invariant 6) and every agent action refused for want of a seat or license. The multiplexing
 * report reads these rows. Each write is also kept in the administrators' audit log (area "api"),
 * written with its ApiAction row.
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

type WriteRecord = {
  api: ApiRequest;
  person: ActedFor;
  actingAs: ActingAs;
  stamp: string;
  action: string;
  input: unknown;
  ticketId: string | null;
  requestId: string;
};

/**
 * A write's two records as the common table expressions of a statement: its ApiAction row (outcome
 * DONE) and the audit log's row (the person as actor, the account and token beside it, as
 * recordAdminAudit would write it). A creation sends them in its own insert statement
 * (server/tickets/api-stamp.ts: writeAlongside); apiWriteRecordSql makes them a statement of their own.
 */
export function apiWriteRecordCtes(entry: WriteRecord): Prisma.Sql {
  const { caller } = entry.api;
  const audited = auditedInputJson({
    via: entry.stamp,
    apiAccount: caller.accountName,
    apiAccountId: caller.accountId,
    credential: caller.tokenId,
    onBehalfOf: entry.api.onBehalfOf,
    input: entry.input,
  });
  return Prisma.sql`api_action as (
      insert into "ApiAction" ("accountId", "tokenId", "personId", "actingAs", action, outcome, "ticketId", "requestId")
      values (${caller.accountId}, ${caller.tokenId}, ${entry.person.id}, ${entry.actingAs}, ${entry.action},
              'DONE', ${entry.ticketId}::text, ${entry.requestId})),
    api_audit as (
      insert into "AdminAuditEvent" ("actorId", action, input, "requestId")
      values (${entry.person.id}, ${entry.action}, ${audited}::jsonb, ${entry.requestId}))`;
}

/** A write's records (apiWriteRecordCtes) in one statement, for a write that did not send them itself. */
export function apiWriteRecordSql(entry: WriteRecord): Prisma.Sql {
  return Prisma.sql`with ${apiWriteRecordCtes(entry)} select 1`;
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
