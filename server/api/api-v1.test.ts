import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers, createUser } from "@/test/factories";
import { apiCall, apiToken } from "@/test/api";
import type { Db } from "@/server/db/client";
import { checkoutSeat } from "@/server/licensing/checkout";
import { releaseLeaseOfUser } from "@/server/licensing/release";
import { createTicket } from "@/server/tickets/create-ticket";
import type { ApiScopeValue } from "@/lib/validation/api-accounts";

/*
 * /api/v1 end to end through the handler the app's route runs (gate, procedures, domain, real
 * PostgreSQL): acting for an end user, a named agent, a pool agent with and without a free seat,
 * an unlicensed person and an unknown one; scopes; stamps in history, text, audit and seat
 * history; idempotent retries; bad input; revocation and rate limits.
 */

let db: Db;
let ana: Awaited<ReturnType<typeof createUser>>;
let full: { token: string; account: { id: string; name: string } };
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  ana = await createUser(db, { name: "Ana Ruiz", email: `ana-${randomUUID().slice(0, 6)}@acme.test` });
  await db.user.update({ where: { id: ana.id }, data: { externalId: `E-${Math.floor(Math.random() * 1e6)}` } });
  ana = await db.user.findUniqueOrThrow({ where: { id: ana.id } });
  full = await apiToken(db, ["READ_TICKETS", "ACT_FOR_REQUESTERS", "ACT_FOR_AGENTS", "READ_KNOWLEDGE"], {
    accountName: `Chat hub ${randomUUID().slice(0, 4)}`,
  });
});

const ticketCount = () => db.ticket.count();
const newTicketFor = async (requesterId: string) => {
  const t = await createTicket(db, { id: requesterId, role: "END_USER", via: "portal" }, { title: "Printer jam" });
  return t;
};

describe("acting for an end user", () => {
  it(
    "opens a ticket for the person named, stamped in the history, the audit log and the account's " +
      "actions, without a seat",
    async () => {
      const answer = await apiCall(db, "POST", "/tickets", {
        token: full.token,
        onBehalfOf: ana.externalId!,
        body: { title: "VPN drops every hour", description: "Since Monday" },
      });
      expect(answer.status).toBe(200);
      const id = answer.body.id as string;
      expect(answer.body.displayNumber).toMatch(/^INC-\d{6}$/);
      const ticket = await db.ticket.findUniqueOrThrow({ where: { id } });
      expect(ticket.requesterId).toBe(ana.id);
      const stamp = `via ${full.account.name} for Ana Ruiz, ${ana.externalId}`;
      expect(await db.ticketHistory.findFirstOrThrow({ where: { ticketId: id, field: "via" } })).toMatchObject({
        actorId: ana.id,
        toValue: `opened the ticket ${stamp}`,
      });
      expect(await db.apiAction.findFirstOrThrow({ where: { ticketId: id } })).toMatchObject({
        personId: ana.id,
        actingAs: "END_USER",
        outcome: "DONE",
        action: "api.createTicket",
        accountId: full.account.id,
      });
      const audit = await db.adminAuditEvent.findFirstOrThrow({
        where: { actorId: ana.id, action: "api.createTicket" },
      });
      expect(JSON.stringify(audit.input)).toContain(stamp);
      expect(await db.seatLease.count({ where: { userId: ana.id } })).toBe(0);
    },
  );

  it("finds the person by email too, and replies as the requester with the stamp in the reply", async () => {
    const { id } = await newTicketFor(ana.id);
    const answer = await apiCall(db, "POST", `/tickets/${id}/requester-replies`, {
      token: full.token,
      onBehalfOf: ana.email.toUpperCase(),
      body: { body: "Still broken" },
    });
    expect(answer.status).toBe(200);
    const comment = await db.ticketComment.findUniqueOrThrow({ where: { id: answer.body.id as string } });
    expect(comment.body).toBe(`Still broken\n\n— via ${full.account.name} for Ana Ruiz, ${ana.externalId}`);
    expect(comment.authorId).toBe(ana.id);
  });

  it("does not let a requester reply on someone else's ticket (404, nothing written)", async () => {
    const other = await createUser(db);
    const { id } = await newTicketFor(other.id);
    const answer = await apiCall(db, "POST", `/tickets/${id}/requester-replies`, {
      token: full.token,
      onBehalfOf: ana.email,
      body: { body: "Me too" },
    });
    expect(answer.status).toBe(404);
    expect(await db.ticketComment.count({ where: { ticketId: id } })).toBe(0);
    expect(await db.apiAction.count({ where: { ticketId: id } })).toBe(0);
  });
});

