import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { console_, createAgent } from "@/test/tickets";
import { createTicket } from "./create-ticket";
import { countQueues, listQueue } from "./list-tickets";
import { QUEUE_COUNT_CAP } from "../../lib/tickets/queue-count-cap";

let db: Db;
let agent: Awaited<ReturnType<typeof createAgent>>;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  agent = await createAgent(db);
});

describe("queue counts", () => {
  it("are exact up to the cap and stop one above it, so a big queue is never counted whole", async () => {
    const requester = await createUser(db);
    const { id } = await createTicket(db, console_(agent), {
      title: "Template",
      requesterId: requester.id,
      impact: 3,
      urgency: 3,
    });
    // Copies of one ticket with fresh numbers: 1,004 open tickets in all, one closed.
    await db.$executeRaw`
      insert into "Ticket" ("id", "type", "number", "title", "description", "requesterId", "impact", "urgency",
        "priority", "status", "createdAt", "updatedAt")
      select gen_random_uuid()::text, "type", nextval('ticket_number_incident'), "title" || ' ' || i,
        "description", "requesterId", "impact", "urgency", "priority", "status", "createdAt", "updatedAt"
      from "Ticket", generate_series(1, ${QUEUE_COUNT_CAP + 3}) i where "id" = ${id}`;
    await db.$executeRaw`update "Ticket" set "status" = 'CLOSED', "closedAt" = now(), "resolvedAt" = now() where
      "id" = ${id}`;
    const counts = await countQueues(db, agent);
    expect(counts.all).toBe(QUEUE_COUNT_CAP + 1);
    expect(counts.open).toBe(QUEUE_COUNT_CAP + 1);
    expect(counts.mine).toBe(0);
    expect((await countQueues(db, agent, { search: "Template 17" })).all).toBe(1);
    // The list itself is not capped: paging on past the thousandth ticket still works.
    const page = await listQueue(db, agent, { view: "all", limit: 100 });
    expect(page.items).toHaveLength(100);
    expect(page.nextCursor).not.toBeNull();
  });
});
