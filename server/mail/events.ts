import "server-only";
import { Prisma } from "../db/generated/client";
import { runnerFor, type SqlTarget } from "../db/sql";

/*
 * The transactional half of the outbox: what happened, written by the change itself in its own
 * transaction (the ticket write functions call recordMailEvent once each). If the change rolls
 * back, so does the event; if it commits, the event is there for the mail job
 * (server/mail/expand.ts), which decides who is told, by preference, and folds.
 */

export type MailEventInput =
  | {
      kind: "ticket.created";
      ticketId: string;
      actorId: string;
      /** As created: who hears of it is decided by these, not by what the ticket became since. */
      data: { groupId: string | null; assigneeId: string | null };
    }
  | { kind: "ticket.commented"; ticketId: string; actorId: string; commentId: string }
  | {
      kind: "ticket.updated";
      ticketId: string;
      /** Null for the system (auto-close). */
      actorId: string | null;
      /** Only what changed: the new status, assignee, group; a note written with the change. */
      data: { status?: string; assigneeId?: string | null; groupId?: string | null; commentId?: string };
    }
  | { kind: "approval.requested"; ticketId: string; actorId: string | null; approverIds: string[] }
  | { kind: "seat.reserved"; userId: string; pool: string; until: Date }
  | { kind: "seat.ended"; userId: string; actorId: string | null; reason: string };

/** The insert, for a caller that sends it with other statements in one round trip. */
export function mailEventSql(event: MailEventInput): Prisma.Sql {
  const { kind, ...rest } = event;
  const ticketId = "ticketId" in rest ? rest.ticketId : null;
  const actorId = "actorId" in rest ? rest.actorId : null;
  // The facts beyond ticket and actor, flat: { commentId }, { status, assigneeId }, { userId, reason }, ...
  const facts: Record<string, unknown> = { ...rest, ...("data" in rest ? rest.data : {}) };
  for (const key of ["ticketId", "actorId", "data"]) delete facts[key];
  const data = JSON.stringify(facts);
  return Prisma.sql`
    insert into "MailEvent" ("kind", "ticketId", "actorId", "data")
    values (${kind}, ${ticketId}, ${actorId}, ${data}::jsonb)`;
}

/** Records that something happened that people may need mail about, in the caller's transaction. */
export async function recordMailEvent(target: SqlTarget, event: MailEventInput): Promise<void> {
  await runnerFor(target).execute(mailEventSql(event));
}

/**
 * The seam for change approvals: call this in the transaction that asks for an approval, and each
 * approver is mailed (preferences aside: an approval request always goes out).
 */
export function recordApprovalRequestedMail(
  target: SqlTarget,
  request: { ticketId: string; requestedById: string | null; approverIds: string[] },
): Promise<void> {
  return recordMailEvent(target, {
    kind: "approval.requested",
    ticketId: request.ticketId,
    actorId: request.requestedById,
    approverIds: request.approverIds,
  });
}

/** From a ticket update's written fields, what mail cares about: new status, assignee, group, the note. */
export function mailWorthy(
  written: { status?: unknown; assigneeId?: unknown; groupId?: unknown },
  commentId: string | undefined,
): Extract<MailEventInput, { kind: "ticket.updated" }>["data"] {
  const data: Extract<MailEventInput, { kind: "ticket.updated" }>["data"] = {};
  if (typeof written.status === "string") data.status = written.status;
  if (typeof written.assigneeId === "string" || written.assigneeId === null) data.assigneeId = written.assigneeId;
  if (typeof written.groupId === "string" || written.groupId === null) data.groupId = written.groupId;
  if (commentId) data.commentId = commentId;
  return data;
}
