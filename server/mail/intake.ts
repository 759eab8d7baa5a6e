import "server-only";
import { randomBytes } from "node:crypto";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import type { Db } from "../db/client";
import { inTransaction, type Tx } from "../db/transaction";
import type { InboundMailStatus } from "../db/generated/enums";
import { isAppError } from "../errors";
import { normalizeEmail } from "../auth/email";
import { attachFile } from "../attachments/attach";
import type { AttachmentStore } from "../attachments/store";
import { addComment } from "../tickets/add-comment";
import { createTicket } from "../tickets/create-ticket";
import { formatTicketNumber, TEXT_MAX, TITLE_MAX, TITLE_MIN, type TicketTypeValue } from "@/lib/validation/tickets";
import { bareAddress, type MailConfig } from "./config";
import { enqueueMail } from "./outbox";
import { readReplyAddress } from "./reply-address";
import { trimQuotedReply } from "./trim-reply";

/*
 * The one door for mail coming in, whichever way it arrived (the SMTP listener, the IMAP poller).
 * Every mail is kept (MailInbound, with its raw bytes) with what became of it and why, in the same
 * transaction as the ticket or reply it became, so nothing is lost and a mail delivered twice
 * (a sender retrying after a lost answer) becomes one reply (same Message-ID).
 *
 * In order:
 * - no sender, or unreadable: FAILED with the reason;
 * - automatic mail (Auto-Submitted other than "no", Precedence bulk/junk/list, bounces: a null
 *   envelope sender, multipart/report, MAILER-DAEMON or postmaster, X-Failed-Recipients) and
 *   mail from the desk itself: IGNORED, never answered, so two robots never write to each other;
 * - a sender over `perHour` mails in the last hour: HELD (kept, not turned into tickets);
 * - a reply address whose signature does not verify: IGNORED as forged;
 * - the ticket is found by the signed reply address, else by In-Reply-To/References (the thread
 *   id or a Message-ID the desk sent); a reply from its requester becomes a public reply (quoted
 *   history trimmed), through addComment as the requester in the portal (the same door and rules
 *   as the portal's reply form); to a closed ticket: the sender is told to open a new one;
 * - otherwise a known, active person's mail opens an incident for them (createTicket, the portal's
 *   door); an unknown sender is refused with an automatic answer or made an end user, by setting;
 * - attachments go through attachFile (same size and type rules, same store); a refused file is
 *   named in the reason, the rest of the mail still counts.
 * Bodies are stored as plain text: an HTML-only mail is converted to text (mailparser), so
 * markup and scripts are never stored as markup.
 */

export type UnknownSenders = "refuse" | "create";

export type IntakeOptions = {
  config: Pick<MailConfig, "fromAddress" | "replySecret" | "publicUrl" | "foldSeconds">;
  unknownSenders: UnknownSenders;
  /** Mails one sender may send per hour before the rest are held. */
  perHour: number;
  attachments: { store: AttachmentStore; maxBytes: number };
};

export type IntakeMeta = {
  via: "smtp" | "imap";
  /** The SMTP envelope: MAIL FROM ("" for a bounce) and RCPT TO. */
  envelopeFrom?: string | null;
  envelopeTo?: string[];
};

export type IntakeOutcome = {
  inboundId: string;
  status: InboundMailStatus;
  reason: string | null;
  ticketId: string | null;
  commentId: string | null;
};

type Kept = {
  status: InboundMailStatus;
  reason: string | null;
  ticketId?: string | null;
  commentId?: string | null;
};

const addressesOf = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) =>
    a.value.flatMap((v) => (v.address ? [v.address.toLowerCase()] : [])),
  );

function header(parsed: ParsedMail, name: string): string {
  const value = parsed.headers.get(name);
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object" && "value" in value) return String((value as { value: unknown }).value);
  return String(value);
}

