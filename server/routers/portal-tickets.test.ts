import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createTestDatabase } from "@/test/db";
import { createUser, signIn } from "@/test/factories";
import { callerFor } from "@/test/trpc";
import { console_, createAgent } from "@/test/tickets";
import type { Db } from "@/server/db/client";
import { addComment } from "@/server/tickets/add-comment";

let db: Db;
type Caller = ReturnType<typeof callerFor>;
let alice: Caller;
let bob: Caller;
let aliceId: string;
let agent: Awaited<ReturnType<typeof createAgent>>;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  const a = await createUser(db, { name: "Alice Example" });
  aliceId = a.id;
  alice = callerFor(db, await signIn(db, a.id));
  bob = callerFor(db, await signIn(db, (await createUser(db)).id));
  agent = await createAgent(db);
});

async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

const resolve = (id: string, ago = "1 hour") =>
  db.$executeRawUnsafe(
    `update "Ticket" set "status" = 'RESOLVED', "resolvedAt" = now() - interval '${ago}' where "id" = $1`,
    id,
  );

describe("portalTickets.create", () => {
  it("opens an incident or a request for oneself, with plain-word impact and urgency mapped", async () => {
    const created = await alice.portalTickets.create({
      type: "INCIDENT",
      title: "Laptop will not start",
      description: "Black screen\nsince today",
      affects: "many",
      howUrgent: "cannot-work",
    });
    expect(created.displayNumber).toMatch(/^INC-\d{6}$/);
    const row = await db.ticket.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      type: "INCIDENT",
      requesterId: aliceId,
      impact: 1,
      urgency: 1,
      status: "NEW",
      description: "Black screen\nsince today",
    });

    const request = await alice.portalTickets.create({ type: "REQUEST", title: "A second screen" });
    expect(await db.ticket.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      type: "REQUEST",
      impact: 3,
      urgency: 2,
    });
  });

  it("keeps markup as typed (the page shows it as text)", async () => {
    const created = await alice.portalTickets.create({
      type: "INCIDENT",
      title: "<script>alert(1)</script> broken",
      description: "<img src=x onerror=alert(1)>",
    });
    const view = await alice.portalTickets.get({ ref: created.displayNumber });
    expect(view.title).toBe("<script>alert(1)</script> broken");
    expect(view.description).toBe("<img src=x onerror=alert(1)>");
  });

  it("refuses bad input with a message per field", async () => {
    const empty = await errorOf(alice.portalTickets.create({ type: "INCIDENT", title: "  " }));
    expect(empty.code).toBe("BAD_REQUEST");
    expect(empty.message).toMatch(/at least 3 characters for the title/);
    const long = await errorOf(alice.portalTickets.create({ type: "INCIDENT", title: "x".repeat(201) }));
    expect(long.message).toMatch(/at most 200 characters for the title/);
    // Only incidents and requests from the portal: other types are unknown values here.
    const change = await errorOf(
      alice.portalTickets.create({ type: "CHANGE" as "INCIDENT", title: "Upgrade the servers" }),
    );
    expect(change.message).toMatch(/broken or you need something/);
    const affects = await errorOf(
      alice.portalTickets.create({ type: "INCIDENT", title: "Printer jam", affects: "galaxy" as "me" }),
    );
    expect(affects.message).toMatch(/Choose who is affected/);
    const category = await errorOf(
      alice.portalTickets.create({ type: "INCIDENT", title: "Printer jam", categoryId: "no-such-category" }),
    );
    expect(category.message).toMatch(/category no longer exists/);
  });

  it("lists categories by name", async () => {
    await db.category.createMany({ data: [{ name: "Printers" }, { name: "Accounts" }] });
    expect((await alice.portalTickets.categories()).map((c) => c.name)).toEqual(["Accounts", "Printers"]);
  });
});

