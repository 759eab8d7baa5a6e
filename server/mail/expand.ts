import "server-only";
import type { Db } from "../db/client";
import { inTransaction, type Tx } from "../db/transaction";
import { formatDue } from "@/lib/date-time";
import { formatTicketNumber, type TicketTypeValue } from "@/lib/validation/tickets";
import type { MailConfig } from "./config";
import type { MailEventInput } from "./events";
import { enqueueMail, type Delivery } from "./outbox";
import { loadPreferences, PREFERENCE_OF } from "./preferences";
import type { MailItem, TicketRef } from "./templates";

/*
 * The mail job's first half: events (written with the changes) become messages in the outbox.
 * Who is told what:
 * - the requester: received (with the number), a public reply, waiting for you (Pending),
 *   resolved (confirm or reopen), closed. Never an internal note: notes are not public replies,
 *   and a comment's visibility is read from the comment itself, here, not from the caller.
 * - agents: assigned to me, the requester replied on my ticket, my group received a ticket
 *   (opt-in), breaching within the hour (one per ticket and due time: MailEvent.onceKey);
 * - the seat line: a seat reserved for you; your seat ended by an administrator, with why;
 * - approvers: approval requested (recordApprovalRequestedMail, for change management).
 * Nobody is mailed about their own change (except the requester's "received", which carries the
 * number), inactive people are never mailed, and each person's settings are respected.
 * Events are claimed with FOR UPDATE SKIP LOCKED and marked expanded in the same transaction as
 * the messages they became, so several instances never expand one twice.
 */

export const EXPAND_BATCH = 100;

type EventRow = {
  id: bigint;
  /** ticket.breaching is written in SQL by breaching.ts. */
  kind: MailEventInput["kind"] | "ticket.breaching";
  ticketId: string | null;
  actorId: string | null;
  data: unknown;
};
type Want = { userId: string; item: MailItem };

export async function expandMailEvents(
  db: Db,
  config: Pick<MailConfig, "publicUrl" | "fromAddress" | "replySecret" | "foldSeconds">,
  batch = EXPAND_BATCH,
): Promise<number> {
  return inTransaction(
    db,
    async (tx) => {
      const events = await tx.$queryRaw<EventRow[]>`
        select "id", "kind", "ticketId", "actorId", "data" from "MailEvent"
        where "expandedAt" is null order by "id" limit ${batch} for update skip locked`;
      if (events.length === 0) return 0;
      const timeZone = (await tx.ticketSettings.findUnique({ where: { id: 1 }, select: { timeZone: true } }))?.timeZone;
      const wants = await recipientsOf(tx, events, timeZone ?? "UTC");
      await deliver(tx, wants, config);
      await tx.mailEvent.updateMany({
        where: { id: { in: events.map((e) => e.id) } },
        data: { expandedAt: new Date() },
      });
      return events.length;
    },
    { kind: "mailExpansion" },
  );
}

