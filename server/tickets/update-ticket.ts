import "server-only";
import { inTransaction, type DbOrTx, type Tx } from "../db/transaction";
import { assertMayWorkTicketType } from "../licensing/modules/ticket-modules";
import { AppError } from "../errors";
import { mailWorthy, recordMailEvent } from "../mail/events";
import { updateTicketInput, type UpdateTicketInput } from "@/lib/validation/tickets";
import { assertConsoleActor, type TicketActor } from "./actor";
import { displayNumber, ticketNotFound } from "./ticket-ref";
import { planAgentChanges, planRequesterChanges, type CurrentTicket } from "./plan-changes";
import { dueTimeChanges, slaClockSelect } from "./sla/due-times";
import { recordApiStamp, stampedBody } from "./api-stamp";
import { enqueueTicketEvent } from "../webhooks/outbox";

const FIELD_LABEL: Record<string, string> = {
  assignee: "assignee",
  group: "group",
  category: "category",
  impact: "impact",
  urgency: "urgency",
  priority: "priority",
  status: "status",
  title: "title",
  description: "description",
};

export type StaleEditDetails = {
  currentVersion: number;
  changes: {
    version: number;
    field: string;
    fromValue: string | null;
    toValue: string | null;
    at: Date;
    by: { id: string; name: string } | null;
  }[]; // by: null for the system (auto-close)
};

/**
 * Changes a ticket. Optimistic concurrency: the editor names the version they saw, and if
 * someone saved since, the edit is refused with CONFLICT and what changed since, by whom, so
 * nobody's save is silently overwritten. The row is locked for the check and the write.
 * Each changed field gets a TicketHistory row. Escalating away from the Service Desk needs a
 * note, kept as an internal work note (a requester's note is a public reply).
 */
export async function updateTicket(
  db: DbOrTx,
  actor: TicketActor,
  rawInput: UpdateTicketInput,
): Promise<{ id: string; version: number; changed: string[] }> {
  assertConsoleActor(actor);
  const input = updateTicketInput.parse(rawInput);
  return inTransaction(db, async (tx) => {
    const locked = await tx.$queryRaw<
      { now: Date }[]
    >`select now() as now from "Ticket" where "id" = ${input.id} for no key update`;
    const ticket = locked.length
      ? await tx.ticket.findUnique({ where: { id: input.id }, select: currentSelect })
      : null;
    if (!ticket || (actor.via === "portal" && ticket.requesterId !== actor.id)) throw ticketNotFound(input.id);
    await assertMayWorkTicketType(tx, actor, ticket.type);
    const now = locked[0]!.now;
    if (ticket.version !== input.expectedVersion) throw await staleEdit(tx, ticket, input.expectedVersion);

    const plan =
      actor.via === "console"
        ? await planAgentChanges(tx, ticket, input.changes, now)
        : planRequesterChanges(ticket, input.changes, now, await autoCloseDays(tx));
    const note = input.note?.trim();
    if (plan.escalatedTo && !note) {
      throw new AppError(
        "BAD_REQUEST",
        `Say why ${displayNumber(ticket)} goes to ${plan.escalatedTo.name}: the note is kept as an internal work note.`,
        undefined,
        "note",
      );
    }
    if (plan.history.length === 0 && !note) return { id: ticket.id, version: ticket.version, changed: [] };

    const version = plan.history.length ? ticket.version + 1 : ticket.version;
    // The SLA clocks follow the status and priority: Pending pauses them, a priority change recomputes them.
    const next = {
      status: typeof plan.data.status === "string" ? plan.data.status : ticket.status,
      priority: typeof plan.data.priority === "string" ? plan.data.priority : ticket.priority,
    };
    const due = await dueTimeChanges(tx, ticket, next, now);
    await tx.ticket.update({ where: { id: ticket.id }, data: { ...plan.data, ...due, version, updatedAt: now } });
    if (plan.history.length) {
      await tx.ticketHistory.createMany({
        data: plan.history.map((h) => ({ ...h, ticketId: ticket.id, actorId: actor.id, version, at: now })),
      });
    }
    const noteComment = note
      ? await tx.ticketComment.create({
          data: {
            ticketId: ticket.id,
            authorId: actor.id,
            body: stampedBody(note, actor),
            internal: actor.via === "console",
            createdAt: now,
          },
          select: { id: true },
        })
      : null;
    await recordMailEvent(tx, {
      kind: "ticket.updated",
      ticketId: ticket.id,
      actorId: actor.id,
      data: mailWorthy(plan.data, noteComment?.id),
    });
    const changed = plan.history.map((h) => h.field);
    const what = changed.length ? `changed ${changed.join(", ")}` : "wrote a note";
    await recordApiStamp(tx, actor, { ticketId: ticket.id, version, what, at: now });
    await enqueueTicketEvent(
      tx,
      next.status === "RESOLVED" && changed.includes("status") ? "TICKET_RESOLVED" : "TICKET_UPDATED",
      {
        id: ticket.id,
        displayNumber: displayNumber(ticket),
      },
      { data: { version, changes: plan.history.map((h) => ({ field: h.field, from: h.fromValue, to: h.toValue })) } },
    );
    return { id: ticket.id, version, changed };
  });
}

const currentSelect = {
  ...slaClockSelect, // what the SLA clocks need (some of it also below)
  id: true,
  type: true,
  number: true,
  version: true,
  requesterId: true,
  title: true,
  description: true,
  status: true,
  impact: true,
  urgency: true,
  priority: true,
  resolvedAt: true,
  closedAt: true,
  pendingSince: true,
  pausedSeconds: true,
  createdAt: true,
  firstRespondedAt: true,
  responseDueAt: true,
  resolutionDueAt: true,
  category: { select: { id: true, name: true } },
  group: { select: { id: true, name: true } },
  assignee: { select: { id: true, name: true } },
} as const;

async function autoCloseDays(tx: Tx): Promise<number> {
  return (
    (await tx.ticketSettings.findUnique({ where: { id: 1 }, select: { autoCloseDays: true } }))?.autoCloseDays ?? 7
  );
}

/** CONFLICT naming every change since the version the editor saw, and who made it. */
async function staleEdit(
  tx: Tx,
  ticket: CurrentTicket & { type: Parameters<typeof displayNumber>[0]["type"]; number: number; version: number },
  seen: number,
): Promise<AppError<StaleEditDetails>> {
  const rows = await tx.ticketHistory.findMany({
    where: { ticketId: ticket.id, version: { gt: seen }, field: { not: "via" } },
    orderBy: [{ version: "asc" }, { id: "asc" }],
    select: {
      version: true,
      field: true,
      fromValue: true,
      toValue: true,
      at: true,
      actor: { select: { id: true, name: true } },
    },
  });
  const changes = rows.map(({ actor, ...r }) => ({ ...r, by: actor }));
  const fields = [...new Set(changes.map((c) => FIELD_LABEL[c.field] ?? c.field))];
  const people = [...new Set(changes.map((c) => c.by?.name ?? "seatdesk (automatic)"))];
  const what = fields.length ? `${fields.join(", ")} changed by ${people.join(" and ")}` : "it changed";
  return new AppError(
    "CONFLICT",
    `${displayNumber(ticket)} was saved by someone else since you opened it (${what}). Review their ` +
      `changes, then save yours again.`,
    { currentVersion: ticket.version, changes },
  );
}
