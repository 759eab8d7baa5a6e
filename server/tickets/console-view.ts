import "server-only";
import type { DbOrTx } from "../db/transaction";
import { agentExtras, findTicketForViewer } from "./get-ticket";
import { isAgentRole, type TicketViewer } from "./actor";
import { slaState } from "./sla-state";
import { ticketSlaTarget } from "../../lib/tickets/sla-clock";
import { listTicketAttachments } from "../attachments/read";

/**
 * A ticket as the console's workspace shows it: everything getTicketForViewer gives an agent
 * (internal notes, history, links), plus its files (each reply's with the reply), the
 * requester's email, the SLA due times with their state, the ticket's targets and the
 * database clock (so the clocks count from the server's time, not the browser's).
 * Reading needs no seat.
 */
export async function getConsoleTicket(db: DbOrTx, viewer: TicketViewer, ref: string) {
  const found = await findTicketForViewer(db, viewer, ref);
  // Everything else in one parallel round: history, links, due times, clock, target, files.
  const [extras, extra, clock, target, attachments] = await Promise.all([
    isAgentRole(viewer.role) ? agentExtras(db, found.id) : { history: [], links: [] },
    db.ticket.findUniqueOrThrow({
      where: { id: found.id },
      select: {
        responseDueAt: true,
        resolutionDueAt: true,
        slaResponseMinutes: true,
        slaResolutionMinutes: true,
        slaAroundTheClock: true,
        requester: { select: { email: true } },
      },
    }),
    db.$queryRaw<{ now: Date }[]>`select now() as now`,
    db.slaTarget.findUnique({
      where: { priority: found.priority },
      select: { responseMinutes: true, resolutionMinutes: true, aroundTheClock: true },
    }),
    listTicketAttachments(db, viewer, found.id),
  ]);
  const ticket = { ...found, ...extras };
  const now = clock[0]!.now;
  const sla = slaState({ ...ticket, ...extra }, now);
  return {
    ...ticket,
    requester: { ...ticket.requester, email: extra.requester.email },
    // Files on the ticket itself; those of a reply or note come with it (as visible as it is).
    attachments: attachments.filter((a) => a.commentId === null),
    comments: ticket.comments.map((c) => ({ ...c, attachments: attachments.filter((a) => a.commentId === c.id) })),
    responseDueAt: extra.responseDueAt,
    resolutionDueAt: extra.resolutionDueAt,
    // The targets the ticket runs under (kept from its opening or last priority change), else today's.
    sla: { state: sla.state, dueAt: sla.dueAt, now, target: ticketSlaTarget(extra) ?? target },
  };
}

export type ConsoleTicket = Awaited<ReturnType<typeof getConsoleTicket>>;
