import "server-only";
import type { DbOrTx } from "../db/transaction";
import { displayNumber, ticketNotFound, ticketRefWhere } from "./ticket-ref";
import { isAgentRole, type TicketViewer } from "./actor";

const person = { select: { id: true, name: true } } as const;

/**
 * One ticket for the person looking at it. End users get only their own tickets (anyone else's
 * is NOT_FOUND, so its existence is not revealed) and only public replies: the query itself
 * leaves internal notes out, so they never leave the server. Agents and administrators get
 * everything, with the history and links, and need no seat to read.
 */
export async function getTicketForViewer(db: DbOrTx, viewer: TicketViewer, ref: string) {
  const ticket = await findTicketForViewer(db, viewer, ref);
  const extras = isAgentRole(viewer.role) ? await agentExtras(db, ticket.id) : { history: [], links: [] };
  return { ...ticket, ...extras };
}

export type TicketView = Awaited<ReturnType<typeof getTicketForViewer>>;

/** The ticket and its comments as the viewer may see them, without an agent's history and links. */
export async function findTicketForViewer(db: DbOrTx, viewer: TicketViewer, ref: string) {
  const agent = isAgentRole(viewer.role);
  const ticket = await db.ticket.findUnique({
    where: ticketRefWhere(ref),
    select: {
      id: true,
      type: true,
      number: true,
      title: true,
      description: true,
      status: true,
      priority: true,
      impact: true,
      urgency: true,
      version: true,
      createdAt: true,
      updatedAt: true,
      firstRespondedAt: true,
      resolvedAt: true,
      closedAt: true,
      pendingSince: true,
      pausedSeconds: true,
      requesterId: true,
      requester: person,
      assignee: person,
      group: { select: { id: true, name: true } },
      category: { select: { id: true, name: true } },
      comments: {
        where: agent ? {} : { internal: false },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, body: true, internal: true, createdAt: true, author: person },
      },
    },
  });
  if (!ticket || (!agent && ticket.requesterId !== viewer.id)) throw ticketNotFound(ref);
  return { ...ticket, displayNumber: displayNumber(ticket) };
}

/** An agent's extras: the ticket's history and links, both ways. */
export async function agentExtras(db: DbOrTx, ticketId: string) {
  const linked = { select: { id: true, type: true, number: true, title: true, status: true } } as const;
  const [history, linksFrom, linksTo] = await Promise.all([
    db.ticketHistory.findMany({
      where: { ticketId },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      select: { id: true, version: true, field: true, fromValue: true, toValue: true, at: true, actor: person },
    }),
    db.ticketLink.findMany({ where: { fromId: ticketId }, select: { id: true, to: linked } }),
    db.ticketLink.findMany({ where: { toId: ticketId }, select: { id: true, from: linked } }),
  ]);
  const show = (t: {
    id: string;
    type: Parameters<typeof displayNumber>[0]["type"];
    number: number;
    title: string;
    status: string;
  }) => ({ ...t, displayNumber: displayNumber(t) });
  return {
    history: history.map((h) => ({ ...h, id: h.id.toString() })),
    links: [
      ...linksFrom.map((l) => ({ id: l.id, direction: "to" as const, ticket: show(l.to) })),
      ...linksTo.map((l) => ({ id: l.id, direction: "from" as const, ticket: show(l.from) })),
    ],
  };
}
