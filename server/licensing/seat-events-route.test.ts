import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createPool, createUser, signIn } from "@/test/factories";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";
import { recordSeatEvent } from "./events";

/*
 * The CSV route handler, called as Next calls it. Next's request scope (cookies for
 * getServerSession) does not exist here, so the session lookup is replaced by a real session
 * row read from the test database; the route's own checks run unchanged.
 */
const current = vi.hoisted(() => ({ session: null as ValidSession | null, db: null as Db | null }));
vi.mock("@/server/auth/current-user", () => ({ getCurrentSession: async () => current.session }));
vi.mock("@/server/db/client", async (original) => ({
  ...(await original<typeof import("@/server/db/client")>()),
  getDb: () => current.db,
}));

const { GET } = await import("@/app/api/admin/seat-events/route");

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  current.db = db;
});

const get = (query = "") => GET(new Request(`http://localhost/api/admin/seat-events${query}`));

describe("GET /api/admin/seat-events", () => {
  it("refuses anonymous (401) and non-administrators (403) as JSON", async () => {
    current.session = null;
    const anonymous = await get();
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ message: expect.stringMatching(/sign in/i) });
    for (const role of ["END_USER", "AGENT"] as const) {
      current.session = await signIn(db, (await createUser(db, { role })).id);
      const res = await get();
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toMatch(/json/);
    }
  });

  it("answers 400 with a readable message for bad filters", async () => {
    current.session = await signIn(db, (await createUser(db, { role: "ADMIN" })).id);
    const res = await get("?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      message: "to: The end must be on or after the start",
      fieldErrors: { to: ["The end must be on or after the start"] },
    });
    expect((await get("?types=GRANTED,BOGUS")).status).toBe(400);
  });

  it("streams the filtered history as a CSV attachment for an administrator", async () => {
    current.session = await signIn(db, (await createUser(db, { role: "ADMIN" })).id);
    const pool = await createPool(db, { size: 1 });
    await recordSeatEvent(db, {
      type: "REFUSED",
      poolId: pool.id,
      poolName: pool.name,
      userName: "Rita",
      reason: "1 of 1 seats in use",
      at: new Date("2030-03-01T10:00:00Z"),
    });
    await recordSeatEvent(db, {
      type: "GRANTED",
      poolId: pool.id,
      poolName: pool.name,
      userName: "Gus",
      reason: "seat free",
      at: new Date("2030-03-01T11:00:00Z"),
    });
    const res = await get(`?poolId=${pool.id}&types=REFUSED&from=2030-03-01T00:00:00.000Z`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="seat-history-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines).toEqual([
      "time,type,person,pool,kind,reason,actor,request id,details",
      `2030-03-01T10:00:00.000Z,REFUSED,Rita,${pool.name},,1 of 1 seats in use,,,`,
    ]);
  });
});
