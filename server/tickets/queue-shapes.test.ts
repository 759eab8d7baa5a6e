import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { console_, createAgent } from "@/test/tickets";
import type { ListQueueInput } from "@/lib/validation/tickets";
import { createTicket } from "./create-ticket";
import { listQueue } from "./list-tickets";

/*
 * listQueue reads an open queue as one scan per status, merged, and looks for search matches
 * among the latest 5,000 tickets before searching them all. Whatever the shape, every page must
 * be exactly the plain query's: compared here against one SQL statement over many pages.
 */

let db: Db;
let agent: Awaited<ReturnType<typeof createAgent>>;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  agent = await createAgent(db);
  const requester = await createUser(db);
  const { id } = await createTicket(db, console_(agent), {
    title: "Template",
    requesterId: requester.id,
    impact: 3,
    urgency: 3,
  });
  // 6,000 tickets: statuses in turn, every 7th about a printer, many sharing an update time;
  // the oldest few mention a "docking-station" (a hyphenated phrase), beyond the search window.
  await db.$executeRaw`
    insert into "Ticket" ("id", "type", "number", "title", "description", "requesterId", "impact", "urgency",
      "priority", "status", "createdAt", "updatedAt")
    select gen_random_uuid()::text, "type", nextval('ticket_number_incident'),
           case when i % 7 = 0 then 'Printer jams ' || i when i > 5990 then 'Broken docking-station ' || i else
             'Laptop slow ' || i end,
           "description", "requesterId", "impact", "urgency", "priority",
           (array['NEW', 'ASSIGNED', 'IN_PROGRESS', 'PENDING', 'RESOLVED', 'CLOSED', 'CLOSED', 'CANCELLED'])[1 +
             i % 8]::"TicketStatus",
           "createdAt", now() - make_interval(secs => (i / 3)::int)
    from "Ticket", generate_series(1, 6000) i where "id" = ${id}`;
  await db.$executeRaw`update "Ticket" set "status" = 'CLOSED' where "id" = ${id}`;
});

async function allPages(input: ListQueueInput): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listQueue(db, agent, { ...input, limit: 100, cursor });
    ids.push(...page.items.map((t) => t.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

const reference = async (where: string, dir: "asc" | "desc" = "desc") =>
  (
    await db.$queryRawUnsafe<{ id: string }[]>(
      `select "id" from "Ticket" where ${where} order by "updatedAt" ${dir}, "id" ${dir}`,
    )
  ).map((r) => r.id);

describe("queue query shapes", () => {
  it("an open queue, merged from one scan per status, pages exactly like the plain query, in both orders", async () => {
    const open = `"status" in ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'PENDING')`;
    expect(await allPages({ view: "open" })).toEqual(await reference(open));
    expect(await allPages({ view: "open", sort: "oldest-update" })).toEqual(await reference(open, "asc"));
    expect(await allPages({ view: "all", statuses: ["CLOSED", "NEW"] })).toEqual(
      await reference(`"status" in ('CLOSED', 'NEW')`),
    );
  });

  it("a search finds common words in the latest tickets and rare phrases beyond them, in order", async () => {
    const printers = await allPages({ view: "all", search: "printer jams" });
    expect(printers).toEqual(await reference(`"title" like 'Printer jams%'`));
    expect(printers.length).toBeGreaterThan(800);
    const docking = await allPages({ view: "all", search: "docking-station" });
    expect(docking).toEqual(await reference(`"title" like 'Broken docking-station%'`));
    expect(docking).toHaveLength(8); // 5992 and 5999 of 5991..6000 are printers
    expect(await allPages({ view: "open", search: "printer", sort: "oldest-update" })).toEqual(
      await reference(
        `"title" like 'Printer jams%' and "status" in ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'PENDING')`,
        "asc",
      ),
    );
  });
});
