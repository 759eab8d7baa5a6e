import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { giveModuleLicenses } from "@/test/license";
import { console_, createAgent, createGroupWith, portal } from "@/test/tickets";
import { createTicket } from "./create-ticket";
import { countQueues, listMyTickets, listQueue, type TicketPage } from "./list-tickets";

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
    const [column] = await db.$queryRaw<
      { is_generated: string }[]
    >`select is_generated from information_schema.columns where table_name = 'Ticket' and column_name = 'search'`;
    expect(column?.is_generated).toBe("ALWAYS");
    const [index] = await db.$queryRaw<
      { indexdef: string }[]
    >`select indexdef from pg_indexes where indexname = 'Ticket_search_idx'`;
    expect(index?.indexdef).toMatch(/USING gin \(search\)/);
  });

  it("finds a ticket by a word of its description (stemmed), of its title, or by its number", async () => {
    const user = await createUser(db);
    await db.$executeRaw`select setval('ticket_number_incident', 122)`;
    const hit = await createTicket(db, portal(user), {
      title: "Outlook keeps asking for a password",
      description: "After the update the mailbox prompts repeatedly for credentials",
    });
    const miss = await createTicket(db, portal(user), {
      title: "Printer out of toner",
      description: "Third floor printer",
    });
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
    await giveModuleLicenses(db, [colleague.id]);
    const network = await createGroupWith(db, "Network", [me, colleague]);
    const other = await createGroupWith(db, "Security", [colleague]);
    const mk = (input: Parameters<typeof createTicket>[2]) =>
      createTicket(db, console_(colleague), input).then((t) => t.id);
    const mine = await mk({ title: "Switch port dead", groupId: network.id, assigneeId: me.id, impact: 1, urgency: 1 });
    const unassigned = await mk({ type: "PROBLEM", title: "Flapping uplink", groupId: network.id });
    const elsewhere = await mk({ title: "Phishing mail", groupId: other.id });
    const closed = await mk({ title: "Old cable", groupId: network.id });
    await db.ticket.update({ where: { id: closed }, data: { status: "CANCELLED" } });
    const q = async (input: Parameters<typeof listQueue>[2]) =>
      new Set((await listQueue(db, me, input)).items.map((t) => t.id));

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
    expect(page.items[0]).toMatchObject({
      displayNumber: expect.stringMatching(/^INC-\d{6}$/),
      assignee: { id: me.id, name: me.name },
      group: { id: network.id, name: "Network" },
    });
  });
});

describe("cursor pagination", () => {
  it("returns every ticket exactly once, newest update first, even when many share a timestamp", async () => {
    const user = await createUser(db);
    const group = await createGroupWith(db, "Paging", [agent]);
    const created = [];
    for (let i = 0; i < 23; i++)
      created.push(
        (await createTicket(db, console_(agent), { title: `Paging ${i}`, requesterId: user.id, groupId: group.id })).id,
      );
    // Ten tickets updated in the same millisecond: the id breaks the tie.
    await db.$executeRaw`update "Ticket" set "updatedAt" = '2026-11-01T10:00:00Z' where "id" =
      any(${created.slice(5, 15)})`;

    const mine = await allPages((cursor) => listMyTickets(db, user, { limit: 4, cursor }));
    const queue = await allPages((cursor) =>
      listQueue(db, agent, { view: "all", groupId: group.id, limit: 4, cursor }),
    );
    const expected = (
      await db.ticket.findMany({
        where: { requesterId: user.id },
        orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
        select: { id: true },
      })
    ).map((t) => t.id);
    expect(expected).toHaveLength(23);
    expect(mine).toEqual(expected);
    expect(queue).toEqual(expected);
    const last = await listMyTickets(db, user, { limit: 23 });
    expect(last.nextCursor).toBeNull();
    await expect(listMyTickets(db, user, { cursor: "garbage" })).rejects.toThrow(/no longer valid/);
  });
});

