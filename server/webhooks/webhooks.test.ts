import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createUser, signIn } from "@/test/factories";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import { createTicket } from "@/server/tickets/create-ticket";
import { addComment } from "@/server/tickets/add-comment";
import { updateTicket } from "@/server/tickets/update-ticket";
import { backoffSeconds, deliverDueWebhooks } from "./deliver";
import { signWebhook, verifyWebhookSignature } from "./signature";

/*
 * Webhooks against a real HTTP receiver this test starts (port 0): outbox rows in the change's
 * own transaction, signed deliveries a receiver can verify, retries with backoff on failure,
 * deliveries listed with their answers, and internal notes only to endpoints allowed to see them.
 */

type Received = { headers: http.IncomingHttpHeaders; body: string };
const received: Received[] = [];
let answerWith = 200;
let receiver: http.Server;
let url: string;
let db: Db;
let admin: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  admin = await createUser(db, { role: "ADMIN" });
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answerWith;
      res.end(answerWith === 200 ? "thanks" : "try later");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

async function endpoint(events: string[], includeInternalNotes = false) {
  const caller = callerFor(db, await signIn(db, admin.id));
  const created = await caller.adminWebhooks.create({
    name: `Receiver ${received.length}-${Math.random().toString(36).slice(2, 6)}`,
    url,
    events: events as never,
    includeInternalNotes,
  });
  return { ...created, caller };
}

/** Only this test's endpoints are active while it runs. */
async function only(id: string) {
  await db.webhookEndpoint.updateMany({ where: { id: { not: id } }, data: { active: false } });
}