async function recipientsOf(tx: Tx, events: EventRow[], timeZone: string): Promise<Want[]> {
  // Times in mail read in the desk's time zone, named (a mail has no reader's zone to follow).
  const when = (at: unknown) => `${formatDue(String(at), { timeZone })} (${timeZone})`;
  const data = (e: EventRow) => (e.data ?? {}) as Record<string, unknown>;
  const ticketIds = [...new Set(events.flatMap((e) => (e.ticketId ? [e.ticketId] : [])))];
  const commentIds = [
    ...new Set(events.flatMap((e) => [data(e).commentId].filter((c): c is string => typeof c === "string"))),
  ];
  const [tickets, comments] = await Promise.all([
    tx.ticket.findMany({
      where: { id: { in: ticketIds } },
      select: {
        id: true,
        type: true,
        number: true,
        title: true,
        requesterId: true,
        assigneeId: true,
        groupId: true,
        group: { select: { name: true } },
      },
    }),
    tx.ticketComment.findMany({
      where: { id: { in: commentIds } },
      select: {
        id: true,
        body: true,
        internal: true,
        authorId: true,
        author: { select: { name: true } },
        _count: { select: { attachments: true } },
      },
    }),
  ]);
  const ticketById = new Map(tickets.map((t) => [t.id, t]));
  const commentById = new Map(comments.map((c) => [c.id, c]));
  const actorIds = [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  const actorNames = new Map(
    (await tx.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );

  // The group each event tells of a ticket no one is assigned to, with its members: one query.
  const groupOfEvent = new Map<bigint, string>();
  for (const e of events) {
    const t = e.ticketId ? ticketById.get(e.ticketId) : undefined;
    const d = data(e);
    if (!t) continue;
    if (e.kind === "ticket.created" && typeof d.groupId === "string" && !d.assigneeId)
      groupOfEvent.set(e.id, d.groupId);
    if (e.kind === "ticket.updated" && typeof d.groupId === "string" && !t.assigneeId)
      groupOfEvent.set(e.id, d.groupId);
    if (e.kind === "ticket.breaching" && t.groupId && !t.assigneeId) groupOfEvent.set(e.id, t.groupId);
  }
  const groups = groupOfEvent.size
    ? await tx.group.findMany({
        where: { id: { in: [...new Set(groupOfEvent.values())] } },
        select: { id: true, name: true, members: { select: { userId: true } } },
      })
    : [];
  const groupById = new Map(groups.map((g) => [g.id, g]));

  const wants: Want[] = [];
  const ref = (t: (typeof tickets)[number], audience: TicketRef["audience"]): TicketRef => ({
    id: t.id,
    number: formatTicketNumber(t.type as TicketTypeValue, t.number),
    title: t.title,
    audience,
  });
  const commentNotices = (t: (typeof tickets)[number], commentId: unknown) => {
    const c = typeof commentId === "string" ? commentById.get(commentId) : undefined;
    if (!c || c.internal) return; // an internal note is never mailed to the requester, nor its files
    const common = { author: c.author.name, body: c.body, files: c._count.attachments };
    if (c.authorId === t.requesterId) {
      if (t.assigneeId && t.assigneeId !== c.authorId)
        wants.push({ userId: t.assigneeId, item: { kind: "requester-replied", ticket: ref(t, "console"), ...common } });
    } else {
      wants.push({ userId: t.requesterId, item: { kind: "public-reply", ticket: ref(t, "portal"), ...common } });
    }
  };

  for (const e of events) {
    const d = data(e);
    if (e.kind === "seat.reserved") {
      wants.push({
        userId: String(d.userId),
        item: { kind: "seat-reserved", pool: String(d.pool), until: when(d.until) },
      });
      continue;
    }
    if (e.kind === "seat.ended") {
      const by = e.actorId ? (actorNames.get(e.actorId) ?? null) : null;
      wants.push({ userId: String(d.userId), item: { kind: "seat-ended", reason: String(d.reason), by } });
      continue;
    }
    const t = e.ticketId ? ticketById.get(e.ticketId) : undefined;
    if (!t) continue; // the ticket is gone: nothing to say
    const by = e.actorId ? (actorNames.get(e.actorId) ?? null) : null;
    const start = wants.length;
    const group = groupById.get(groupOfEvent.get(e.id) ?? "");
    const toGroup = (item: (group: string) => MailItem) => {
      if (group) for (const m of group.members) wants.push({ userId: m.userId, item: item(group.name) });
    };
    switch (e.kind) {
      case "ticket.created":
        wants.push({ userId: t.requesterId, item: { kind: "received", ticket: ref(t, "portal") } });
        if (typeof d.assigneeId === "string")
          wants.push({ userId: d.assigneeId, item: { kind: "assigned", ticket: ref(t, "console"), by } });
        toGroup((name) => ({ kind: "group-received", ticket: ref(t, "console"), group: name }));
        break;
      case "ticket.commented":
        commentNotices(t, d.commentId);
        break;
      case "ticket.updated": {
        const status = d.status;
        if (status === "PENDING" || status === "RESOLVED" || status === "CLOSED") {
          const kind = status === "PENDING" ? "pending" : status === "RESOLVED" ? "resolved" : "closed";
          wants.push({ userId: t.requesterId, item: { kind, ticket: ref(t, "portal") } });
        }
        if (typeof d.assigneeId === "string" && d.assigneeId === t.assigneeId)
          wants.push({ userId: d.assigneeId, item: { kind: "assigned", ticket: ref(t, "console"), by } });
        toGroup((name) => ({ kind: "group-received", ticket: ref(t, "console"), group: name }));
        commentNotices(t, d.commentId);
        break;
      }
      case "ticket.breaching": {
        const item: MailItem = { kind: "breaching", ticket: ref(t, "console"), dueAt: when(d.dueAt) };
        if (t.assigneeId) wants.push({ userId: t.assigneeId, item });
        else toGroup(() => item);
        break;
      }
      case "approval.requested":
        for (const userId of Array.isArray(d.approverIds) ? d.approverIds : [])
          wants.push({ userId: String(userId), item: { kind: "approval-requested", ticket: ref(t, "console"), by } });
        break;
    }
    // Nobody hears of their own change, except the number of what they reported.
    const added = wants.splice(start).filter((w) => w.userId !== e.actorId || w.item.kind === "received");
    wants.push(...added);
  }
  return wants;
}

async function deliver(
  tx: Tx,
  wants: Want[],
  config: Pick<MailConfig, "publicUrl" | "fromAddress" | "replySecret" | "foldSeconds">,
): Promise<void> {
  const userIds = [...new Set(wants.map((w) => w.userId))];
  const [people, prefs] = await Promise.all([
    tx.user.findMany({ where: { id: { in: userIds }, active: true }, select: { id: true, email: true } }),
    loadPreferences(tx, userIds),
  ]);
  const emailOf = new Map(people.map((p) => [p.id, p.email]));
  for (const want of wants) {
    const email = emailOf.get(want.userId);
    const setting = PREFERENCE_OF[want.item.kind];
    if (!email || (setting && !prefs.get(want.userId)?.[setting])) continue;
    const delivery: Delivery = { recipientId: want.userId, toAddress: email, item: want.item };
    await enqueueMail(tx, delivery, config);
  }
}
