import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { createTestDatabase } from "@/test/db";
import { createUser, signIn } from "@/test/factories";
import { apiToken } from "@/test/api";
import type { Db } from "@/server/db/client";
import { createLeanHandlers } from "./lean-server";
import { TRPC_MAX_BATCH_SIZE, TRPC_MAX_BODY_BYTES } from "@/lib/trpc/limits";

/*
 * The lean path over real HTTP (Node's server on port 0, the same handlers scripts/serve.ts
 * installs in front of Next; here anything else answers 404 instead of Next): /api/v1 with the
 * token gate, /api/trpc with the session cookie's context, the origin check, the security
 * headers and the body limit, as the Next routes give them.
 */

let db: Db;
let server: http.Server;
let base: string;
const HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
];

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  const lean = createLeanHandlers(HEADERS, db);
  server = http.createServer((req, res) => {
    if (lean.handle(req, res)) return;
    res.statusCode = 404;
    res.end("next would answer");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function sessionCookie(userId: string) {
  const session = await signIn(db, userId);
  const jwt = await encode({ token: { sid: session.sessionId }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${jwt}`;
}

describe("the lean path", () => {
  it(
    "serves /api/v1 with a token: a ticket created for the person named, with security headers and a " + "request id",
    async () => {
      const user = await createUser(db);
      const { token } = await apiToken(db, ["ACT_FOR_REQUESTERS"]);
      const res = await fetch(`${base}/api/v1/tickets`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "on-behalf-of": user.email, "content-type": "application/json" },
        body: JSON.stringify({ title: "Lean path ticket" }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { id: string };
      expect((await db.ticket.findUniqueOrThrow({ where: { id: body.id } })).requesterId).toBe(user.id);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-request-id")).toBeTruthy();
      const last = await db.apiToken.findFirstOrThrow({ where: { lastUsedFrom: { not: null } } });
      expect(last.lastUsedFrom).toMatch(/127\.0\.0\.1/);
    },
  );

  it(
    "refuses on /api/v1 as the Next route does: no token 401, unknown field 400 with the field, over the " +
      "limit 413",
    async () => {
      const user = await createUser(db);
      const { token } = await apiToken(db, ["ACT_FOR_REQUESTERS"]);
      expect((await fetch(`${base}/api/v1/ping`)).status).toBe(401);
      const unknown = await fetch(`${base}/api/v1/tickets`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "on-behalf-of": user.email, "content-type": "application/json" },
        body: JSON.stringify({ title: "Fine title", priority: "P1" }),
      });
      expect(unknown.status).toBe(400);
      expect(((await unknown.json()) as { message: string }).message).toContain("priority");
      const big = await fetch(`${base}/api/v1/tickets`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "on-behalf-of": user.email, "content-type": "application/json" },
        body: JSON.stringify({ title: "x".repeat(400 * 1024) }),
      });
      expect(big.status).toBe(413);
      expect((await fetch(`${base}/api/v1/openapi.json`)).status).toBe(200);
      expect((await fetch(`${base}/api/v1/docs`)).headers.get("content-type")).toContain("text/html");
    },
  );

  it(
    "answers /api/v1's other refusals with the stable code: 415 not " +
      "JSON, 404 no such endpoint, 413 a long body without Content-Length",
    async () => {
      const user = await createUser(db);
      const { token } = await apiToken(db, ["ACT_FOR_REQUESTERS"]);
      const headers = { authorization: `Bearer ${token}`, "on-behalf-of": user.email };
      const text = await fetch(`${base}/api/v1/tickets`, {
        method: "POST",
        headers: { ...headers, "content-type": "text/plain" },
        body: "title=Printer",
      });
      expect(text.status).toBe(415);
      expect(await text.json()).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
      const missing = await fetch(`${base}/api/v1/nothing-here`, { headers });
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ code: "NOT_FOUND" });
      const chunked = await new Promise<number>((resolve, reject) => {
        const req = http.request(`${base}/api/v1/tickets`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json", "transfer-encoding": "chunked" },
        });
        req.on("response", (res) => resolve(res.statusCode ?? 0));
        req.on("error", reject);
        req.write(JSON.stringify({ title: "x".repeat(200 * 1024) }));
        req.end(JSON.stringify({ title: "x".repeat(200 * 1024) }));
      });
      expect(chunked).toBe(413);
    },
  );

  it("serves /api/trpc with the session cookie's context, and refuses a cross-site write", async () => {
    const user = await createUser(db, { name: "Lean Reader" });
    const cookie = await sessionCookie(user.id);
    const me = await fetch(`${base}/api/trpc/me.get`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(JSON.stringify(await me.json())).toContain("Lean Reader");
    expect(me.headers.get("x-frame-options")).toBe("DENY");
    expect((await fetch(`${base}/api/trpc/me.get`)).status).toBe(401);
    const crossSite = await fetch(`${base}/api/trpc/seat.release`, {
      method: "POST",
      headers: { cookie, origin: "https://evil.test", "content-type": "application/json" },
      body: "{}",
    });
    expect(crossSite.status).toBe(403);
  });

  it("leaves every other path to Next", async () => {
    expect(await (await fetch(`${base}/portal`)).text()).toBe("next would answer");
    expect(await (await fetch(`${base}/api/v1x`)).text()).toBe("next would answer");
  });

  it("limits /api/trpc as the Next route does: a batch over the limit 400, a Content-Length over it 413", async () => {
    const user = await createUser(db);
    const cookie = await sessionCookie(user.id);
    const calls = Array.from({ length: TRPC_MAX_BATCH_SIZE + 1 }, () => "me.get").join(",");
    const input = encodeURIComponent(JSON.stringify({}));
    const batch = await fetch(`${base}/api/trpc/${calls}?batch=1&input=${input}`, { headers: { cookie } });
    expect(batch.status).toBe(400);
    expect(((await batch.json()) as { message: string }).message).toContain(`at most ${TRPC_MAX_BATCH_SIZE}`);
    const within = await fetch(`${base}/api/trpc/me.get,me.get?batch=1&input=${input}`, { headers: { cookie } });
    expect(within.status).toBe(200);
    const big = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/api/trpc/me.get`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json", "content-length": String(TRPC_MAX_BODY_BYTES + 1) },
      });
      req.on("response", (res) => resolve(res.statusCode ?? 0));
      req.on("error", reject);
      req.end();
    });
    expect(big).toBe(413);
  });
});