describe("breaching soon", () => {
  it(
    "holds open tickets due within the hour or overdue, by response while unanswered, never Pending or " +
      "resolved ones",
    async () => {
      const group = await createGroupWith(db, "Breaching", [agent]);
      const mk = (title: string) => createTicket(db, console_(agent), { title, groupId: group.id }).then((t) => t.id);
      const [overdue, soon, later, answered, pending, resolved, noTarget] = await Promise.all(
        ["Overdue", "Soon", "Later", "Answered", "Pending", "Resolved", "No target"].map(mk),
      );
      const due = (id: string, response: string | null, resolution: string | null, extra = "") =>
        db.$executeRawUnsafe(
          `update "Ticket" set "responseDueAt" = ${response ?? "null"}, "resolutionDueAt" ` +
            `= ${resolution ?? "null"} ${extra} where "id" = $1`,
          id,
        );
      await due(overdue!, "null", "now() - interval '5 minutes'");
      await due(soon!, "now() + interval '20 minutes'", "now() + interval '3 hours'");
      await due(later!, "now() + interval '2 hours'", "now() + interval '8 hours'");
      await due(
        answered!,
        "now() + interval '20 minutes'",
        "now() + interval '8 hours'",
        `, "firstRespondedAt" = now()`,
      );
      await due(pending!, null, null, `, "status" = 'PENDING'`);
      await due(resolved!, "now() - interval '1 hour'", "now() - interval '1 hour'", `, "status" = 'RESOLVED'`);
      await due(noTarget!, null, null);

      const page = await listQueue(db, agent, { view: "breaching", groupId: group.id, sort: "due" });
      expect(page.items.map((t) => t.id)).toEqual([overdue, soon]);
      expect(page.items.map((t) => t.sla)).toEqual(["breached", "due-soon"]);
      const all = await listQueue(db, agent, { view: "open", groupId: group.id });
      const state = Object.fromEntries(all.items.map((t) => [t.title, t.sla]));
      expect(state).toMatchObject({ Later: "on-track", Answered: "on-track", Pending: "paused", "No target": "none" });
      const counts = await countQueues(db, agent, { groupId: group.id });
      expect(counts).toMatchObject({ breaching: 2, open: 6, all: 7, "my-groups-unassigned": 6, mine: 0 });
    },
  );
});

describe("sorting", () => {
  it("orders by priority, creation, due time or oldest update, and pages each order exactly", async () => {
    const group = await createGroupWith(db, "Sorting", [agent]);
    const levels: [number, number][] = [
      [3, 3],
      [1, 1],
      [2, 2],
      [1, 1],
      [3, 3],
      [2, 1],
      [1, 2],
    ];
    const ids: string[] = [];
    for (const [impact, urgency] of levels)
      ids.push(
        (await createTicket(db, console_(agent), { title: `Sorted ${ids.length}`, groupId: group.id, impact, urgency }))
          .id,
      );
    // Same update time for all, and due times only on four (no response clock): ties are broken by the id.
    await db.$executeRaw`update "Ticket" set "updatedAt" = '2026-11-02T10:00:00Z', "responseDueAt" = null,
      "resolutionDueAt" = null where "id" = any(${ids})`;
    await db.$executeRaw`update "Ticket" set "resolutionDueAt" = now() + ("number" % 3) * interval '1 hour' where
      "id" = any(${ids.slice(0, 4)})`;

    const rows = await db.ticket.findMany({
      where: { id: { in: ids } },
      select: { id: true, priority: true, createdAt: true, updatedAt: true, resolutionDueAt: true },
    });
    const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const expected = {
      priority: [...rows].sort(
        (a, b) =>
          a.priority.localeCompare(b.priority) || b.updatedAt.getTime() - a.updatedAt.getTime() || byId(b.id, a.id),
      ),
      created: [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || byId(b.id, a.id)),
      due: [...rows].sort(
        (a, b) =>
          (a.resolutionDueAt?.getTime() ?? Infinity) - (b.resolutionDueAt?.getTime() ?? Infinity) || byId(a.id, b.id),
      ),
      "oldest-update": [...rows].sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || byId(a.id, b.id)),
    } as const;
    for (const [sort, order] of Object.entries(expected)) {
      const paged = await allPages((cursor) =>
        listQueue(db, agent, { view: "all", groupId: group.id, sort: sort as keyof typeof expected, limit: 2, cursor }),
      );
      expect(paged, sort).toEqual(order.map((r) => r.id));
    }
    const first = await listQueue(db, agent, { view: "all", groupId: group.id, sort: "priority", limit: 2 });
    await expect(
      listQueue(db, agent, { view: "all", groupId: group.id, sort: "created", cursor: first.nextCursor! }),
    ).rejects.toThrow(/no longer valid/);
  });
});
