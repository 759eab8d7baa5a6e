import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, signIn } from "@/test/factories";
import { appRequest, SAME_ORIGIN, serveRoutesFrom, sessionCookie } from "@/test/http";
import type { Db } from "@/server/db/client";
import { GET, POST } from "@/app/api/trpc/[trpc]/route";

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
