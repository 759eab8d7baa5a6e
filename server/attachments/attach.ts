import "server-only";
import type { Db } from "../db/client";
import { inTransaction, type Tx } from "../db/transaction";
import { AppError, isAppError } from "../errors";
import { assertLiveLease } from "../licensing/fence";
import { seatTiming } from "../licensing/timing";
import { assertConsoleActor, type TicketActor } from "../tickets/actor";
import { ticketNotFound, ticketRefWhere } from "../tickets/ticket-ref";
import { checkContent, checkFileName } from "./rules";
import type { AttachmentStore } from "./store";

/** A file as it arrives: its name and size as announced, its first bytes, and its content. */
export type IncomingFile = { name: string; size: number; head: Uint8Array; stream: () => ReadableStream<Uint8Array> };

export type AttachInput = { ticketRef: string; commentId?: string | null; file: IncomingFile };

export const attachmentSelect = {
  id: true,
  ticketId: true,
  commentId: true,
  fileName: true,
  contentType: true,
  sizeBytes: true,
  createdAt: true,
  uploader: { select: { id: true, name: true } },
} as const;

/**
 * Attaches a file to a ticket, or to one of its replies or notes. Who sees the file follows
 * what it is attached to: a file on an internal note is as hidden from the requester as the
 * note; a file on the ticket itself or on a public reply is seen by the requester.
 * - Through the portal (anyone, agents included, with a requester's powers): only to one's own
 *   ticket, on the ticket or on one's own public reply.
 * - Through the console (agents and administrators): any ticket, on the ticket or on one's own
 *   reply or note, and only while holding a live seat (checked as the seat fence in the same
 *   transaction as the row, like every console write).
 * Closed and cancelled tickets take no more files, as they take no more replies.
 * The bytes are stored first, then the row; if the row cannot be written the bytes are removed.
 */
export async function attachFile(
  db: Db,
  actor: TicketActor,
  input: AttachInput,
  options: {
    store: AttachmentStore;
    maxBytes: number;
    /**
     * The transaction the row is written in. The HTTP door passes a console upload's seat-gated
     * write (server/trpc/middleware/seat.ts, inSeatedWrite: a seat taken as for any console
     * change); by default a plain transaction, still fenced below.
     */
    write?: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  },
) {
  assertConsoleActor(actor);
  const ticket = await db.ticket.findUnique({
    where: ticketRefWhere(input.ticketRef),
    select: { id: true, requesterId: true },
  });
  if (!ticket || (actor.via === "portal" && ticket.requesterId !== actor.id)) throw ticketNotFound(input.ticketRef);
  if (input.commentId) await requireOwnComment(db, actor, ticket.id, input.commentId);

  const accepted = checkFileName(input.file.name, input.file.size, options.maxBytes);
  checkContent(accepted, input.file.head);
  const stored = await options.store.put(input.file.stream(), { maxBytes: options.maxBytes });
  try {
    const write = options.write ?? ((work) => inTransaction(db, work));
    return await write(async (tx) => {
      const rows = await tx.$queryRaw<{ status: string; now: Date }[]>`
        select "status"::text as status, now() as now from "Ticket" where "id" = ${ticket.id} for no key update`;
      const locked = rows[0];
      if (!locked) throw ticketNotFound(input.ticketRef);
      if (locked.status === "CLOSED" || locked.status === "CANCELLED") {
        throw new AppError(
          "BAD_REQUEST",
          `This ticket is ${locked.status === "CLOSED" ? "closed" : "cancelled"}, so no more files can be ` +
            `attached: open a new ticket and mention this one.`,
          undefined,
          "file",
        );
      }
      if (actor.via === "console") await seatFence(tx, actor.id);
      const attachment = await tx.ticketAttachment.create({
        data: {
          ticketId: ticket.id,
          commentId: input.commentId ?? null,
          uploaderId: actor.id,
          fileName: accepted.fileName,
          contentType: accepted.contentType,
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
          storageKey: stored.key,
          createdAt: locked.now,
        },
        select: attachmentSelect,
      });
      // The list's "last update" moves, as for a reply (the version does not: no field changed).
      await tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: locked.now } });
      return attachment;
    });
  } catch (error) {
    await options.store.delete(stored.key).catch(() => {});
    throw error;
  }
}

/** The console's seat fence, with a message about files (an upload is not a form to save again). */
async function seatFence(tx: Tx, userId: string): Promise<void> {
  try {
    await assertLiveLease(tx, userId, seatTiming());
  } catch (error) {
    if (!isAppError(error) || error.code !== "PRECONDITION_FAILED") throw error;
    throw new AppError(
      "PRECONDITION_FAILED",
      "Attaching a file in the console needs a seat, and you hold none right now. Take a seat, then " +
        "attach the file again.",
      error.details,
      "file",
    );
  }
}

/** A file goes on one's own reply or note, of this ticket; through the portal, a public one. */
async function requireOwnComment(db: Db, actor: TicketActor, ticketId: string, commentId: string): Promise<void> {
  const comment = await db.ticketComment.findUnique({
    where: { id: commentId },
    select: { ticketId: true, authorId: true, internal: true },
  });
  const visible = comment && comment.ticketId === ticketId && (actor.via === "console" || !comment.internal);
  if (!visible) throw new AppError("NOT_FOUND", "This reply was not found on this ticket.", undefined, "commentId");
  if (comment.authorId !== actor.id)
    throw new AppError(
      "FORBIDDEN",
      "Files go on your own replies: write a reply and attach the file to it.",
      undefined,
      "commentId",
    );
}