describe("a requester's answers to a resolution, through the API (no seat, as in the portal)", () => {
  const resolve = (id: string) =>
    db.$executeRaw`update "Ticket" set "status" = 'RESOLVED', "resolvedAt" = now() - interval '1 hour'
      where "id" = ${id}`;

  it(
    "confirms a resolution for the requester: Closed, with " + "the stamp in the history, the actions and the audit",
    async () => {
      const { id } = await newTicketFor(ana.id);
      await resolve(id);
      const answer = await apiCall(db, "POST", `/tickets/${id}/confirm-resolution`, {
        token: full.token,
        onBehalfOf: ana.email,
        body: {},
      });
      expect(answer.status).toBe(200);
      expect(answer.body.changed).toContain("status");
      expect((await db.ticket.findUniqueOrThrow({ where: { id } })).status).toBe("CLOSED");
      const stamp = `via ${full.account.name} for Ana Ruiz, ${ana.externalId}`;
      const history = await db.ticketHistory.findMany({ where: { ticketId: id, actorId: ana.id } });
      expect(history.find((h) => h.field === "status")).toMatchObject({ fromValue: "RESOLVED", toValue: "CLOSED" });
      expect(history.find((h) => h.field === "via")?.toValue).toContain(stamp);
      expect(await db.apiAction.findFirstOrThrow({ where: { ticketId: id } })).toMatchObject({
        personId: ana.id,
        actingAs: "END_USER",
        outcome: "DONE",
        action: "api.confirmResolution",
      });
      const audit = await db.adminAuditEvent.findFirstOrThrow({
        where: { actorId: ana.id, action: "api.confirmResolution" },
      });
      expect(JSON.stringify(audit.input)).toContain(stamp);
      expect(await db.seatLease.count({ where: { userId: ana.id } })).toBe(0);
      // Twice: the portal's words, nothing written the second time.
      const again = await apiCall(db, "POST", `/tickets/${id}/confirm-resolution`, {
        token: full.token,
        onBehalfOf: ana.email,
        body: {},
      });
      expect(again).toMatchObject({
        status: 400,
        body: { code: "BAD_REQUEST", message: expect.stringContaining("already closed") },
      });
      expect(await db.apiAction.count({ where: { ticketId: id } })).toBe(1);
    },
  );

  it("reopens a resolved ticket with the reason as a stamped public reply: In progress", async () => {
    const { id } = await newTicketFor(ana.id);
    await resolve(id);
    const answer = await apiCall(db, "POST", `/tickets/${id}/reopen`, {
      token: full.token,
      onBehalfOf: ana.externalId!,
      body: { reason: "It went offline again" },
    });
    expect(answer.status).toBe(200);
    expect((await db.ticket.findUniqueOrThrow({ where: { id } })).status).toBe("IN_PROGRESS");
    const reply = await db.ticketComment.findFirstOrThrow({ where: { ticketId: id } });
    expect(reply).toMatchObject({ authorId: ana.id, internal: false });
    expect(reply.body).toBe(`It went offline again\n\n— via ${full.account.name} for Ana Ruiz, ${ana.externalId}`);
    expect(await db.apiAction.findFirstOrThrow({ where: { ticketId: id } })).toMatchObject({ action: "api.reopen" });
  });

  it("refuses what the portal refuses: no reason, someone else's ticket, an open one; nothing written", async () => {
    const { id } = await newTicketFor(ana.id);
    const open = await apiCall(db, "POST", `/tickets/${id}/reopen`, {
      token: full.token,
      onBehalfOf: ana.email,
      body: { reason: "Still" },
    });
    expect(open).toMatchObject({ status: 400, body: { message: expect.stringContaining("still open") } });
    await resolve(id);
    const noReason = await apiCall(db, "POST", `/tickets/${id}/reopen`, {
      token: full.token,
      onBehalfOf: ana.email,
      body: { reason: " " },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain("reason");
    const other = await createUser(db);
    const notTheirs = await apiCall(db, "POST", `/tickets/${id}/confirm-resolution`, {
      token: full.token,
      onBehalfOf: other.email,
      body: {},
    });
    expect(notTheirs.status).toBe(404);
    expect((await db.ticket.findUniqueOrThrow({ where: { id } })).status).toBe("RESOLVED");
    expect(await db.apiAction.count({ where: { ticketId: id } })).toBe(0);
  });
});

describe("the API use report (READ_REPORTS)", () => {
  it(
    "gives the /reports/api figures: the people an account " + "acted for, with ISO dates and the period asked",
    async () => {
      const reader = await apiToken(db, ["READ_REPORTS"]);
      await apiCall(db, "POST", "/tickets", { token: full.token, onBehalfOf: ana.email, body: { title: "Counted" } });
      const answer = await apiCall(db, "GET", "/reports/api-use?days=7", { token: reader.token });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ days: 7, threshold: expect.any(Number) });
      expect(new Date(answer.body.to as string).getTime()).toBeGreaterThan(
        new Date(answer.body.from as string).getTime(),
      );
      const accounts = answer.body.accounts as { accountId: string; endUsers: number; writes: number }[];
      const hub = accounts.find((a) => a.accountId === full.account.id)!;
      expect(hub.endUsers).toBeGreaterThanOrEqual(1);
      expect(hub.writes).toBeGreaterThanOrEqual(1);
      const bad = await apiCall(db, "GET", "/reports/api-use?days=999", { token: reader.token });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain("days");
    },
  );

  it("without the scope: 403 with the stable code, whatever else the token may do", async () => {
    const answer = await apiCall(db, "GET", "/reports/api-use", { token: full.token });
    expect(answer).toMatchObject({
      status: 403,
      body: { code: "FORBIDDEN", message: expect.stringContaining("READ_REPORTS") },
    });
  });
});

