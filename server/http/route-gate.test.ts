import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createUser, signIn } from "@/test/factories";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";
import { AREA_ROLES } from "@/lib/auth/roles";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/server/db/unavailable";
import { AppError } from "@/server/errors";
import { passGate } from "./route-gate";
import { CROSS_SITE_MESSAGE } from "./same-origin";

/*
 * The route door's own answers (who passes is test/authorization-matrix-doors.test.ts, its seated
 * write server/attachments/http.test.ts): refusals before the handler runs, and one JSON answer
 * for every error the handler throws.
 */

let db: Db;
let admin: ValidSession;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  admin = await signIn(db, (await createUser(db, { role: "ADMIN" })).id);
});

const get = new Request("http://desk.test/api/x", { headers: { "x-request-id": "abc" } });
const throwing = (error: unknown) => () => Promise.reject(error);
const through = (handler: () => Promise<Response>, req = get) =>
  passGate(req, AREA_ROLES.admin, handler, { session: admin, db });

describe("the route door", () => {
  it("refuses a cross-site write, no session and a role not let in, before the handler runs", async () => {
    let ran = 0;
    const handler = async () => {
      ran++;
      return new Response("ok");
    };
    const evil = new Request("http://desk.test/api/x", { method: "POST", headers: { origin: "http://evil.example" } });
    const crossSite = await through(handler, evil);
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).message).toBe(CROSS_SITE_MESSAGE);
    expect((await passGate(get, AREA_ROLES.admin, handler, { session: null, db })).status).toBe(401);
    const reports = await passGate(get, AREA_ROLES.reports, handler, {
      session: await signIn(db, (await createUser(db, { role: "AGENT" })).id),
      db,
    });
    expect(reports.status).toBe(403);
    expect(await reports.json()).toEqual({
      message: "This is only for administrators and report viewers.",
      field: null,
      fieldErrors: null,
      details: null,
    });
    expect(ran).toBe(0);
    expect(await (await through(handler)).text()).toBe("ok");
  });

  it("answers an AppError with its status, message, field and details", async () => {
    const res = await through(throwing(new AppError("CONFLICT", "Taken.", { seat: "refused" }, "name")));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      message: "Taken.",
      field: "name",
      fieldErrors: { name: ["Taken."] },
      details: { seat: "refused" },
    });
  });

  it("answers the database out of reach 503 with Retry-After, and a busy one 429, as a procedure", async () => {
    const down = await through(throwing(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })));
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("5");
    expect((await down.json()).message).toBe(DATABASE_UNAVAILABLE_MESSAGE);
    const busy = await through(
      throwing(Object.assign(new Error("Timed out fetching a connection"), { code: "P2024" })),
    );
    expect(busy.status).toBe(429);
    expect((await busy.json()).message).toMatch(/very busy/);
  });

  it("answers anything else 500 with the request id to quote, never the error's own words", async () => {
    const res = await through(throwing(new Error('relation "Secret" does not exist')));
    expect(res.status).toBe(500);
    const { message } = (await res.json()) as { message: string };
    expect(message).toMatch(/^Something went wrong on our side\. .* quote request [0-9a-f-]{36}\.$/);
    expect(message).not.toContain("Secret");
  });
});
