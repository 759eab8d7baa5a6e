import "server-only";
import type { DbOrTx } from "../db/transaction";
import { listTicketAttachments } from "../attachments/read";
import { getTicketForViewer } from "./get-ticket";
import type { TicketViewer } from "./actor";

/**
 * The portal reads with a requester's eyes whatever the reader's role: an agent or administrator
 * using the portal sees only their own tickets there, and only the public conversation (their
 * console shows them the rest). So the viewer is the person as an end user.
 */
export const portalViewer = (user: { id: string }): TicketViewer => ({ id: user.id, role: "END_USER" });

/**
 * One ticket in the portal: the requester's own (anyone else's is NOT_FOUND), its public replies
 * and the files the requester may see, each reply with its own files.
 */
export async function getPortalTicket(db: DbOrTx, user: { id: string }, ref: string) {
  const viewer = portalViewer(user);
  const ticket = await getTicketForViewer(db, viewer, ref);
  const attachments = await listTicketAttachments(db, viewer, ticket.id);
  // A requester's view has no history or links (get-ticket leaves them empty for end users).
  return {
    ...ticket,
    attachments: attachments.filter((a) => a.commentId === null),
    comments: ticket.comments.map((c) => ({ ...c, attachments: attachments.filter((a) => a.commentId === c.id) })),
  };
}

export type PortalTicketView = Awaited<ReturnType<typeof getPortalTicket>>;
