import "server-only";
import type { DbOrTx } from "../db/transaction";
import { listInboundInput, listOutboxInput, type ListInboundInput, type ListOutboxInput } from "@/lib/validation/mail";

/*
 * What administrators read at /admin/mail: the outbox (with nothing configured, everything that
 * would have been sent) and every mail received with what became of it. Newest first, a page at
 * a time by id (the (status, id desc) indexes serve a filtered page).
 */

export async function listOutbox(db: DbOrTx, rawInput: ListOutboxInput = {}) {
  const input = listOutboxInput.parse(rawInput);
  const rows = await db.mailOutbox.findMany({
    where: {
      ...(input.status ? { status: input.status } : {}),
      ...(input.cursor ? { id: { lt: BigInt(input.cursor) } } : {}),
    },
    orderBy: { id: "desc" },
    take: input.limit + 1,
    select: {
      id: true,
      createdAt: true,
      toAddress: true,
      subject: true,
      textBody: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      sentAt: true,
      lastError: true,
    },
  });
  const items = rows.slice(0, input.limit).map((r) => ({ ...r, id: r.id.toString() }));
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.id : null };
}

export async function listInbound(db: DbOrTx, rawInput: ListInboundInput = {}) {
  const input = listInboundInput.parse(rawInput);
  const rows = await db.mailInbound.findMany({
    where: {
      ...(input.status ? { status: input.status } : {}),
      ...(input.cursor ? { id: { lt: BigInt(input.cursor) } } : {}),
    },
    orderBy: { id: "desc" },
    take: input.limit + 1,
    select: {
      id: true,
      receivedAt: true,
      via: true,
      fromAddress: true,
      subject: true,
      sizeBytes: true,
      status: true,
      reason: true,
      ticketId: true,
    },
  });
  const items = rows.slice(0, input.limit).map((r) => ({ ...r, id: r.id.toString() }));
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.id : null };
}
