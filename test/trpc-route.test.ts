import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, signIn } from "@/test/factories";
import { appRequest, SAME_ORIGIN, serveRoutesFrom, sessionCookie } from "@/test/http";
import type { Db } from "@/server/db/client";
import { GET, POST } from "@/app/api/trpc/[trpc]/route";
import { TRPC_MAX_BATCH_SIZE, TRPC_MAX_BODY_BYTES } from "@/lib/trpc/limits";

/*
 * /api/trpc through its real route handler (context, middleware, request ids), in-process.
 */

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  serveRoutesFrom(db);
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function agentCookie() {
  const agent = await createNamedAgent(db);
  const session = await signIn(db, agent.id);
  return { agent, session, cookie: await sessionCookie(session) };
}

const openLease = (userId: string) => db.seatLease.findFirst({ where: { userId, endedAt: null } });

describe("a GET cannot take a seat from another site (issue 11, item 6)", () => {
  it("a cross-site top-level navigation to a query URL reads, but checks no seat out", async () => {
    const { agent, session, cookie } = await agentCookie();
    const res = await GET(
      appRequest("/api/trpc/seat.status", {
        headers: { cookie, "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate", "sec-fetch-dest": "document" },
      }),
    );
    expect(res.status).toBe(200);
    expect(await openLease(agent.id)).toBeNull();
    expect((await db.authSession.findUniqueOrThrow({ where: { id: session.sessionId } })).seatRequestedAt).toBeNull();
  });

  it("neither does a GET without Origin or Fetch metadata (an older browser's navigation)", async () => {
    const { agent, cookie } = await agentCookie();
    expect((await GET(appRequest("/api/trpc/seat.status", { headers: { cookie } }))).status).toBe(200);
    expect(await openLease(agent.id)).toBeNull();
  });

  it("the app's own first call takes the seat, as before", async () => {
    const { agent, cookie } = await agentCookie();
    expect((await GET(appRequest("/api/trpc/seat.status", { headers: { cookie, ...SAME_ORIGIN } }))).status).toBe(200);
    expect(await openLease(agent.id)).not.toBeNull();
  });
});

describe("the request id is the server's (issue 11, item 7)", () => {
  it("a caller's x-request-id never reaches the append-only seat history", async () => {
    const { agent, cookie } = await agentCookie();
    const res = await POST(
      appRequest("/api/trpc/seat.checkout", {
        method: "POST",
        headers: { cookie, ...SAME_ORIGIN, "content-type": "application/json", "x-request-id": "forged-by-caller" },
        body: JSON.stringify({ json: null }),
      }),
    );
    expect(res.status).toBe(200);
    const events = await db.seatEvent.findMany({ where: { userId: agent.id } });
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.requestId).not.toBe("forged-by-caller");
      expect(e.requestId).toMatch(UUID);
    }
  });
});

describe("batch and body limits of /api/trpc (issue 11, item 4)", () => {
  it(
    "refuses a batch of more than TRPC_MAX_BATCH_SIZE procedures with 400 and says the numbers, running " + "none",
    async () => {
      const { cookie } = await agentCookie();
      const paths = Array.from({ length: 300 }, () => "me.get").join(",");
      const res = await GET(appRequest(`/api/trpc/${paths}?batch=1`, { headers: { cookie, ...SAME_ORIGIN } }));
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toBe(
        `One request may call at most ${TRPC_MAX_BATCH_SIZE} procedures; this one called 300.`,
      );
    },
  );

  it("still runs a batch within the limit", async () => {
    const { cookie } = await agentCookie();
    const paths = Array.from({ length: TRPC_MAX_BATCH_SIZE }, () => "me.get").join(",");
    const res = await GET(appRequest(`/api/trpc/${paths}?batch=1`, { headers: { cookie, ...SAME_ORIGIN } }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as unknown[]).length).toBe(TRPC_MAX_BATCH_SIZE);
  });

  const bigBody = () => JSON.stringify({ json: { title: "x".repeat(TRPC_MAX_BODY_BYTES) } });

  it("refuses a body over the limit by its Content-Length with 413", async () => {
    const { cookie } = await agentCookie();
    const body = bigBody();
    const res = await POST(
      appRequest("/api/trpc/consoleTickets.create", {
        method: "POST",
        headers: { cookie, ...SAME_ORIGIN, "content-type": "application/json", "content-length": String(body.length) },
        body,
      }),
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toMatch(/^This request is too large: at most 1 MB/);
  });

  it(
    "refuses a body over the limit sent without Content-Length (chunked) with 413, reading no more than " + "needed",
    async () => {
      const { cookie } = await agentCookie();
      const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          sent += chunk.byteLength;
          controller.enqueue(chunk);
          if (sent > 50 * TRPC_MAX_BODY_BYTES) controller.close();
        },
      });
      const req = appRequest("/api/trpc/consoleTickets.create", {
        method: "POST",
        headers: { cookie, ...SAME_ORIGIN, "content-type": "application/json" },
        body: stream,
      });
      const res = await POST(req);
      expect(res.status).toBe(413);
      expect(sent).toBeLessThan(3 * TRPC_MAX_BODY_BYTES);
    },
  );

  it("passes a chunked body within the limit on to the procedure", async () => {
    const { cookie } = await agentCookie();
    const body = new TextEncoder().encode(JSON.stringify({ json: { active: true } }));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(body);
        controller.close();
      },
    });
    const res = await POST(
      appRequest("/api/trpc/seat.heartbeat", {
        method: "POST",
        headers: { cookie, ...SAME_ORIGIN, "content-type": "application/json" },
        body: stream,
      }),
    );
    expect(res.status).toBe(200);
  });
});
