import { beforeAll, describe, expect, it } from "vitest";
import { giveModuleLicenses } from "@/test/license";
import { TRPCError } from "@trpc/server";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers, createUser, signIn } from "@/test/factories";
import { callerFor } from "@/test/trpc";
import { createGroupWith } from "@/test/tickets";
import type { Db } from "@/server/db/client";
import type { AppError } from "@/server/errors";
import { checkoutSeat } from "@/server/licensing/checkout";
import type { StaleEditDetails } from "@/server/tickets/update-ticket";

/*
 * The console's ticket procedures through every middleware: reads need no seat, writes need a
 * live one, a stale edit is told what changed and by whom, an escalation needs its note.
 */

let db: Db;
let desk: { id: string; name: string };
let desk2: { id: string; name: string };
let specialist: { id: string; name: string };
let requester: { id: string; name: string };
let serviceDesk: { id: string };
let network: { id: string };
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  desk = await createNamedAgent(db);
  await giveModuleLicenses(db, [desk.id]); // works problem tickets too
  desk2 = await createNamedAgent(db);
  specialist = await createNamedAgent(db);
  requester = await createUser(db, { name: "Rita Requester" });
  serviceDesk = await createGroupWith(db, "Service Desk", [desk, desk2]);
  network = await createGroupWith(db, "Network", [specialist]);
});

const as = async (user: { id: string }) => callerFor(db, await signIn(db, user.id));

/** The error a call is rejected with: a TRPCError whose cause is the domain's AppError. */
async function rejection(promise: Promise<unknown>): Promise<TRPCError & { cause?: AppError }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError & { cause?: AppError };
}

async function newTicket(title = "VPN drops every hour") {
  const caller = await as(desk);
  return caller.consoleTickets.create({ title, description: "Since Monday", requesterId: requester.id });
}

