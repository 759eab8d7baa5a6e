import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { console_, createAgent, portal, refusal } from "@/test/tickets";
import { addComment } from "./add-comment";
import { createTicket } from "./create-ticket";
import { getTicketForViewer } from "./get-ticket";
import { listMyTickets, listQueue } from "./list-tickets";

let db: Db;
let alice: Awaited<ReturnType<typeof createUser>>;
let bob: Awaited<ReturnType<typeof createUser>>;
let agent: Awaited<ReturnType<typeof createAgent>>;
let ticket: Awaited<ReturnType<typeof createTicket>>;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  alice = await createUser(db);
  bob = await createUser(db);
  agent = await createAgent(db);
  ticket = await createTicket(db, portal(alice), { title: "Screen flickers", description: "Since this morning" });
  await addComment(db, console_(agent), {
    ticketId: ticket.id,
    body: "Suspect the docking station. SECRET-NOTE",
    internal: true,
  });
  await addComment(db, console_(agent), { ticketId: ticket.id, body: "Could you try another cable?" });
  await addComment(db, portal(alice), { ticketId: ticket.id, body: "Tried it, still flickers" });
});

describe("reading a ticket", () => {
  it("shows the requester their ticket, by id or number, with public replies only", async () => {
    for (const ref of [ticket.id, ticket.displayNumber, ticket.displayNumber.toLowerCase()]) {
      const view = await getTicketForViewer(db, alice, ref);
      expect(view.displayNumber).toBe(ticket.displayNumber);
      expect(view.comments.map((c) => c.body)).toEqual(["Could you try another cable?", "Tried it, still flickers"]);
      expect(view.comments.every((c) => !c.internal)).toBe(true);
      expect(JSON.stringify(view)).not.toContain("SECRET-NOTE");
      expect(view.history).toEqual([]);
    }
  });

  it("answers NOT_FOUND for someone else's ticket, exactly as for one that does not exist", async () => {
    const other = await refusal(getTicketForViewer(db, bob, ticket.displayNumber));
    const missing = await refusal(getTicketForViewer(db, bob, "INC-999999"));
    expect(other.code).toBe("NOT_FOUND");
    expect(other.message).toBe(`No ticket ${ticket.displayNumber} was found among the tickets you can see.`);
    expect(missing.message).toBe("No ticket INC-999999 was found among the tickets you can see.");
    expect((await refusal(getTicketForViewer(db, bob, ticket.id))).code).toBe("NOT_FOUND");
  });

  it("shows agents and administrators everything, internal notes included", async () => {
    const admin = await createUser(db, { role: "ADMIN" });
    for (const viewer of [agent, admin]) {
      const view = await getTicketForViewer(db, viewer, ticket.displayNumber);
      expect(view.comments.map((c) => [c.body, c.internal])).toEqual([
        ["Suspect the docking station. SECRET-NOTE", true],
        ["Could you try another cable?", false],
        ["Tried it, still flickers", false],
      ]);
    }
  });

  it("never puts a comment, let alone an internal note, in a list", async () => {
    const mine = await listMyTickets(db, alice);
    expect(mine.items.map((t) => t.id)).toEqual([ticket.id]);
    expect(JSON.stringify(mine)).not.toContain("SECRET-NOTE");
    const queue = await listQueue(db, agent, { search: "docking" });
    expect(queue.items).toEqual([]);
    expect((await listMyTickets(db, bob)).items).toEqual([]);
    expect((await refusal(listQueue(db, alice))).code).toBe("FORBIDDEN");
  });
});

describe("comments", () => {
  it("refuse an internal note from the portal, and a reply on someone else's ticket", async () => {
    expect(
      await refusal(addComment(db, portal(alice), { ticketId: ticket.id, body: "psst", internal: true })),
    ).toMatchObject({ code: "FORBIDDEN", field: "internal" });
    expect(
      await refusal(addComment(db, portal(agent), { ticketId: ticket.id, body: "psst", internal: true })),
    ).toMatchObject({ code: "FORBIDDEN" });
    expect((await refusal(addComment(db, portal(bob), { ticketId: ticket.id, body: "me too" }))).code).toBe(
      "NOT_FOUND",
    );
    expect(await db.ticketComment.count({ where: { ticketId: ticket.id } })).toBe(3);
  });

  it(
    "date the first response at an agent's first public reply, not at a work note or the requester's " + "reply",
    async () => {
      const t = await createTicket(db, portal(alice), { title: "Keyboard sticky" });
      await addComment(db, portal(alice), { ticketId: t.id, body: "Also the mouse" });
      await addComment(db, console_(agent), { ticketId: t.id, body: "Looking", internal: true });
      expect((await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).firstRespondedAt).toBeNull();
      const first = await addComment(db, console_(agent), { ticketId: t.id, body: "On my way" });
      await addComment(db, console_(agent), { ticketId: t.id, body: "Fixed?" });
      const row = await db.ticket.findUniqueOrThrow({ where: { id: t.id } });
      expect(row.firstRespondedAt).toEqual(first.createdAt);
      expect(row.updatedAt.getTime()).toBeGreaterThanOrEqual(first.createdAt.getTime());
      expect(row.version).toBe(1);
    },
  );

  it("refuse an empty reply with a readable message", async () => {
    await expect(addComment(db, portal(alice), { ticketId: ticket.id, body: "   " })).rejects.toThrow(
      /Write a reply first/,
    );
  });
});
