import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "../db/transaction";
import { Prisma } from "../db/generated/client";
import type { MailConfig } from "./config";
import { replyAddressFor } from "./reply-address";
import { renderMail, type MailItem } from "./templates";
import { parseTicketNumber } from "@/lib/validation/tickets";

export type Delivery = {
  recipientId: string | null;
  toAddress: string;
  item: MailItem;
};

type OutboxConfig = Pick<MailConfig, "publicUrl" | "fromAddress" | "replySecret" | "foldSeconds">;

const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1) || "seatdesk.invalid";

/** Every message about a ticket names this as its thread, so mail programs show one conversation. */
export const ticketThreadId = (ticketId: string, fromAddress: string) =>
  `<ticket-${ticketId}@${domainOf(fromAddress)}>`;

/**
 * Puts one notice in the outbox, in the caller's transaction. A notice about a ticket joins the
 * message to the same person about the same ticket that is still waiting out its fold window
 * (nobody has claimed it: it has never been tried), else starts a new message that waits
 * `foldSeconds` for more. An advisory lock on the fold key keeps two instances from each starting
 * one.
 */
export async function enqueueMail(tx: Tx, delivery: Delivery, config: OutboxConfig): Promise<void> {
  const ticket = "ticket" in delivery.item ? delivery.item.ticket : null;
  const foldKey = ticket && delivery.recipientId ? `${delivery.recipientId}:${ticket.id}:${ticket.audience}` : null;
  if (foldKey && config.foldSeconds > 0) {
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${foldKey}))`;
    const open = await tx.$queryRaw<{ id: bigint; items: MailItem[] }[]>`
      select "id", "items" from "MailOutbox"
      where "foldKey" = ${foldKey} and "status" = 'PENDING' and "attempts" = 0 and "claimedUntil" is null
        and "nextAttemptAt" > now()
      order by "id" desc limit 1
      for update`;
    if (open[0]) {
      const items = [...open[0].items, delivery.item];
      const rendered = renderMail(items, config.publicUrl);
      await tx.mailOutbox.update({
        where: { id: open[0].id },
        data: {
          items: items as unknown as Prisma.InputJsonValue,
          kind: "folded",
          subject: rendered.subject,
          textBody: rendered.text,
          htmlBody: rendered.html,
          updatedAt: new Date(),
        },
      });
      return;
    }
  }
  const rendered = renderMail([delivery.item], config.publicUrl);
  const number = ticket ? parseTicketNumber(ticket.number) : null;
  await tx.$executeRaw`
    insert into "MailOutbox" ("messageId", "kind", "recipientId", "toAddress", "ticketId", "foldKey", "items",
      "subject", "textBody", "htmlBody", "threadId", "replyTo", "nextAttemptAt")
    values (${`<mail-${randomUUID()}@${domainOf(config.fromAddress)}>`}, ${delivery.item.kind}, ${delivery.recipientId},
      ${delivery.toAddress}, ${ticket?.id ?? null}, ${foldKey}, ${JSON.stringify([delivery.item])}::jsonb,
      ${rendered.subject}, ${rendered.text}, ${rendered.html},
      ${ticket ? ticketThreadId(ticket.id, config.fromAddress) : null},
      ${number ? replyAddressFor(config.replySecret, config.fromAddress, number) : null},
      now() + make_interval(secs => ${foldKey ? config.foldSeconds : 0}))`;
}
