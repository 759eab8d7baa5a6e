import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createUser, signIn } from "@/test/factories";
import { resetSeats } from "@/test/allocation";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import { handleScim } from "./gate";
import { routeScim } from "./router";
import { createConnection } from "./tokens";
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from "./schemas";

/*
 * Provisioning requests racing each other on a real database: the same userName POSTed at once is
 * created once (the others get 409 uniqueness, never a 500), and people whose job code qualifies
 * for a named seat, created at once, never get more named seats than are owned.
 */

let db: Db;
let token: string;

async function post(body: unknown): Promise<number> {
  const req = new Request("http://desk.test/api/scim/v2/Users", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/scim+json" },
    body: JSON.stringify(body),
  });
  return (await handleScim(db, req, ["Users"], routeScim)).status;
}

beforeAll(async () => {
  ({ db } = await createTestDatabase({ poolSize: 20 }));
  await resetSeats(db, { namedSeats: 3, concurrentSeats: 0 });
  const admin = await createUser(db, { role: "ADMIN" });
  token = (await createConnection(db, { actorId: admin.id }, { name: "Race" })).token;
  await callerFor(db, await signIn(db, admin.id)).adminLicenseRules.save({
    rules: [
      {
        name: "Desk",
        enabled: true,
        jobCodes: ["IT-SD"],
        departments: [],
        groups: [],
        employeeTypes: [],
        role: "AGENT",
        license: "NAMED",
        poolId: null,
      },
    ],
  });
});

describe("SCIM under concurrent requests", () => {
  it("creates a userName once when it is POSTed eight times at once", async () => {
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () => post({ schemas: [USER_SCHEMA], userName: "twin@race.test" })),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    expect(await db.user.count({ where: { email: "twin@race.test" } })).toBe(1);
  });

  it("never gives more named seats than are owned to people provisioned at once", async () => {
    const statuses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post({
          schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
          userName: `desk${i}@race.test`,
          [ENTERPRISE_SCHEMA]: { costCenter: "IT-SD" },
        }),
      ),
    );
    expect(statuses).toEqual(Array(10).fill(201));
    expect(await db.seatAssignment.count({ where: { kind: "NAMED" } })).toBe(3);
    expect(await db.user.count({ where: { email: { endsWith: "@race.test" }, role: "AGENT" } })).toBe(10);
  });
});