describe("consoleTickets: a desk agent with a seat", () => {
  it("opens a ticket for a requester, finds it in the queues and reads it whole", async () => {
    const caller = await as(desk);
    const created = await newTicket("Printer on floor 3 jams");
    expect(created.displayNumber).toMatch(/^INC-\d{6}$/);

    const open = await caller.consoleTickets.queue({ view: "my-groups-unassigned", search: "printer jams" });
    expect(open.items.map((t) => t.id)).toEqual([created.id]);
    expect(open.items[0]).toMatchObject({
      requester: { name: "Rita Requester" },
      group: { name: "Service Desk" },
      status: "NEW",
      sla: expect.any(String),
    });
    expect(await caller.consoleTickets.counts({ search: "printer jams" })).toMatchObject({
      "my-groups-unassigned": 1,
      open: 1,
      mine: 0,
    });

    const view = await caller.consoleTickets.get({ ref: created.displayNumber });
    expect(view).toMatchObject({
      id: created.id,
      version: 1,
      requester: { id: requester.id, email: expect.stringContaining("@") },
      history: [],
      links: [],
      sla: { now: expect.any(Date) },
    });

    const lookups = await caller.consoleTickets.lookups();
    expect(lookups.groups.find((g) => g.id === serviceDesk.id)).toMatchObject({
      name: "Service Desk",
      mine: true,
      members: expect.arrayContaining([{ id: desk.id, name: desk.name }]),
    });
    expect(lookups.groups.find((g) => g.id === network.id)).toMatchObject({ mine: false });
    expect((await caller.consoleTickets.people({ search: "rita req" })).map((p) => p.id)).toEqual([requester.id]);
  });

  it("assigns, answers publicly, writes a work note, links and unlinks: all in the history", async () => {
    const caller = await as(desk);
    const ticket = await newTicket();
    const saved = await caller.consoleTickets.update({
      id: ticket.id,
      expectedVersion: 1,
      changes: { assigneeId: desk.id, urgency: 1 },
    });
    expect(saved).toMatchObject({
      version: 2,
      changed: expect.arrayContaining(["assignee", "status", "urgency", "priority"]),
    });

    await caller.consoleTickets.comment({ ticketId: ticket.id, body: "We are looking into it." });
    await caller.consoleTickets.comment({ ticketId: ticket.id, body: "Probably the concentrator", internal: true });
    await expect(caller.consoleTickets.comment({ ticketId: ticket.id, body: "   " })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });

    const problem = await caller.consoleTickets.create({ type: "PROBLEM", title: "VPN concentrator memory leak" });
    const link = await caller.consoleTickets.link({ fromId: problem.id, toRef: ticket.displayNumber });
    const linked = await caller.consoleTickets.get({ ref: problem.displayNumber });
    expect(linked.links).toEqual([
      expect.objectContaining({ id: link.id, direction: "to", ticket: expect.objectContaining({ id: ticket.id }) }),
    ]);
    await caller.consoleTickets.unlink({ linkId: link.id });
    await expect(caller.consoleTickets.unlink({ linkId: link.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(
      (await caller.consoleTickets.get({ ref: problem.id })).history.map((h) => [h.field, h.fromValue, h.toValue]),
    ).toEqual([
      ["link", null, ticket.displayNumber],
      ["link", ticket.displayNumber, null],
    ]);

    const view = await caller.consoleTickets.get({ ref: ticket.id });
    expect(view.comments.map((c) => [c.body, c.internal])).toEqual([
      ["We are looking into it.", false],
      ["Probably the concentrator", true],
    ]);
    expect(view.firstRespondedAt).not.toBeNull();
    expect(view).toMatchObject({
      status: "ASSIGNED",
      priority: expect.stringMatching(/^P[1-4]$/),
      assignee: { id: desk.id },
    });
  });

  it("refuses an invalid transition next to the status field, and keeps the ticket as it was", async () => {
    const caller = await as(desk);
    const ticket = await newTicket();
    const error = await rejection(
      caller.consoleTickets.update({ id: ticket.id, expectedVersion: 1, changes: { status: "CLOSED" } }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause).toMatchObject({
      field: "status",
      message: "A ticket that is New cannot be closed: resolve it first (or cancel it if it is not needed).",
    });
    expect(await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({
      status: "NEW",
      version: 1,
    });
  });
});

describe("consoleTickets: escalation", () => {
  it(
    "sends a ticket to a specialist group only with a note of why, kept as a work note, leaving it for " + "the group",
    async () => {
      const caller = await as(desk);
      const ticket = await newTicket();
      await caller.consoleTickets.update({ id: ticket.id, expectedVersion: 1, changes: { assigneeId: desk.id } });

      const noNote = await rejection(
        caller.consoleTickets.escalate({ id: ticket.id, expectedVersion: 2, groupId: network.id, note: "  " }),
      );
      expect(noNote.code).toBe("BAD_REQUEST");
      // Through the general update too: the domain refuses leaving the Service Desk without a note.
      const viaUpdate = await rejection(
        caller.consoleTickets.update({ id: ticket.id, expectedVersion: 2, changes: { groupId: network.id } }),
      );
      expect(viaUpdate.cause).toMatchObject({
        code: "BAD_REQUEST",
        field: "note",
        message: expect.stringContaining("Network"),
      });
      const same = await rejection(
        caller.consoleTickets.escalate({ id: ticket.id, expectedVersion: 2, groupId: serviceDesk.id, note: "why not" }),
      );
      expect(same.cause).toMatchObject({
        field: "groupId",
        message: expect.stringContaining("already with Service Desk"),
      });
      expect(await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({
        groupId: serviceDesk.id,
        version: 2,
      });

      const escalated = await caller.consoleTickets.escalate({
        id: ticket.id,
        expectedVersion: 2,
        groupId: network.id,
        note: "Switch port errors on the uplink",
      });
      expect(escalated.version).toBe(3);
      const view = await caller.consoleTickets.get({ ref: ticket.id });
      expect(view).toMatchObject({ group: { id: network.id }, assignee: null, status: "NEW" });
      expect(view.comments.at(-1)).toMatchObject({
        body: "Switch port errors on the uplink",
        internal: true,
        author: { id: desk.id },
      });

      const inNetwork = await (await as(specialist)).consoleTickets.queue({ view: "my-groups-unassigned" });
      expect(inNetwork.items.map((t) => t.id)).toContain(ticket.id);
    },
  );
});

describe("consoleTickets: two agents on one ticket", () => {
  it("tells the second save what changed since the version it saw, and by whom, and keeps the first save", async () => {
    const ticket = await newTicket();
    const first = await as(desk);
    const second = await as(desk2);
    await first.consoleTickets.update({
      id: ticket.id,
      expectedVersion: 1,
      changes: { title: "VPN drops every hour for the whole floor", impact: 1 },
    });

    const stale = await rejection(
      second.consoleTickets.update({ id: ticket.id, expectedVersion: 1, changes: { title: "VPN drops hourly" } }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toContain(`changed by ${desk.name}`);
    const details = stale.cause!.details as StaleEditDetails;
    expect(details.currentVersion).toBe(2);
    expect(details.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: "title",
          fromValue: "VPN drops every hour",
          toValue: "VPN drops every hour for the whole floor",
          by: { id: desk.id, name: desk.name },
        }),
        expect.objectContaining({ field: "impact", by: { id: desk.id, name: desk.name } }),
      ]),
    );
    expect((await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).title).toBe(
      "VPN drops every hour for the whole floor",
    );

    // Having seen the changes, the second agent saves again against the current version.
    await expect(
      second.consoleTickets.update({ id: ticket.id, expectedVersion: 2, changes: { title: "VPN drops hourly" } }),
    ).resolves.toMatchObject({ version: 3 });
  });
});

describe("consoleTickets: without a seat the console reads but does not write", () => {
  async function everyWriteRefused(
    caller: Awaited<ReturnType<typeof as>>,
    ticketId: string,
    expected: { code: string; seat: string },
  ) {
    const writes: Record<string, () => Promise<unknown>> = {
      create: () => caller.consoleTickets.create({ title: "Should not exist", requesterId: requester.id }),
      update: () =>
        caller.consoleTickets.update({ id: ticketId, expectedVersion: 1, changes: { title: "Should not change" } }),
      escalate: () =>
        caller.consoleTickets.escalate({ id: ticketId, expectedVersion: 1, groupId: network.id, note: "no seat" }),
      comment: () => caller.consoleTickets.comment({ ticketId, body: "Should not be written", internal: true }),
      link: () => caller.consoleTickets.link({ fromId: ticketId, toRef: ticketId }),
      unlink: () => caller.consoleTickets.unlink({ linkId: "none" }),
    };
    for (const [name, write] of Object.entries(writes)) {
      const error = await rejection(write());
      expect(error.code, name).toBe(expected.code);
      expect(error.cause?.details, name).toMatchObject({ seat: expected.seat });
    }
  }

  async function readsWork(caller: Awaited<ReturnType<typeof as>>, ticket: { id: string; displayNumber: string }) {
    expect(
      (await caller.consoleTickets.queue({ view: "all", search: ticket.displayNumber })).items.map((t) => t.id),
    ).toEqual([ticket.id]);
    expect((await caller.consoleTickets.get({ ref: ticket.displayNumber })).comments.length).toBeGreaterThan(0);
    expect((await caller.consoleTickets.lookups()).groups.length).toBeGreaterThan(0);
    await caller.consoleTickets.counts({});
  }

  it("an agent with no seat license: reads everything, internal notes included; every write FORBIDDEN", async () => {
    const ticket = await newTicket();
    await (await as(desk)).consoleTickets.comment({ ticketId: ticket.id, body: "internal only", internal: true });
    const unlicensed = await as(await createUser(db, { role: "AGENT" }));
    await readsWork(unlicensed, ticket);
    await everyWriteRefused(unlicensed, ticket.id, { code: "FORBIDDEN", seat: "unlicensed" });
    expect(
      await db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { version: true, title: true } }),
    ).toEqual({ version: 1, title: "VPN drops every hour" });
    expect(await db.ticketComment.count({ where: { ticketId: ticket.id } })).toBe(1);
    expect(await db.ticket.count({ where: { title: "Should not exist" } })).toBe(0);
  });

  it("a specialist whose pool is full: reads; every write PRECONDITION_FAILED, nothing written", async () => {
    const ticket = await newTicket();
    await (await as(desk)).consoleTickets.comment({ ticketId: ticket.id, body: "first reply" });
    const pool = await createPool(db, { size: 1 });
    const [holder, waiting] = await createPoolMembers(db, pool.id, 2);
    expect((await checkoutSeat(db, { userId: holder!.id })).status).toBe("granted");
    const caller = await as(waiting!);
    await readsWork(caller, ticket);
    await everyWriteRefused(caller, ticket.id, { code: "PRECONDITION_FAILED", seat: "refused" });
    expect(await db.ticketComment.count({ where: { ticketId: ticket.id } })).toBe(1);
    expect(await db.ticket.count({ where: { title: "Should not exist" } })).toBe(0);
  });

  it("an end user cannot use the console's procedures at all", async () => {
    const caller = await as(requester);
    await expect(caller.consoleTickets.queue({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.consoleTickets.get({ ref: "INC-000001" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.consoleTickets.comment({ ticketId: "x", body: "hi" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
