import net from "node:net";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createUser, signIn } from "@/test/factories";
import { closeDb, createDb, type Db } from "@/server/db/client";
import { findValidSession, type ValidSession } from "@/server/auth/auth-sessions";
import { appRouter } from "@/server/routers/_app";
import { answeringUnavailableDatabase, DATABASE_UNAVAILABLE_MESSAGE } from "@/server/db/unavailable";
import { handleDownload } from "@/server/attachments/http";
import { LocalDiskStore } from "@/server/attachments/local-disk-store";
import { createInnerContext } from "./context";
import { publicProcedure } from "./procedures";
import { createCallerFactory, responseMeta, router } from "./init";

/*
 * The database out of reach (PostgreSQL restarting, down) is answered 503 with Retry-After and a
 * sentence that says so, never 500 "something went wrong"; a read whose connection died is tried
 * once more. The database here is a port where nothing listens: connections are refused, as
 * while PostgreSQL restarts. test/postgres-restart.test.ts restarts a real one.
 */

let db: Db;
let down: Db;
let session: ValidSession;

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  down = createDb(`postgresql://seatdesk:x@127.0.0.1:${await closedPort()}/gone`, { max: 2 });
  const person = await createUser(db, { role: "END_USER" });
  session = await signIn(db, person.id);
});

afterAll(async () => {
  await closeDb(down);
});

function call(path: string, createContext: () => Promise<ReturnType<typeof createInnerContext>>) {
  const input = encodeURIComponent(JSON.stringify({ json: {} }));
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost/api/trpc/${path}?input=${input}`),
    router: appRouter,
    responseMeta,
    createContext,
  });
}

describe("the database out of reach", () => {
  it("answers a procedure 503 with Retry-After and says the database is unavailable", async () => {
    const res = await call("portalTickets.list", async () => createInnerContext({ db: down, session }));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const body = JSON.stringify(await res.json());
    expect(body).toContain(DATABASE_UNAVAILABLE_MESSAGE);
    expect(body).toContain("SERVICE_UNAVAILABLE");
    expect(body).not.toMatch(/Something went wrong|ECONNREFUSED|at .*\.ts/);
  });

  it("answers 503 when it fails before any procedure runs (reading the session row)", async () => {
    const res = await call("portalTickets.list", async () =>
      createInnerContext({ db: down, session: await findValidSession(down, session.sessionId) }),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(JSON.stringify(await res.json())).toContain(DATABASE_UNAVAILABLE_MESSAGE);
  });

  it("answers a route handler (an attachment download) 503 with Retry-After too", async () => {
    const res = await handleDownload(new Request("http://localhost/api/attachments/x"), "some-attachment", {
      db: down,
      session,
      store: new LocalDiskStore("/nonexistent-seatdesk-store"),
      maxBytes: 1024,
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toEqual({
      message: DATABASE_UNAVAILABLE_MESSAGE,
      field: null,
      fieldErrors: null,
      details: null,
    });
  });

  it("answers a whole route handler 503 when reading the session fails, and lets other errors through", async () => {
    const route = answeringUnavailableDatabase(async () => {
      await findValidSession(down, session.sessionId); // as getCurrentSession does, before any handler code
      return new Response("never");
    });
    const res = await route();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const failing = answeringUnavailableDatabase(async () => {
      throw new Error("a bug");
    });
    await expect(failing()).rejects.toThrow("a bug");
  });

  it("still answers the same request normally when the database is there", async () => {
    const res = await call("portalTickets.list", async () => createInnerContext({ db, session }));
    expect(res.status).toBe(200);
  });
});

describe("a read whose connection died", () => {
  let reads = 0;
  let writes = 0;
  const connectionDied = () => new Error("Connection terminated unexpectedly");
  const flaky = router({
    read: publicProcedure.query(() => {
      if (++reads === 1) throw connectionDied();
      return "read on a fresh connection";
    }),
    write: publicProcedure.mutation(() => {
      if (++writes === 1) throw connectionDied();
      return "written";
    }),
  });
  const caller = createCallerFactory(flaky)(createInnerContext({ db: {} as Db, session: null }));

  it("is tried once more", async () => {
    await expect(caller.read()).resolves.toBe("read on a fresh connection");
    expect(reads).toBe(2);
  });

  it("but a write is not: whether it committed is unknown", async () => {
    await expect(caller.write()).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    expect(writes).toBe(1);
  });
});
