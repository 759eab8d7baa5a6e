import "server-only";

/*
 * One template per kind of notice, each giving the plain-text and the HTML part from the same
 * facts, so the two never say different things. A message is one or more items (several changes
 * to one ticket within the fold window become one message). Every value that came from a person
 * (titles, replies, names) is escaped in HTML; links go to the portal (requesters) or the console
 * (agents), where a sign-in is still required: a link never grants access by itself.
 */

export type TicketRef = {
  id: string;
  /** INC-000123 */
  number: string;
  title: string;
  /** Which side the reader works on: links and wording follow. */
  audience: "portal" | "console";
};

export type MailItem =
  | { kind: "received"; ticket: TicketRef }
  | { kind: "public-reply"; ticket: TicketRef; author: string; body: string; files: number }
  | { kind: "pending"; ticket: TicketRef }
  | { kind: "resolved"; ticket: TicketRef }
  | { kind: "closed"; ticket: TicketRef }
  | { kind: "assigned"; ticket: TicketRef; by: string | null }
  | { kind: "requester-replied"; ticket: TicketRef; author: string; body: string; files: number }
  | { kind: "group-received"; ticket: TicketRef; group: string }
  | { kind: "breaching"; ticket: TicketRef; dueAt: string }
  | { kind: "approval-requested"; ticket: TicketRef; by: string | null }
  | { kind: "seat-reserved"; pool: string; until: string }
  | { kind: "seat-ended"; reason: string; by: string | null }
  | { kind: "closed-ticket-reply"; ticket: TicketRef }
  | { kind: "refused-unknown-sender" };

export type MailItemKind = MailItem["kind"];

export type RenderedMail = { subject: string; text: string; html: string };

type Block = { subject: string; lines: string[]; quote?: string; links: { label: string; href: string }[] };

const ticketLink = (base: string, t: TicketRef, query = "") =>
  `${base}/${t.audience === "portal" ? "portal" : "console"}/tickets/${t.number}${query}`;

function block(item: MailItem, base: string): Block {
  const open = (t: TicketRef) => ({ label: `Open ${t.number}`, href: ticketLink(base, t) });
  switch (item.kind) {
    case "received":
      return {
        subject: `[${item.ticket.number}] We received your request: ${item.ticket.title}`,
        lines: [`We received your request and gave it the number ${item.ticket.number}.`, `"${item.ticket.title}"`],
        links: [open(item.ticket)],
      };
    case "public-reply":
      return {
        subject: `[${item.ticket.number}] New reply: ${item.ticket.title}`,
        lines: [`${item.author} replied:`, ...filesLine(item.files)],
        quote: item.body,
        links: [open(item.ticket)],
      };
    case "pending":
      return {
        subject: `[${item.ticket.number}] Waiting for you: ${item.ticket.title}`,
        lines: ["The service desk is waiting for an answer from you before it can go on."],
        links: [open(item.ticket)],
      };
    case "resolved":
      return {
        subject: `[${item.ticket.number}] Resolved: ${item.ticket.title}`,
        lines: [
          "The service desk marked this request as resolved.",
          "If it works for you, confirm it. If it does not, reopen it and say what is still wrong.",
        ],
        links: [
          { label: "Confirm it is solved", href: ticketLink(base, item.ticket, "?resolution=confirm") },
          { label: "Reopen it", href: ticketLink(base, item.ticket, "?resolution=reopen") },
        ],
      };
    case "closed":
      return {
        subject: `[${item.ticket.number}] Closed: ${item.ticket.title}`,
        lines: ["This request is closed. If the problem comes back, open a new request and mention this number."],
        links: [open(item.ticket), { label: "Open a new request", href: `${base}/portal/new` }],
      };
    case "assigned":
      return {
        subject: `[${item.ticket.number}] Assigned to you: ${item.ticket.title}`,
        lines: [`${item.by ?? "seatdesk"} assigned ${item.ticket.number} to you.`],
        links: [open(item.ticket)],
      };
    case "requester-replied":
      return {
        subject: `[${item.ticket.number}] The requester replied: ${item.ticket.title}`,
        lines: [`${item.author} replied on a ticket assigned to you:`, ...filesLine(item.files)],
        quote: item.body,
        links: [open(item.ticket)],
      };
    case "group-received":
      return {
        subject: `[${item.ticket.number}] New for ${item.group}: ${item.ticket.title}`,
        lines: [`${item.group} received ${item.ticket.number}. Nobody is assigned yet.`],
        links: [open(item.ticket)],
      };
    case "breaching":
      return {
        subject: `[${item.ticket.number}] Breaching within the hour: ${item.ticket.title}`,
        lines: [`The resolution target of ${item.ticket.number} is due at ${item.dueAt}.`],
        links: [open(item.ticket)],
      };
    case "approval-requested":
      return {
        subject: `[${item.ticket.number}] Your approval is requested: ${item.ticket.title}`,
        lines: [`${item.by ?? "seatdesk"} asks for your approval of ${item.ticket.number}.`],
        links: [open(item.ticket)],
      };
    case "seat-reserved":
      return {
        subject: `A seat is reserved for you (${item.pool})`,
        lines: [
          `A seat of ${item.pool} is free and reserved for you until ${item.until}. Open the console to take it.`,
        ],
        links: [{ label: "Open the console", href: `${base}/console` }],
      };
    case "seat-ended":
      return {
        subject: "Your seat was ended by an administrator",
        lines: [`${item.by ?? "An administrator"} ended your seat.`, `Reason: ${item.reason}`],
        links: [{ label: "Open the console", href: `${base}/console` }],
      };
    case "closed-ticket-reply":
      return {
        subject: `[${item.ticket.number}] This request is closed: open a new one`,
        lines: [
          `Your mail was about ${item.ticket.number}, which is closed, so it was not added to it.`,
          "Please open a new request and mention this number.",
        ],
        links: [{ label: "Open a new request", href: `${base}/portal/new` }, open(item.ticket)],
      };
    case "refused-unknown-sender":
      return {
        subject: "Your mail to the service desk was not accepted",
        lines: [
          "The service desk accepts mail only from people it knows, and this address is not one of them.",
          "Sign in to the self-service portal to report a problem, or call the service desk.",
        ],
        links: [{ label: "Open the portal", href: `${base}/portal` }],
      };
  }
}

