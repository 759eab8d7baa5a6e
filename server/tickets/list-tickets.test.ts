import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { console_, createAgent, createGroupWith, portal } from "@/test/tickets";
import { createTicket } from "./create-ticket";
import { listMyTickets, listQueue, type TicketPage } from "./list-tickets";

let db: Db;
let agent: Awaited<ReturnType<typeof createAgent>>;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  agent = await createAgent(db);
});

/** Every page from the first, following nextCursor. */
async function allPages(fetch: (cursor?: string) => Promise<TicketPage>) {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await fetch(cursor);
    seen.push(...page.items.map((t) => t.id));
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

describe("full-text search", () => {
  it("reads a column PostgreSQL generates, indexed with GIN (the drift test compares neither)", async () => {
    const [column] = await db.$queryRaw<{ is_generated: string }[]>`select is_generated from information_schema.columns where table_name = 'Ticket' and column_name = 'search'`;
    expect(column?.is_generated).toBe("ALWAYS");
    const [index] = await db.$queryRaw<{ indexdef: string }[]>`select indexdef from pg_indexes where indexname = 'Ticket_search_idx'`;
    expect(index?.indexdef).toMatch(/USING gin \(search\)/);
  });

  it("finds a ticket by a word of its description (stemmed), of its title, or by its number", async () => {
    const user = await createUser(db);
    await db.$executeRaw`select setval('ticket_number_incident', 122)`;
    const hit = await createTicket(db, portal(user), { title: "Outlook keeps asking for a password", description: "After the update the mailbox prompts repeatedly for credentials" });
    const miss = await createTicket(db, portal(user), { title: "Printer out of toner", description: "Third floor printer" });
    expect(hit.displayNumber).toBe("INC-000123");
    const ids = async (search: string) => (await listQueue(db, agent, { view: "all", search })).items.map((t) => t.id);
    expect(await ids("credentials")).toEqual([hit.id]);
    expect(await ids("prompting")).toEqual([hit.id]);
    expect(await ids("outlook password")).toEqual([hit.id]);
    expect(await ids("toner -outlook")).toEqual([miss.id]);
    expect(await ids("INC-000123")).toEqual([hit.id]);
    expect(await ids("inc123")).toEqual([hit.id]);
    expect(await ids("123")).toEqual([hit.id]);
    expect(await ids("REQ-000123")).toEqual([]);
    expect(await ids("<script>")).toEqual([]);
  });
});

describe("queues", () => {
  it("filter by my work, my groups' unassigned, type, status, priority, group and assignee", async () => {
    const me = await createAgent(db);
    const colleague = await createAgent(db);
    const network = await createGroupWith(db, "Network", [me, colleague]);
    const other = await createGroupWith(db, "Security", [colleague]);
    const mk = (input: Parameters<typeof createTicket>[2]) => createTicket(db, console_(colleague), input).then((t) => t.id);
    const mine = await mk({ title: "Switch port dead", groupId: network.id, assigneeId: me.id, impact: 1, urgency: 1 });
    const unassigned = await mk({ type: "PROBLEM", title: "Flapping uplink", groupId: network.id });
    const elsewhere = await mk({ title: "Phishing mail", groupId: other.id });
    const closed = await mk({ title: "Old cable", groupId: network.id });
    await db.ticket.update({ where: { id: closed }, data: { status: "CANCELLED" } });
    const q = async (input: Parameters<typeof listQueue>[2]) => new Set((await listQueue(db, me, input)).items.map((t) => t.id));

    expect(await q({ view: "mine" })).toEqual(new Set([mine]));
    expect(await q({ view: "my-groups-unassigned" })).toEqual(new Set([unassigned]));
    expect(await q({ view: "open", groupId: network.id })).toEqual(new Set([mine, unassigned]));
    expect(await q({ view: "all", groupId: network.id })).toEqual(new Set([mine, unassigned, closed]));
    expect(await q({ view: "all", groupId: network.id, statuses: ["CANCELLED"] })).toEqual(new Set([closed]));
    expect(await q({ types: ["PROBLEM"], groupId: network.id })).toEqual(new Set([unassigned]));
    expect(await q({ priorities: ["P1"], groupId: network.id })).toEqual(new Set([mine]));
    expect(await q({ assigneeId: "unassigned", groupId: other.id })).toEqual(new Set([elsewhere]));
    expect(await q({ assigneeId: me.id })).toEqual(new Set([mine]));
    const page = await listQueue(db, me, { view: "mine" });
    expect(page.items[0]).toMatchObject({ displayNumber: expect.stringMatching(/^INC-\d{6}$/), assignee: { id: me.id, name: me.name }, group: { id: network.id, name: "Network" } });
  });
});

describe("cursor pagination", () => {
  it("returns every ticket exactly once, newest update first, even when many share a timestamp", async () => {
    const user = await createUser(db);
    const group = await createGroupWith(db, "Paging", [agent]);
    const created = [];
    for (let i = 0; i < 23; i++) created.push((await createTicket(db, console_(agent), { title: `Paging ${i}`, requesterId: user.id, groupId: group.id })).id);
    // Ten tickets updated in the same millisecond: the id breaks the tie.
    await db.$executeRaw`update "Ticket" set "updatedAt" = '2026-11-01T10:00:00Z' where "id" = any(${created.slice(5, 15)})`;

    const mine = await allPages((cursor) => listMyTickets(db, user, { limit: 4, cursor }));
    const queue = await allPages((cursor) => listQueue(db, agent, { view: "all", groupId: group.id, limit: 4, cursor }));
    const expected = (await db.ticket.findMany({ where: { requesterId: user.id }, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], select: { id: true } })).map((t) => t.id);
    expect(expected).toHaveLength(23);
    expect(mine).toEqual(expected);
    expect(queue).toEqual(expected);
    const last = await listMyTickets(db, user, { limit: 23 });
    expect(last.nextCursor).toBeNull();
    await expect(listMyTickets(db, user, { cursor: "garbage" })).rejects.toThrow(/no longer valid/);
  });
});
