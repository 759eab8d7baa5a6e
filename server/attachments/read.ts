import "server-only";
import type { Prisma } from "../db/client";
import type { DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import { isAgentRole, type TicketViewer } from "../tickets/actor";
import { attachmentSelect } from "./attach";
import type { AttachmentStore } from "./store";

/*
 * Who sees an attachment: the same rules as reading the ticket (server/tickets/get-ticket.ts).
 * Agents and administrators see every file (reading needs no seat). Anyone else sees the files
 * of their own tickets only, and of those only the ones on the ticket itself or on a public
 * reply: a file on an internal note is as hidden as the note. Anything else is "not found".
 */
export function visibleAttachmentsWhere(viewer: TicketViewer): Prisma.TicketAttachmentWhereInput {
  if (isAgentRole(viewer.role)) return {};
  return { ticket: { requesterId: viewer.id }, OR: [{ commentId: null }, { comment: { internal: false } }] };
}

/** The files of one ticket that the viewer may see, oldest first. */
export async function listTicketAttachments(db: DbOrTx, viewer: TicketViewer, ticketId: string) {
  return db.ticketAttachment.findMany({
    where: { AND: [{ ticketId }, visibleAttachmentsWhere(viewer)] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: attachmentSelect,
  });
}

export type TicketAttachmentView = Awaited<ReturnType<typeof listTicketAttachments>>[number];

const notFound = () => new AppError("NOT_FOUND", "This file was not found among the files you can see.");

/** One file for download: its metadata and its bytes, or NOT_FOUND for anyone not allowed. */
export async function openAttachment(db: DbOrTx, viewer: TicketViewer, attachmentId: string, store: AttachmentStore) {
  const attachment = await db.ticketAttachment.findFirst({
    where: { AND: [{ id: attachmentId }, visibleAttachmentsWhere(viewer)] },
    select: { id: true, fileName: true, contentType: true, sizeBytes: true, storageKey: true },
  });
  if (!attachment) throw notFound();
  const body = await store.get(attachment.storageKey);
  if (!body)
    throw new AppError(
      "NOT_FOUND",
      `The file ${attachment.fileName} is missing from storage. Ask the service desk to attach it again.`,
    );
  return { ...attachment, body };
}