describe("webhooks", () => {
  it("a created ticket is delivered signed; the receiver can verify it and refuses a tampered or old one", async () => {
    const hook = await endpoint(["TICKET_CREATED"]);
    await only(hook.id);
    const user = await createUser(db);
    const ticket = await createTicket(db, { id: user.id, role: "END_USER", via: "portal" }, { title: "Mouse broken" });
    const row = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: hook.id, ticketId: ticket.id } });
    expect(row).toMatchObject({ event: "TICKET_CREATED", status: "PENDING" });

    received.length = 0;
    expect(await deliverDueWebhooks(db)).toBe(1);
    expect(received).toHaveLength(1);
    const { headers, body } = received[0]!;
    expect(JSON.parse(body)).toMatchObject({
      event: "TICKET_CREATED",
      ticket: { id: ticket.id, number: ticket.displayNumber, title: "Mouse broken" },
    });
    expect(headers["seatdesk-event"]).toBe("TICKET_CREATED");
    const signature = headers["seatdesk-signature"] as string;
    expect(verifyWebhookSignature(hook.signingKey, signature, body)).toBe(true);
    expect(verifyWebhookSignature(hook.signingKey, signature, body.replace("Mouse", "House"))).toBe(false);
    expect(verifyWebhookSignature("whsec_other", signature, body)).toBe(false);
    const old = signWebhook(hook.signingKey, body, Math.floor(Date.now() / 1000) - 3600);
    expect(verifyWebhookSignature(hook.signingKey, old, body)).toBe(false);

    const listed = await hook.caller.adminWebhooks.deliveries({ endpointId: hook.id });
    expect(listed.items[0]).toMatchObject({
      status: "DELIVERED",
      lastStatusCode: 200,
      lastResponse: "thanks",
      attempts: 1,
    });
    // Delivered once: nothing more is due.
    expect(await deliverDueWebhooks(db)).toBe(0);
  });

  it("a failed delivery is retried with backoff, then delivered", async () => {
    const hook = await endpoint(["TICKET_CREATED"]);
    await only(hook.id);
    const user = await createUser(db);
    await createTicket(db, { id: user.id, role: "END_USER", via: "portal" }, { title: "Retry me please" });
    answerWith = 503;
    expect(await deliverDueWebhooks(db)).toBe(0);
    const failed = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: hook.id } });
    expect(failed).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: 503, lastResponse: "try later" });
    expect(failed.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan((backoffSeconds(1) - 2) * 1000);
    // Not due yet: nothing is sent.
    expect(await deliverDueWebhooks(db)).toBe(0);
    expect((await db.webhookDelivery.findFirstOrThrow({ where: { id: failed.id } })).attempts).toBe(1);

    answerWith = 200;
    await db.webhookDelivery.update({ where: { id: failed.id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    expect(await deliverDueWebhooks(db)).toBe(1);
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { id: failed.id } })).toMatchObject({
      status: "DELIVERED",
      attempts: 2,
    });
    expect(backoffSeconds(2)).toBe(20);
    expect(backoffSeconds(30)).toBe(3600);
  });

  it("an unreachable endpoint is recorded with the error and retried", async () => {
    const hook = await endpoint(["TICKET_CREATED"]);
    await only(hook.id);
    await db.webhookEndpoint.update({ where: { id: hook.id }, data: { url: "http://127.0.0.1:1/nothing" } });
    const user = await createUser(db);
    await createTicket(db, { id: user.id, role: "END_USER", via: "portal" }, { title: "Nobody listens" });
    expect(await deliverDueWebhooks(db)).toBe(0);
    const row = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: hook.id } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: null });
    expect(row.lastError).toBeTruthy();
  });

  it("internal notes go only to endpoints allowed to see them; replies to both", async () => {
    const publicOnly = await endpoint(["TICKET_REPLIED"]);
    const internalToo = await endpoint(["TICKET_REPLIED"], true);
    await db.webhookEndpoint.updateMany({
      where: { id: { notIn: [publicOnly.id, internalToo.id] } },
      data: { active: false },
    });
    const agent = await createNamedAgent(db);
    const user = await createUser(db);
    const ticket = await createTicket(
      db,
      { id: user.id, role: "END_USER", via: "portal" },
      { title: "Screen flickers" },
    );
    const consoleActor = { id: agent.id, role: "AGENT" as const, via: "console" as const };
    await addComment(db, consoleActor, { ticketId: ticket.id, body: "private finding", internal: true });
    await addComment(db, consoleActor, { ticketId: ticket.id, body: "public answer" });
    const rows = await db.webhookDelivery.findMany({
      where: { ticketId: ticket.id },
      select: { endpointId: true, payload: true },
    });
    const to = (id: string) => rows.filter((r) => r.endpointId === id).map((r) => JSON.stringify(r.payload));
    expect(to(publicOnly.id)).toHaveLength(1);
    expect(to(publicOnly.id)[0]).toContain("public answer");
    expect(to(internalToo.id)).toHaveLength(2);
    expect(to(internalToo.id).join()).toContain("private finding");
  });

  it("a change that rolls back leaves no delivery; a resolution is its own event", async () => {
    const hook = await endpoint(["TICKET_REPLIED", "TICKET_UPDATED", "TICKET_RESOLVED"]);
    await only(hook.id);
    const agent = await createNamedAgent(db);
    const user = await createUser(db);
    const ticket = await createTicket(
      db,
      { id: user.id, role: "END_USER", via: "portal" },
      { title: "Closed already" },
    );
    const consoleActor = { id: agent.id, role: "AGENT" as const, via: "console" as const };
    const v2 = await updateTicket(db, consoleActor, {
      id: ticket.id,
      expectedVersion: 1,
      changes: { status: "IN_PROGRESS", assigneeId: undefined },
    });
    await updateTicket(db, consoleActor, {
      id: ticket.id,
      expectedVersion: v2.version,
      changes: { status: "RESOLVED" },
    });
    const events = await db.webhookDelivery.findMany({ where: { ticketId: ticket.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.event)).toEqual(["TICKET_UPDATED", "TICKET_RESOLVED"]);
    // A stale edit is refused inside its transaction: no event for it.
    await expect(
      updateTicket(db, consoleActor, { id: ticket.id, expectedVersion: 1, changes: { status: "PENDING" } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await db.ticket.update({ where: { id: ticket.id }, data: { status: "CLOSED" } });
    await expect(addComment(db, consoleActor, { ticketId: ticket.id, body: "too late" })).rejects.toBeDefined();
    expect(await db.webhookDelivery.count({ where: { ticketId: ticket.id } })).toBe(2);
  });

  it("bad endpoints are refused with a message; endpoints are for administrators", async () => {
    const caller = callerFor(db, await signIn(db, admin.id));
    await expect(
      caller.adminWebhooks.create({ name: "Bad", url: "ftp://example.test/x", events: ["TICKET_CREATED"] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.adminWebhooks.create({ name: "None", url, events: [] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const agent = await createUser(db, { role: "AGENT" });
    await expect(callerFor(db, await signIn(db, agent.id)).adminWebhooks.list()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