const filesLine = (files: number) =>
  files ? [`(${files} file${files === 1 ? "" : "s"} attached: see the ticket)`] : [];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const SEPARATOR = "-".repeat(60);

/** The message for these items: one subject, the text part and the HTML part. */
export function renderMail(items: MailItem[], publicUrl: string): RenderedMail {
  if (items.length === 0) throw new Error("renderMail needs at least one item");
  const blocks = items.map((item) => block(item, publicUrl));
  const first = items[0]!;
  const ticket = "ticket" in first ? first.ticket : null;
  const subject =
    blocks.length === 1 || !ticket
      ? blocks[0]!.subject
      : `[${ticket.number}] ${blocks.length} updates: ${ticket.title}`;

  const text = [
    ...blocks.flatMap((b, i) => [
      ...(i ? [SEPARATOR] : []),
      ...b.lines,
      ...(b.quote !== undefined ? ["", ...b.quote.split("\n").map((l) => `> ${l}`)] : []),
      "",
      ...b.links.map((l) => `${l.label}: ${l.href}`),
      "",
    ]),
    "--",
    "seatdesk, the IT service desk. Reply to this mail to add to the ticket; a sign-in is needed to open the links.",
  ].join("\n");

  const html = [
    '<!doctype html><html><body style="font-family: system-ui, sans-serif; font-size: 14px; color: #111">',
    ...blocks.map(
      (b, i) =>
        `${i ? '<hr style="border: 0; border-top: 1px solid #ddd">' : ""}` +
        b.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("") +
        (b.quote !== undefined
          ? `<blockquote style="margin: 0 0 1em; padding-left: 1em; border-left: 3px solid #ccc; ` +
            `white-space: pre-wrap">${escapeHtml(b.quote)}</blockquote>`
          : "") +
        `<p>${b.links.map((l) => `<a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a>`).join(" &middot; ")}</p>`,
    ),
    '<p style="color: #666; font-size: 12px">seatdesk, the IT service desk. Reply to this mail to add to ' +
      "the ticket; a sign-in is needed to open the links.</p>",
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}