/** Why this mail must never be answered, or null. */
export function automaticMailReason(parsed: ParsedMail, envelopeFrom: string | null | undefined): string | null {
  const autoSubmitted = header(parsed, "auto-submitted").trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no")
    return `Automatic mail (Auto-Submitted: ${autoSubmitted}) is never answered.`;
  const precedence = header(parsed, "precedence").trim().toLowerCase();
  if (["bulk", "junk", "list", "auto_reply"].includes(precedence))
    return `Bulk or list mail (Precedence: ${precedence}) is never answered.`;
  const from = addressesOf(parsed.from)[0] ?? "";
  const contentType = header(parsed, "content-type").toLowerCase();
  if (
    envelopeFrom === "" ||
    contentType.startsWith("multipart/report") ||
    /^(mailer-daemon|postmaster)@/i.test(from) ||
    parsed.headers.has("x-failed-recipients")
  )
    return "A delivery failure report (bounce) is never answered.";
  return null;
}

export async function receiveMail(
  db: Db,
  raw: Buffer,
  meta: IntakeMeta,
  options: IntakeOptions,
): Promise<IntakeOutcome> {
  let parsed: ParsedMail | null = null;
  try {
    parsed = await simpleParser(raw, { skipHtmlToText: false });
  } catch (error) {
    return keep(db, raw, meta, null, {
      status: "FAILED",
      reason: `The mail could not be read (malformed MIME): ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  try {
    return await decide(db, raw, meta, parsed, options);
  } catch (error) {
    // Whatever went wrong, the mail is kept with the reason for an administrator.
    return keep(db, raw, meta, parsed, {
      status: "FAILED",
      reason: `The mail could not be processed: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

async function decide(
  db: Db,
  raw: Buffer,
  meta: IntakeMeta,
  parsed: ParsedMail,
  options: IntakeOptions,
): Promise<IntakeOutcome> {
  const { config } = options;
  const from = addressesOf(parsed.from)[0] ?? null;
  if (!from) return keep(db, raw, meta, parsed, { status: "FAILED", reason: "The mail has no sender address (From)." });
  const automatic = automaticMailReason(parsed, meta.envelopeFrom);
  if (automatic) return keep(db, raw, meta, parsed, { status: "IGNORED", reason: automatic });
  if (from === config.fromAddress)
    return keep(db, raw, meta, parsed, { status: "IGNORED", reason: "Mail from the desk's own address (a loop)." });

  if (parsed.messageId) {
    const seen = await db.mailInbound.findFirst({
      where: { messageId: parsed.messageId, status: "PROCESSED" },
      select: { ticketId: true },
    });
    if (seen)
      return keep(db, raw, meta, parsed, {
        status: "IGNORED",
        reason: "Already received (same Message-ID): not added twice.",
        ticketId: seen.ticketId,
      });
  }

  const recent = await db.mailInbound.count({
    // Every mail counts, refused ones too: a forged sender must not turn the desk into a source of
    // automatic answers to a victim's address.
    where: { fromAddress: from, receivedAt: { gt: new Date(Date.now() - 3_600_000) } },
  });
  if (recent >= options.perHour)
    return keep(db, raw, meta, parsed, {
      status: "HELD",
      reason:
        `${from} sent more than ${options.perHour} mails within the hour: held for an ` +
        `administrator, not turned into tickets.`,
    });

  // Which ticket, if any: the signed reply address first, then the threading headers.
  const recipients = [...(meta.envelopeTo ?? []), ...addressesOf(parsed.to), ...addressesOf(parsed.cc)];
  const tags = recipients.map((r) => readReplyAddress(config.replySecret, config.fromAddress, r));
  const signed = tags.find((t) => t.kind === "valid");
  const forged = tags.find((t) => t.kind === "forged");
  if (!signed && forged)
    return keep(db, raw, meta, parsed, {
      status: "IGNORED",
      reason: `Forged or damaged reply address (+${forged.tag}): not added to any ticket.`,
    });
  const ticket = signed
    ? await db.ticket.findUnique({
        where: { type_number: { type: signed.type, number: signed.number } },
        select: ticketSelect,
      })
    : await ticketFromThread(db, parsed, config.fromAddress);

  const person = await db.user.findUnique({
    where: { email: normalizeEmail(from) },
    select: { id: true, active: true, role: true },
  });
  if (person && !person.active)
    return keep(db, raw, meta, parsed, { status: "IGNORED", reason: `${from} belongs to a disabled account.` });

  const body = bodyOf(parsed);
  if (ticket) {
    if (!person || person.id !== ticket.requesterId)
      return keep(db, raw, meta, parsed, {
        status: "HELD",
        reason: `${from} is not the requester of ${numberOf(ticket)}: held for an administrator.`,
        ticketId: ticket.id,
      });
    if (ticket.status === "CLOSED" || ticket.status === "CANCELLED") {
      return inTransaction(db, async (tx) => {
        await enqueueMail(
          tx,
          { recipientId: person.id, toAddress: from, item: { kind: "closed-ticket-reply", ticket: refOf(ticket) } },
          { ...config, foldSeconds: 0 },
        );
        return keep(tx, raw, meta, parsed, {
          status: "IGNORED",
          reason:
            `A reply to ${numberOf(ticket)}, which ` +
            `is ${ticket.status === "CLOSED" ? "closed" : "cancelled"}: the sender was told to open a new request.`,
          ticketId: ticket.id,
        });
      });
    }
    const files = parsed.attachments.filter((a) => a.contentDisposition !== "inline" || a.filename);
    const text = body || (files.length ? "(files sent by mail)" : "");
    if (!text)
      return keep(db, raw, meta, parsed, { status: "IGNORED", reason: "An empty reply.", ticketId: ticket.id });
    const outcome = await inTransaction(db, async (tx) => {
      const comment = await addComment(
        tx,
        { id: person.id, role: person.role, via: "portal" },
        { ticketId: ticket.id, body: text },
      );
      return keep(tx, raw, meta, parsed, {
        status: "PROCESSED",
        reason: `Added as a reply to ${numberOf(ticket)}.`,
        ticketId: ticket.id,
        commentId: comment.id,
      });
    });
    return attachAll(db, parsed, person, outcome, options);
  }

  let requester = person;
  if (!requester) {
    if (options.unknownSenders === "refuse") {
      return inTransaction(db, async (tx) => {
        await enqueueMail(tx, { recipientId: null, toAddress: from, item: { kind: "refused-unknown-sender" } }, config);
        return keep(tx, raw, meta, parsed, {
          status: "IGNORED",
          reason: `${from} is not known here: refused with an automatic answer.`,
        });
      });
    }
    requester = await db.user.create({
      data: {
        email: normalizeEmail(from),
        name: senderName(parsed, from),
        role: "END_USER",
        // No password: the person sets one through the desk (an administrator) before signing in.
        passwordHash: `!mail-${randomBytes(16).toString("hex")}`,
      },
      select: { id: true, active: true, role: true },
    });
  }
  const who = requester;
  const outcome = await inTransaction(db, async (tx) => {
    const created = await createTicket(
      tx,
      { id: who.id, role: who.role, via: "portal" },
      {
        type: "INCIDENT",
        title: titleOf(parsed),
        description: body,
      },
    );
    return keep(tx, raw, meta, parsed, {
      status: "PROCESSED",
      reason: `Opened ${created.displayNumber}${person ? "" : " for a new end user"}.`,
      ticketId: created.id,
    });
  });
  return attachAll(db, parsed, who, outcome, options);
}

const ticketSelect = { id: true, type: true, number: true, title: true, status: true, requesterId: true } as const;
type FoundTicket = {
  id: string;
  type: TicketTypeValue;
  number: number;
  title: string;
  status: string;
  requesterId: string;
};
const numberOf = (t: FoundTicket) => formatTicketNumber(t.type, t.number);
const refOf = (t: FoundTicket) => ({ id: t.id, number: numberOf(t), title: t.title, audience: "portal" as const });

/** The ticket a mail answers, by its In-Reply-To and References: the desk's thread id or a message it sent. */
async function ticketFromThread(db: Db, parsed: ParsedMail, deskAddress: string): Promise<FoundTicket | null> {
  const refs = [
    ...(parsed.inReplyTo ? [parsed.inReplyTo] : []),
    ...(Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : []),
  ].flatMap((r) => r.split(/\s+/).filter(Boolean));
  if (refs.length === 0) return null;
  const domain = deskAddress.slice(deskAddress.lastIndexOf("@") + 1).toLowerCase();
  for (const ref of refs) {
    const match = /^<ticket-([^@>]+)@([^>]+)>$/.exec(ref);
    if (match && match[2]!.toLowerCase() === domain) {
      const found = await db.ticket.findUnique({ where: { id: match[1] }, select: ticketSelect });
      if (found) return found;
    }
  }
  const sent = await db.mailOutbox.findFirst({
    where: { messageId: { in: refs.slice(0, 50) }, ticketId: { not: null } },
    select: { ticketId: true },
  });
  return sent?.ticketId ? db.ticket.findUnique({ where: { id: sent.ticketId }, select: ticketSelect }) : null;
}

function bodyOf(parsed: ParsedMail): string {
  const text = trimQuotedReply(parsed.text ?? "");
  return text.length > TEXT_MAX
    ? `${text.slice(0, TEXT_MAX - 60)}\n\n[The rest of the mail was too long and is kept by the desk.]`
    : text;
}

function senderName(parsed: ParsedMail, from: string): string {
  const value = Array.isArray(parsed.from) ? parsed.from[0] : parsed.from;
  const name = value?.value[0]?.name?.trim();
  return (name || from.split("@")[0]!).slice(0, 100);
}

function titleOf(parsed: ParsedMail): string {
  const subject = (parsed.subject ?? "").replace(/^\s*((re|fw|fwd|aw|wg)\s*:\s*)+/i, "").trim();
  const title = subject.length >= TITLE_MIN ? subject : `Mail: ${subject || "(no subject)"}`;
  return title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title;
}

async function attachAll(
  db: Db,
  parsed: ParsedMail,
  person: { id: string; role: IntakeRole },
  outcome: IntakeOutcome,
  options: IntakeOptions,
): Promise<IntakeOutcome> {
  const files = parsed.attachments.filter((a) => a.filename || a.contentDisposition === "attachment");
  if (!outcome.ticketId || files.length === 0) return outcome;
  const refused: string[] = [];
  for (const file of files) {
    const name = file.filename ?? "attachment";
    try {
      await attachFile(
        db,
        { id: person.id, role: person.role, via: "portal" },
        {
          ticketRef: outcome.ticketId,
          commentId: outcome.commentId,
          file: {
            name,
            size: file.content.byteLength,
            head: file.content.subarray(0, 8192),
            stream: () => new Blob([new Uint8Array(file.content)]).stream(),
          },
        },
        options.attachments,
      );
    } catch (error) {
      if (!isAppError(error)) throw error;
      refused.push(`${name}: ${error.message}`);
    }
  }
  if (refused.length === 0) return outcome;
  const reason = `${outcome.reason} Files refused: ${refused.join(" ")}`.slice(0, 2000);
  await db.mailInbound.update({ where: { id: BigInt(outcome.inboundId) }, data: { reason } });
  return { ...outcome, reason };
}

type IntakeRole = Parameters<typeof attachFile>[1]["role"];

/** The raw mail is kept at most this large; a larger one keeps its start (headers and text). */
const KEEP_RAW_BYTES = 30 * 1024 * 1024;

async function keep(
  db: Db | Tx,
  raw: Buffer,
  meta: IntakeMeta,
  parsed: ParsedMail | null,
  kept: Kept,
): Promise<IntakeOutcome> {
  const row = await db.mailInbound.create({
    data: {
      via: meta.via,
      fromAddress:
        (parsed ? addressesOf(parsed.from)[0] : null) ?? (meta.envelopeFrom ? bareAddress(meta.envelopeFrom) : null),
      subject: parsed?.subject?.slice(0, 500) ?? null,
      messageId: parsed?.messageId ?? null,
      sizeBytes: raw.byteLength,
      raw: new Uint8Array(raw.subarray(0, KEEP_RAW_BYTES)),
      status: kept.status,
      reason: kept.reason,
      ticketId: kept.ticketId ?? null,
      commentId: kept.commentId ?? null,
    },
    select: { id: true },
  });
  return {
    inboundId: row.id.toString(),
    status: kept.status,
    reason: kept.reason,
    ticketId: kept.ticketId ?? null,
    commentId: kept.commentId ?? null,
  };
}