describe("the person acted for", () => {
  it.each([
    ["missing", undefined, "On-Behalf-Of header"],
    ["empty", "", "On-Behalf-Of header"],
    ["ambiguous", "a@acme.test, b@acme.test", "more than one person"],
    ["unknown", "nobody@acme.test", "No person has the email"],
    ["unknown employee id", "E-0000000", "No person has the employee id"],
  ])("%s: 422 that says so, nothing written", async (_, onBehalfOf, words) => {
    const before = await ticketCount();
    const answer = await apiCall(db, "POST", "/tickets", {
      token: full.token,
      ...(onBehalfOf === undefined ? {} : { onBehalfOf }),
      body: { title: "Anything at all" },
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: "UNPROCESSABLE_CONTENT", message: expect.stringContaining(words) });
    expect(await ticketCount()).toBe(before);
  });

  it("disabled: 422, nothing written", async () => {
    const gone = await createUser(db, { active: false });
    const before = await ticketCount();
    const answer = await apiCall(db, "POST", "/tickets", {
      token: full.token,
      onBehalfOf: gone.email,
      body: { title: "Anything at all" },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.message).toContain("is disabled");
    expect(await ticketCount()).toBe(before);
  });
});

describe("acting for an agent needs their license and a live seat", () => {
  it(
    "a named agent gets their seat: the note is written, stamped, and the seat history says through " + "which account",
    async () => {
      const agent = await createNamedAgent(db);
      const { id } = await newTicketFor(ana.id);
      const answer = await apiCall(db, "POST", `/tickets/${id}/comments`, {
        token: full.token,
        onBehalfOf: agent.email,
        body: { body: "Checked the VPN concentrator", internal: true },
      });
      expect(answer.status).toBe(200);
      const comment = await db.ticketComment.findUniqueOrThrow({ where: { id: answer.body.id as string } });
      expect(comment).toMatchObject({ internal: true, authorId: agent.id });
      expect(comment.body).toContain(`— via ${full.account.name} for ${agent.name}, ${agent.email}`);
      expect(await db.seatLease.count({ where: { userId: agent.id, endedAt: null } })).toBe(1);
      const granted = await db.seatEvent.findFirstOrThrow({ where: { userId: agent.id, type: "GRANTED" } });
      expect(granted.details).toMatchObject({ via: `via ${full.account.name} for ${agent.name}, ${agent.email}` });
      expect(await db.ticketHistory.findFirstOrThrow({ where: { ticketId: id, field: "via" } })).toMatchObject({
        toValue: expect.stringContaining("wrote an internal note via"),
      });
    },
  );

  it("changes status and priority through the same seat fence, with the history naming the account", async () => {
    const agent = await createNamedAgent(db);
    const { id } = await newTicketFor(ana.id);
    const answer = await apiCall(db, "PATCH", `/tickets/${id}`, {
      token: full.token,
      onBehalfOf: agent.email,
      body: { expectedVersion: 1, changes: { status: "IN_PROGRESS", impact: 1, urgency: 1 } },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ version: 2 });
    const ticket = await db.ticket.findUniqueOrThrow({ where: { id } });
    expect(ticket).toMatchObject({ status: "IN_PROGRESS", priority: "P1" });
    const history = await db.ticketHistory.findMany({ where: { ticketId: id }, orderBy: { id: "asc" } });
    expect(history.every((h) => h.actorId === agent.id)).toBe(true);
    expect(history.find((h) => h.field === "via")?.toValue).toMatch(/^changed .*status.* via /);

    const stale = await apiCall(db, "PATCH", `/tickets/${id}`, {
      token: full.token,
      onBehalfOf: agent.email,
      body: { expectedVersion: 1, changes: { status: "PENDING" } },
    });
    expect(stale.status).toBe(409);
    expect(String(stale.body.message)).not.toContain("via");
  });

  it("a pool member gets a seat while one is free, and a 409 with the pool's numbers when none is", async () => {
    const pool = await createPool(db, { size: 1 });
    const [first, second] = await createPoolMembers(db, pool.id, 2);
    const { id } = await newTicketFor(ana.id);
    const ok = await apiCall(db, "POST", `/tickets/${id}/comments`, {
      token: full.token,
      onBehalfOf: first!.email,
      body: { body: "On it" },
    });
    expect(ok.status).toBe(200);

    const refused = await apiCall(db, "POST", `/tickets/${id}/comments`, {
      token: full.token,
      onBehalfOf: second!.email,
      body: { body: "Me too" },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain(`All seats of the pool "${pool.name}" are taken: 1 of 1 in use.`);
    expect(refused.body.message).toContain("Nothing was changed");
    expect((refused.body.data as { details: unknown }).details).toMatchObject({
      seat: "refused",
      pool: { name: pool.name, size: 1, inUse: 1 },
    });
    expect(await db.ticketComment.count({ where: { ticketId: id, authorId: second!.id } })).toBe(0);
    expect(await db.apiAction.findFirstOrThrow({ where: { personId: second!.id } })).toMatchObject({
      outcome: "NO_SEAT",
      actingAs: "AGENT",
      ticketId: id,
    });
    expect(await db.seatEvent.findFirstOrThrow({ where: { userId: second!.id, type: "REFUSED" } })).toMatchObject({
      details: expect.objectContaining({ via: expect.stringContaining(full.account.name) }),
    });

    // The seat frees: the same request now goes through.
    await releaseLeaseOfUser(db, { userId: first!.id, reason: "SIGN_OUT" });
    const later = await apiCall(db, "POST", `/tickets/${id}/comments`, {
      token: full.token,
      onBehalfOf: second!.email,
      body: { body: "Me too" },
    });
    expect(later.status).toBe(200);
  });

  it("the program shares the agent's one lease with their browser (never a second seat)", async () => {
    const pool = await createPool(db, { size: 2 });
    const [agent] = await createPoolMembers(db, pool.id, 1);
    expect((await checkoutSeat(db, { userId: agent!.id })).status).toBe("granted");
    const { id } = await newTicketFor(ana.id);
    const answer = await apiCall(db, "POST", `/tickets/${id}/comments`, {
      token: full.token,
      onBehalfOf: agent!.email,
      body: { body: "From the chat" },
    });
    expect(answer.status).toBe(200);
    expect(await db.seatLease.count({ where: { userId: agent!.id } })).toBe(1);
  });

  it.each([
    ["an agent without a seat license", "AGENT" as const, "has no seat license"],
    ["an end user", "END_USER" as const, "is not an agent"],
  ])("refuses %s (403), records it, writes nothing", async (_, role, words) => {
    const person = await createUser(db, { role });
    const { id } = await newTicketFor(ana.id);
    const answer = await apiCall(db, "PATCH", `/tickets/${id}`, {
      token: full.token,
      onBehalfOf: person.email,
      body: { expectedVersion: 1, changes: { status: "IN_PROGRESS" } },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.message).toContain(words);
    expect((await db.ticket.findUniqueOrThrow({ where: { id } })).status).toBe("NEW");
    expect(await db.apiAction.findFirstOrThrow({ where: { personId: person.id } })).toMatchObject({
      outcome: "UNLICENSED",
    });
    expect(await db.seatLease.count({ where: { userId: person.id } })).toBe(0);
  });

  it("bad input is refused before any seat is taken", async () => {
    const agent = await createNamedAgent(db);
    const { id } = await newTicketFor(ana.id);
    const answer = await apiCall(db, "PATCH", `/tickets/${id}`, {
      token: full.token,
      onBehalfOf: agent.email,
      body: { expectedVersion: 1, changes: { status: "DONE-ISH" } },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain("changes.status");
    expect(await db.seatLease.count({ where: { userId: agent.id } })).toBe(0);
  });
});

describe("scopes", () => {
  const cases: { scope: ApiScopeValue; method: string; path: (id: string) => string; body?: unknown }[] = [
    { scope: "ACT_FOR_REQUESTERS", method: "POST", path: () => "/tickets", body: { title: "Scoped" } },
    { scope: "READ_TICKETS", method: "GET", path: () => "/tickets" },
    { scope: "READ_KNOWLEDGE", method: "GET", path: () => "/knowledge?search=vpn" },
    { scope: "ACT_FOR_AGENTS", method: "POST", path: (id) => `/tickets/${id}/comments`, body: { body: "x" } },
    { scope: "READ_REPORTS", method: "GET", path: () => "/reports/api-use?days=7" },
  ];
  it.each(cases)("$scope: refused (403) without it, allowed with it", async ({ scope, method, path, body }) => {
    const agent = await createNamedAgent(db);
    const { id } = await newTicketFor(ana.id);
    const others = await apiToken(
      db,
      (["READ_TICKETS", "ACT_FOR_REQUESTERS", "ACT_FOR_AGENTS", "READ_KNOWLEDGE", "READ_REPORTS"] as const).filter(
        (s) => s !== scope,
      ),
    );
    const only = await apiToken(db, [scope]);
    const onBehalfOf = scope === "ACT_FOR_AGENTS" ? agent.email : ana.email;
    const before = await ticketCount();
    const refused = await apiCall(db, method, path(id), {
      token: others.token,
      onBehalfOf,
      ...(body ? { body } : {}),
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain(scope);
    expect(await ticketCount()).toBe(before);
    const allowed = await apiCall(db, method, path(id), { token: only.token, onBehalfOf, ...(body ? { body } : {}) });
    expect(allowed.status).toBe(200);
  });

  it("reads need no person; internal notes only reach tokens that may act for agents", async () => {
    const agent = await createNamedAgent(db);
    const { id, displayNumber } = await newTicketFor(ana.id);
    await apiCall(db, "POST", `/tickets/${id}/comments`, {
      token: full.token,
      onBehalfOf: agent.email,
      body: { body: "secret detail", internal: true },
    });
    const reader = await apiToken(db, ["READ_TICKETS"]);
    const seen = await apiCall(db, "GET", `/tickets/${displayNumber}`, { token: reader.token });
    expect(seen.status).toBe(200);
    expect(JSON.stringify(seen.body)).not.toContain("secret detail");
    const agentSeen = await apiCall(db, "GET", `/tickets/${id}`, { token: full.token });
    expect(JSON.stringify(agentSeen.body)).toContain("secret detail");
    const list = await apiCall(db, "GET", "/tickets?view=all&limit=5", { token: reader.token });
    expect(list.status).toBe(200);
    expect((list.body.items as unknown[]).length).toBeGreaterThan(0);
  });

  it("decodes path parameters as sent percent-encoded, and answers 404 for one that cannot be decoded", async () => {
    const { displayNumber } = await newTicketFor(ana.id);
    const reader = await apiToken(db, ["READ_TICKETS"]);
    const encoded = displayNumber.replace("-", "%2D");
    const seen = await apiCall(db, "GET", `/tickets/${encoded}`, { token: reader.token });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ displayNumber });
    const malformed = await apiCall(db, "GET", "/tickets/INC%E0%A4%A", { token: reader.token });
    expect(malformed.status).toBe(404);
    expect(malformed.body).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("idempotent creation", () => {
  it("a retried request returns the first ticket, also when the copies race", async () => {
    const key = randomUUID();
    const request = () =>
      apiCall(db, "POST", "/tickets", {
        token: full.token,
        onBehalfOf: ana.email,
        idempotencyKey: key,
        body: { title: "Disk full on share" },
      });
    const before = await ticketCount();
    const answers = await Promise.all(Array.from({ length: 5 }, request));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect((await request()).body.id).toBe(answers[0]!.body.id);
    expect(await ticketCount()).toBe(before + 1);
  });

  it("a key reused for a different request is refused (422), a malformed key is 400", async () => {
    const key = randomUUID();
    const first = await apiCall(db, "POST", "/tickets", {
      token: full.token,
      onBehalfOf: ana.email,
      idempotencyKey: key,
      body: { title: "First request" },
    });
    expect(first.status).toBe(200);
    const other = await apiCall(db, "POST", "/tickets", {
      token: full.token,
      onBehalfOf: ana.email,
      idempotencyKey: key,
      body: { title: "Another request" },
    });
    expect(other.status).toBe(422);
    expect(other.body.message).toContain("Idempotency-Key");
    const bad = await apiCall(db, "POST", "/tickets", {
      token: full.token,
      onBehalfOf: ana.email,
      idempotencyKey: "x".repeat(201),
      body: { title: "Another request" },
    });
    expect(bad.status).toBe(400);
  });
});

describe("bad input: a 4xx with a message, nothing written", () => {
  it("a field the schema does not know", async () => {
    const before = await ticketCount();
    const answer = await apiCall(db, "POST", "/tickets", {
      token: full.token,
      onBehalfOf: ana.email,
      body: { title: "Good title", assigneeId: "someone" },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("assigneeId") });
    expect(await ticketCount()).toBe(before);
  });

  it("a body over the limit (413), also without Content-Length", async () => {
    const before = await ticketCount();
    const answer = await apiCall(db, "POST", "/tickets", {
      token: full.token,
      onBehalfOf: ana.email,
      rawBody: JSON.stringify({ title: "x".repeat(300 * 1024) }),
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(await ticketCount()).toBe(before);
  });

  it("invalid JSON and a short title", async () => {
    const broken = await apiCall(db, "POST", "/tickets", { token: full.token, onBehalfOf: ana.email, rawBody: "{" });
    expect(broken.status).toBe(400);
    const short = await apiCall(db, "POST", "/tickets", {
      token: full.token,
      onBehalfOf: ana.email,
      body: { title: "x" },
    });
    expect(short.status).toBe(400);
    expect(short.body.message).toContain("title");
  });

  it.each([
    ["no token", null, "Send an API token"],
    ["a malformed token", "not-a-token", "malformed"],
    ["an unknown token", `sdk_${"B".repeat(32)}`, "not known"],
  ])("%s: 401", async (_, token, words) => {
    const answer = await apiCall(db, "GET", "/ping", { token });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: "UNAUTHORIZED", message: expect.stringContaining(words) });
  });

  it("an expired token: 401", async () => {
    const t = await apiToken(db, ["READ_TICKETS"]);
    await db.$executeRaw`update "ApiToken" set "expiresAt" = now() - interval '1 second' where id = ${t.tokenId}`;
    const answer = await apiCall(db, "GET", "/ping", { token: t.token });
    expect(answer).toMatchObject({ status: 401, body: { message: expect.stringContaining("expired") } });
  });
});

describe("tokens in the request path", () => {
  it("a revoked token is refused on the next request, and the last use is dated with the address", async () => {
    const t = await apiToken(db, ["READ_TICKETS"]);
    expect((await apiCall(db, "GET", "/ping", { token: t.token })).status).toBe(200);
    expect(await db.apiToken.findUniqueOrThrow({ where: { id: t.tokenId } })).toMatchObject({
      lastUsedFrom: "198.51.100.9",
    });
    await db.apiToken.update({ where: { id: t.tokenId }, data: { revokedAt: new Date() } });
    const answer = await apiCall(db, "GET", "/ping", { token: t.token });
    expect(answer).toMatchObject({ status: 401, body: { message: expect.stringContaining("revoked") } });
  });

  it("over the per-minute limit: 429 with Retry-After, and the write is not made", async () => {
    const t = await apiToken(db, ["ACT_FOR_REQUESTERS"], { requestsPerMinute: 2 });
    await db.$executeRaw`update "ApiToken" set "windowStart" = date_trunc('minute', now()), "windowCount" = 2
      where id = ${t.tokenId}`;
    const before = await ticketCount();
    const answer = await apiCall(db, "POST", "/tickets", {
      token: t.token,
      onBehalfOf: ana.email,
      body: { title: "One too many" },
    });
    // Unless the minute turned over between the two statements, the third request is over the limit.
    if (answer.status !== 200) {
      expect(answer.status).toBe(429);
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(answer.body.message).toContain("2 requests per minute");
      expect(await ticketCount()).toBe(before);
    }
  });

  it(
    "a browser session cannot use the API's procedures (FORBIDDEN), and administration is not reachable " +
      "with a token",
    async () => {
      const answer = await apiCall(db, "POST", "/adminUsers/create", { token: full.token, body: {} });
      expect(answer.status).toBe(404);
    },
  );
});

describe("request ids, found by test/fuzz-api-http.test.ts", () => {
  it("a program's x-request-id never reaches the actions or the audit log: the server makes the id", async () => {
    const forged = `forged-by-program-${randomUUID().slice(0, 6)}`;
    const answer = await apiCall(db, "POST", "/tickets", {
      token: full.token,
      onBehalfOf: ana.email,
      body: { title: "Request id chosen by the caller" },
      headers: { "x-request-id": forged },
    });
    expect(answer.status).toBe(200);
    const action = await db.apiAction.findFirstOrThrow({ where: { ticketId: answer.body.id as string } });
    expect(action.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(answer.headers.get("x-request-id")).toBe(action.requestId);
    expect(await db.apiAction.count({ where: { requestId: forged } })).toBe(0);
    expect(await db.adminAuditEvent.count({ where: { requestId: forged } })).toBe(0);
    const refused = await apiCall(db, "GET", "/ping", { token: null, headers: { "x-request-id": forged } });
    expect(refused.status).toBe(401);
  });
});
