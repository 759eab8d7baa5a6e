import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { giveModuleLicenses } from "@/test/license";
import { console_, createAgent, createGroupWith, portal, refusal } from "@/test/tickets";
import { createTicket } from "./create-ticket";

let db: Db;
let newClient: (max?: number) => Db;
let agent: Awaited<ReturnType<typeof createAgent>>;
beforeAll(async () => {
  ({ db, newClient } = await createTestDatabase());
  agent = await createAgent(db);
  await giveModuleLicenses(db, [agent.id]); // works change and problem tickets too
});

describe("creating tickets", () => {
  it("starts New with no group while the organisation has no Service Desk, then in the Service Desk", async () => {
    const user = await createUser(db);
    const before = await createTicket(db, portal(user), { title: "VPN drops every hour" });
    expect(await db.ticket.findUniqueOrThrow({ where: { id: before.id } })).toMatchObject({
      status: "NEW",
      groupId: null,
      requesterId: user.id,
      type: "INCIDENT",
      impact: 3,
      urgency: 2,
      priority: "P4",
      version: 1,
    });
    const desk = await createGroupWith(db, "Service Desk");
    const after = await createTicket(db, portal(user), { type: "REQUEST", title: "New laptop" });
    expect((await db.ticket.findUniqueOrThrow({ where: { id: after.id } })).groupId).toBe(desk.id);
  });

  it("numbers each type in its own series, shown as INC-000123", async () => {
    const a = await createTicket(db, console_(agent), { type: "PROBLEM", title: "Recurring VPN drops" });
    const b = await createTicket(db, console_(agent), { type: "CHANGE", title: "Upgrade VPN concentrator" });
    const c = await createTicket(db, console_(agent), { type: "PROBLEM", title: "Slow file shares" });
    const d = await createTicket(db, console_(agent), { type: "JOB", title: "Rotate backup tapes" });
    expect(c.number).toBe(a.number + 1);
    expect([a.number, b.number, d.number]).toEqual([1, 1, 1]);
    expect(a.displayNumber).toBe("PRB-000001");
    expect(b.displayNumber).toBe("CHG-000001");
    expect(d.displayNumber).toBe("JOB-000001");
  });

  it("gives 50 concurrent creations distinct consecutive numbers", async () => {
    const racers = newClient(50);
    const user = await createUser(racers);
    // Open the connections first, so the creations start together.
    await Promise.all(Array.from({ length: 50 }, () => racers.$queryRaw`select 1 from pg_sleep(0.05)`));
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) => createTicket(racers, portal(user), { type: "REQUEST", title: `Race ${i}` })),
    );
    const numbers = created.map((t) => t.number).sort((x, y) => x - y);
    expect(new Set(numbers).size).toBe(50);
    expect(numbers.at(-1)! - numbers[0]!).toBe(49);
    expect(await db.ticket.count({ where: { type: "REQUEST", number: { in: numbers } } })).toBe(50);
  });

  it("from the portal: incidents and requests only, for oneself, never assigned", async () => {
    const user = await createUser(db);
    const other = await createUser(db);
    expect(
      await refusal(createTicket(db, portal(user), { type: "CHANGE", title: "Change the firewall" })),
    ).toMatchObject({ code: "BAD_REQUEST", field: "type" });
    const group = await createGroupWith(db, "Network", [agent]);
    expect(await refusal(createTicket(db, portal(user), { title: "Wi-Fi down", groupId: group.id }))).toMatchObject({
      code: "FORBIDDEN",
      field: "groupId",
    });
    expect(await refusal(createTicket(db, portal(user), { title: "Wi-Fi down", requesterId: other.id }))).toMatchObject(
      { code: "FORBIDDEN", field: "requesterId" },
    );
    // An agent using the portal has a requester's powers there, not an agent's.
    expect(await refusal(createTicket(db, portal(agent), { type: "PROBLEM", title: "Wi-Fi flaps" }))).toMatchObject({
      field: "type",
    });
  });

  it("from the console: any type, for someone else, in a group, to one of its members", async () => {
    const user = await createUser(db);
    const outsider = await createAgent(db);
    const group = await createGroupWith(db, "Applications", [agent]);
    const created = await createTicket(db, console_(agent), {
      type: "INCIDENT",
      title: "ERP login fails",
      requesterId: user.id,
      groupId: group.id,
      assigneeId: agent.id,
      impact: 1,
      urgency: 1,
    });
    expect(await db.ticket.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      requesterId: user.id,
      groupId: group.id,
      assigneeId: agent.id,
      priority: "P1",
      status: "NEW",
    });
    const notMember = await refusal(
      createTicket(db, console_(agent), { title: "ERP slow", groupId: group.id, assigneeId: outsider.id }),
    );
    expect(notMember).toMatchObject({ code: "BAD_REQUEST", field: "assigneeId" });
    expect(notMember.message).toBe(
      `${outsider.name} is not a member of Applications. Choose one of its members, or another group.`,
    );
    expect(await refusal(createTicket(db, console_(agent), { title: "ERP slow", assigneeId: user.id }))).toMatchObject({
      field: "assigneeId",
    });
    // An end user cannot use the console door at all.
    expect(await refusal(createTicket(db, console_(user), { title: "Let me in" }))).toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("refuses titles and descriptions of the wrong size, and unknown types, with readable messages", async () => {
    const user = await createUser(db);
    const issues = async (input: Parameters<typeof createTicket>[2]) => {
      const error = await createTicket(db, portal(user), input).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ZodError);
      return (error as ZodError).issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(await issues({ title: "  a " })).toEqual(["title: Use at least 3 characters for the title"]);
    expect(await issues({ title: "x".repeat(201) })).toEqual(["title: Use at most 200 characters for the title"]);
    expect(await issues({ title: "Fine", description: "y".repeat(20_001) })).toEqual([
      "description: Use at most 20,000 characters for the description",
    ]);
    expect(await issues({ title: "Fine", type: "OUTAGE" as never })).toEqual([
      "type: Choose a ticket type: incident, service request, problem, change or job",
    ]);
    expect(await issues({ title: "Fine", impact: 4 })).toEqual([
      "impact: Choose the impact: 1 (high), 2 (medium) or 3 (low)",
    ]);
  });

  it("stores markup and script exactly as typed (rendering escapes it later)", async () => {
    const user = await createUser(db);
    const title = `<b>Bold</b> & "quoted" <script>alert(1)</script>`;
    const description = `Line one\n<img src=x onerror=alert(1)>\n  indented & <a href="javascript:alert(2)">link</a>\n`;
    const { id } = await createTicket(db, portal(user), { title, description });
    expect(await db.ticket.findUniqueOrThrow({ where: { id }, select: { title: true, description: true } })).toEqual({
      title,
      description,
    });
  });
});