describe("portalTickets.list and get", () => {
  it("lists only one's own tickets, last updated first, a page at a time", async () => {
    const carol = callerFor(db, await signIn(db, (await createUser(db)).id));
    const made = [];
    for (const title of ["First one", "Second one", "Third one"])
      made.push(await carol.portalTickets.create({ type: "REQUEST", title }));
    await bob.portalTickets.create({ type: "REQUEST", title: "Bob's own" });
    const first = await carol.portalTickets.list({ limit: 2 });
    expect(first.items.map((t) => t.title)).toEqual(["Third one", "Second one"]);
    expect(first.items[0]).toMatchObject({ status: "NEW", displayNumber: made[2]!.displayNumber });
    expect(first.items[0]!.updatedAt).toBeInstanceOf(Date);
    const second = await carol.portalTickets.list({ limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((t) => t.title)).toEqual(["First one"]);
    expect(second.nextCursor).toBeNull();
  });

  it("answers NOT_FOUND for someone else's ticket, as for one that does not exist", async () => {
    const mine = await alice.portalTickets.create({ type: "INCIDENT", title: "Only mine" });
    for (const ref of [mine.id, mine.displayNumber]) {
      const error = await errorOf(bob.portalTickets.get({ ref }));
      expect(error.code).toBe("NOT_FOUND");
    }
    expect((await errorOf(bob.portalTickets.reply({ ticketId: mine.id, body: "Me too" }))).code).toBe("NOT_FOUND");
    expect((await errorOf(bob.portalTickets.confirmResolution({ ticketId: mine.id }))).code).toBe("NOT_FOUND");
    expect((await errorOf(bob.portalTickets.reopen({ ticketId: mine.id, reason: "Still broken" }))).code).toBe(
      "NOT_FOUND",
    );
    expect(await db.ticketComment.count({ where: { ticketId: mine.id } })).toBe(0);
  });

  it("shows the public conversation only, never internal notes, even to an agent in the portal", async () => {
    const t = await alice.portalTickets.create({ type: "INCIDENT", title: "VPN drops" });
    await addComment(db, console_(agent), {
      ticketId: t.id,
      body: "Looks like the old client. INTERNAL-SECRET",
      internal: true,
    });
    await addComment(db, console_(agent), { ticketId: t.id, body: "Please update the VPN client." });
    await alice.portalTickets.reply({ ticketId: t.id, body: "Updated, works now" });
    const view = await alice.portalTickets.get({ ref: t.id });
    expect(view.comments.map((c) => c.body)).toEqual(["Please update the VPN client.", "Updated, works now"]);
    expect(JSON.stringify(view)).not.toContain("INTERNAL-SECRET");

    // An agent's own ticket, read through the portal: still only the public side.
    const agentCaller = callerFor(db, await signIn(db, agent.id));
    const own = await agentCaller.portalTickets.create({ type: "REQUEST", title: "New keyboard" });
    await addComment(db, console_(agent), { ticketId: own.id, body: "NOTE-TO-SELF", internal: true });
    expect(JSON.stringify(await agentCaller.portalTickets.get({ ref: own.id }))).not.toContain("NOTE-TO-SELF");
    // ...and nobody else's ticket through the portal, even for an agent.
    expect((await errorOf(agentCaller.portalTickets.get({ ref: t.id }))).code).toBe("NOT_FOUND");
  });
});

describe("portalTickets.reply", () => {
  it("adds a public reply and moves the last update", async () => {
    const t = await alice.portalTickets.create({ type: "INCIDENT", title: "Mail is slow" });
    const before = (await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).updatedAt;
    const reply = await alice.portalTickets.reply({ ticketId: t.id, body: "Still slow <b>today</b>" });
    const row = await db.ticketComment.findUniqueOrThrow({ where: { id: reply.id } });
    expect(row).toMatchObject({ internal: false, body: "Still slow <b>today</b>", authorId: aliceId });
    expect((await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).updatedAt.getTime()).toBeGreaterThanOrEqual(
      before.getTime(),
    );
  });

  it("refuses an empty reply and a reply on a closed ticket", async () => {
    const t = await alice.portalTickets.create({ type: "INCIDENT", title: "Mouse broken" });
    expect((await errorOf(alice.portalTickets.reply({ ticketId: t.id, body: "   " }))).message).toMatch(
      /Write a reply first/,
    );
    await db.ticket.update({ where: { id: t.id }, data: { status: "CLOSED" } });
    expect((await errorOf(alice.portalTickets.reply({ ticketId: t.id, body: "Hello?" }))).message).toMatch(
      /closed: open a new ticket/,
    );
  });
});

describe("portalTickets.confirmResolution and reopen", () => {
  it("confirms a resolution: Resolved -> Closed, in the history", async () => {
    const t = await alice.portalTickets.create({ type: "INCIDENT", title: "Wi-Fi down" });
    await resolve(t.id);
    await alice.portalTickets.confirmResolution({ ticketId: t.id });
    const row = await db.ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect(row.status).toBe("CLOSED");
    expect(row.closedAt).not.toBeNull();
    expect(await db.ticketHistory.findFirst({ where: { ticketId: t.id, field: "status" } })).toMatchObject({
      fromValue: "RESOLVED",
      toValue: "CLOSED",
      actorId: aliceId,
    });
    expect((await errorOf(alice.portalTickets.confirmResolution({ ticketId: t.id }))).message).toBe(
      `${t.displayNumber} is already closed.`,
    );
  });

  it("refuses to confirm what is not resolved", async () => {
    const t = await alice.portalTickets.create({ type: "INCIDENT", title: "Phone silent" });
    const error = await errorOf(alice.portalTickets.confirmResolution({ ticketId: t.id }));
    expect(error.message).toBe(`${t.displayNumber} is New, not resolved: there is no resolution to confirm yet.`);
    expect((await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).status).toBe("NEW");
  });

  it("reopens a resolved ticket with the reason as a public reply: Resolved -> In progress", async () => {
    const t = await alice.portalTickets.create({ type: "INCIDENT", title: "Printer offline" });
    await resolve(t.id);
    await alice.portalTickets.reopen({ ticketId: t.id, reason: "It went offline again" });
    const row = await db.ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect(row).toMatchObject({ status: "IN_PROGRESS", resolvedAt: null });
    const view = await alice.portalTickets.get({ ref: t.id });
    expect(view.comments.map((c) => [c.body, c.internal])).toEqual([["It went offline again", false]]);
  });

  it("refuses to reopen without a reason, a closed ticket, an open one, or one resolved too long ago", async () => {
    const t = await alice.portalTickets.create({ type: "INCIDENT", title: "Scanner jams" });
    await resolve(t.id);
    const noReason = await errorOf(alice.portalTickets.reopen({ ticketId: t.id, reason: " " }));
    expect(noReason.message).toMatch(/Say what is still not working/);

    await alice.portalTickets.confirmResolution({ ticketId: t.id });
    const closed = await errorOf(alice.portalTickets.reopen({ ticketId: t.id, reason: "Jams again" }));
    expect(closed.code).toBe("BAD_REQUEST");
    expect(closed.message).toBe(
      "This ticket is closed and cannot be reopened. Open a new ticket and mention this one.",
    );
    expect((await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).status).toBe("CLOSED");

    const open = await alice.portalTickets.create({ type: "INCIDENT", title: "Monitor flickers" });
    expect((await errorOf(alice.portalTickets.reopen({ ticketId: open.id, reason: "Still" }))).message).toMatch(
      /still open, so there is nothing to reopen/,
    );

    const old = await alice.portalTickets.create({ type: "INCIDENT", title: "Old trouble" });
    await resolve(old.id, "8 days");
    expect((await errorOf(alice.portalTickets.reopen({ ticketId: old.id, reason: "Back" }))).message).toMatch(
      /resolved more than 7 days ago/,
    );
    // Nothing was written by the refusals.
    expect(await db.ticketComment.count({ where: { ticketId: { in: [t.id, open.id, old.id] } } })).toBe(0);
  });
});

describe("who may use the portal", () => {
  it("refuses report viewers and anonymous callers at the gate", async () => {
    const viewer = callerFor(db, await signIn(db, (await createUser(db, { role: "REPORT_VIEWER" })).id));
    expect((await errorOf(viewer.portalTickets.list({}))).code).toBe("FORBIDDEN");
    expect((await errorOf(viewer.portalTickets.create({ type: "INCIDENT", title: "Hello there" }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await errorOf(callerFor(db, null).portalTickets.list({}))).code).toBe("UNAUTHORIZED");
  });
});
