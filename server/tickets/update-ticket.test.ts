import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { console_, createAgent, createGroupWith, portal, refusal } from "@/test/tickets";
import { createTicket } from "./create-ticket";
import { getTicketForViewer } from "./get-ticket";
import { updateTicket, type StaleEditDetails } from "./update-ticket";

let db: Db;
let user: Awaited<ReturnType<typeof createUser>>;
let deskAgent: Awaited<ReturnType<typeof createAgent>>;
let specialist: Awaited<ReturnType<typeof createAgent>>;
let desk: { id: string };
let network: { id: string };
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  user = await createUser(db);
  deskAgent = await createAgent(db, "Dana Desk");
  specialist = await createAgent(db, "Sam Net");
  desk = await createGroupWith(db, "Service Desk", [deskAgent]);
  network = await createGroupWith(db, "Network", [specialist]);
});

const report = () => createTicket(db, portal(user), { title: "Wi-Fi drops in room 4", impact: 3, urgency: 3 });
const row = (id: string) => db.ticket.findUniqueOrThrow({ where: { id } });

describe("updating a ticket", () => {
  it("writes one history row per changed field, recomputes priority and moves a New ticket to Assigned", async () => {
    const t = await report();
    const result = await updateTicket(db, console_(deskAgent), {
      id: t.id,
      expectedVersion: 1,
      changes: { assigneeId: deskAgent.id, impact: 1, urgency: 2, title: "Wi-Fi drops in room 4" },
    });
    expect(result).toEqual({ id: t.id, version: 2, changed: ["assignee", "impact", "urgency", "priority", "status"] });
    expect(await row(t.id)).toMatchObject({
      version: 2,
      assigneeId: deskAgent.id,
      impact: 1,
      urgency: 2,
      priority: "P2",
      status: "ASSIGNED",
    });
    const history = await db.ticketHistory.findMany({ where: { ticketId: t.id }, orderBy: { id: "asc" } });
    expect(history.map((h) => [h.field, h.fromValue, h.toValue, h.actorId, h.version])).toEqual([
      ["assignee", null, "Dana Desk", deskAgent.id, 2],
      ["impact", "3", "1", deskAgent.id, 2],
      ["urgency", "3", "2", deskAgent.id, 2],
      ["priority", "P4", "P2", deskAgent.id, 2],
      ["status", "NEW", "ASSIGNED", deskAgent.id, 2],
    ]);
    // Nothing changed: no new version, no history.
    expect(
      await updateTicket(db, console_(deskAgent), { id: t.id, expectedVersion: 2, changes: { impact: 1 } }),
    ).toMatchObject({ version: 2, changed: [] });
  });

  it("refuses a stale edit with CONFLICT naming what changed since and who changed it", async () => {
    const t = await report();
    await updateTicket(db, console_(deskAgent), {
      id: t.id,
      expectedVersion: 1,
      changes: { urgency: 1, status: "IN_PROGRESS" },
    });
    const stale = await refusal(
      updateTicket(db, console_(specialist), { id: t.id, expectedVersion: 1, changes: { title: "Mine wins?" } }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toBe(
      `${t.displayNumber} was saved by someone else since you opened it (urgency, priority, status ` +
        `changed by Dana Desk). Review their changes, then save yours again.`,
    );
    const details = stale.details as StaleEditDetails;
    expect(details.currentVersion).toBe(2);
    expect(details.changes.map((c) => [c.field, c.fromValue, c.toValue, c.by?.name])).toEqual([
      ["urgency", "3", "1", "Dana Desk"],
      ["priority", "P4", "P3", "Dana Desk"],
      ["status", "NEW", "IN_PROGRESS", "Dana Desk"],
    ]);
    expect((await row(t.id)).title).toBe("Wi-Fi drops in room 4");
    // Told, the second agent saves again on the new version.
    expect(
      (
        await updateTicket(db, console_(specialist), {
          id: t.id,
          expectedVersion: 2,
          changes: { title: "Mine wins now" },
        })
      ).version,
    ).toBe(3);
  });

  it("lets exactly one of two simultaneous edits of the same version through", async () => {
    const t = await report();
    const results = await Promise.allSettled([
      updateTicket(db, console_(deskAgent), { id: t.id, expectedVersion: 1, changes: { title: "Edit A" } }),
      updateTicket(db, console_(specialist), { id: t.id, expectedVersion: 1, changes: { title: "Edit B" } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(
      results.filter((r) => r.status === "rejected" && (r.reason as { code?: string }).code === "CONFLICT"),
    ).toHaveLength(1);
    expect(await db.ticketHistory.count({ where: { ticketId: t.id } })).toBe(1);
  });

  it(
    "requires a note to escalate from the Service Desk, keeps it as an internal note and unassigns for " +
      "the new group",
    async () => {
      const t = await report();
      expect((await row(t.id)).groupId).toBe(desk.id);
      await updateTicket(db, console_(deskAgent), {
        id: t.id,
        expectedVersion: 1,
        changes: { assigneeId: deskAgent.id },
      });
      const noNote = await refusal(
        updateTicket(db, console_(deskAgent), { id: t.id, expectedVersion: 2, changes: { groupId: network.id } }),
      );
      expect(noNote).toMatchObject({
        code: "BAD_REQUEST",
        field: "note",
        message: `Say why ${t.displayNumber} goes to Network: the note is kept as an internal work note.`,
      });
      await updateTicket(db, console_(deskAgent), {
        id: t.id,
        expectedVersion: 2,
        changes: { groupId: network.id },
        note: "Access point in room 4 is down",
      });
      expect(await row(t.id)).toMatchObject({ groupId: network.id, assigneeId: null, status: "NEW", version: 3 });
      const note = await db.ticketComment.findFirstOrThrow({ where: { ticketId: t.id } });
      expect(note).toMatchObject({ body: "Access point in room 4 is down", internal: true, authorId: deskAgent.id });
      expect((await getTicketForViewer(db, user, t.id)).comments).toEqual([]);
      const assign = await refusal(
        updateTicket(db, console_(deskAgent), { id: t.id, expectedVersion: 3, changes: { assigneeId: deskAgent.id } }),
      );
      expect(assign.field).toBe("assigneeId");
    },
  );

  it("moves status only by the workflow, with the workflow's message on the status field", async () => {
    const t = await report();
    const close = await refusal(
      updateTicket(db, console_(deskAgent), { id: t.id, expectedVersion: 1, changes: { status: "CLOSED" } }),
    );
    expect(close).toMatchObject({
      code: "BAD_REQUEST",
      field: "status",
      message: "A ticket that is New cannot be closed: resolve it first (or cancel it if it is not needed).",
    });
    await updateTicket(db, console_(deskAgent), { id: t.id, expectedVersion: 1, changes: { status: "RESOLVED" } });
    expect((await row(t.id)).resolvedAt).not.toBeNull();
    await updateTicket(db, portal(user), { id: t.id, expectedVersion: 2, changes: { status: "CLOSED" } });
    expect(await row(t.id)).toMatchObject({ status: "CLOSED", version: 3 });
    const reopen = await refusal(
      updateTicket(db, console_(deskAgent), { id: t.id, expectedVersion: 3, changes: { status: "IN_PROGRESS" } }),
    );
    expect(reopen.message).toBe(
      "This ticket is closed and cannot be reopened. Open a new ticket and mention this one.",
    );
  });

  it("lets the requester reopen within the auto-close window, with a public note, and nothing else", async () => {
    const t = await report();
    await updateTicket(db, console_(deskAgent), { id: t.id, expectedVersion: 1, changes: { status: "RESOLVED" } });
    const edit = await refusal(
      updateTicket(db, portal(user), { id: t.id, expectedVersion: 2, changes: { urgency: 1 } }),
    );
    expect(edit).toMatchObject({ code: "FORBIDDEN", field: "urgency" });
    const other = await createUser(db);
    expect(
      (await refusal(updateTicket(db, portal(other), { id: t.id, expectedVersion: 2, changes: { status: "CLOSED" } })))
        .code,
    ).toBe("NOT_FOUND");
    await updateTicket(db, portal(user), {
      id: t.id,
      expectedVersion: 2,
      changes: { status: "IN_PROGRESS" },
      note: "Still dropping",
    });
    expect(await row(t.id)).toMatchObject({ status: "IN_PROGRESS", resolvedAt: null });
    expect((await getTicketForViewer(db, user, t.id)).comments.map((c) => c.body)).toEqual(["Still dropping"]);

    await updateTicket(db, console_(deskAgent), { id: t.id, expectedVersion: 3, changes: { status: "RESOLVED" } });
    await db.$executeRaw`update "Ticket" set "resolvedAt" = now() - interval '8 days' where "id" = ${t.id}`;
    const late = await refusal(
      updateTicket(db, portal(user), { id: t.id, expectedVersion: 4, changes: { status: "IN_PROGRESS" } }),
    );
    expect(late.message).toBe(
      "This ticket was resolved more than 7 days ago and can no longer be reopened. Open a new ticket and " +
        "mention this one.",
    );
  });

  it("counts the time spent Pending for the SLA clock, by the database clock", async () => {
    const t = await report();
    await updateTicket(db, console_(deskAgent), { id: t.id, expectedVersion: 1, changes: { status: "PENDING" } });
    expect((await row(t.id)).pendingSince).not.toBeNull();
    await db.$executeRaw`update "Ticket" set "pendingSince" = now() - interval '90 minutes' where "id" = ${t.id}`;
    await updateTicket(db, console_(deskAgent), { id: t.id, expectedVersion: 2, changes: { status: "IN_PROGRESS" } });
    const after = await row(t.id);
    expect(after.pendingSince).toBeNull();
    expect(after.pausedSeconds).toBeGreaterThanOrEqual(5400);
    expect(after.pausedSeconds).toBeLessThan(5460);
  });
});
