import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createUser, signIn } from "@/test/factories";
import { resetSeats } from "@/test/allocation";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import type { SsoConfig } from "./config";
import { signInWithClaims, SsoRefusal } from "./sign-in";

/*
 * Who a single sign-on is, on a real database: matched by the immutable id, never by an email the
 * provider did not verify; created at first sign-in (or refused, by setting); updated from the
 * claims at every sign-in, with the license rules applied.
 */

let db: Db;
const config: SsoConfig = {
  issuer: "https://idp.test",
  clientId: "seatdesk",
  clientSecret: "test-secret-not-real",
  buttonName: "Acme ID",
  claims: {
    id: "sub",
    employeeId: "employee_id",
    jobCode: "job_code",
    department: "department",
    groups: "groups",
    employeeType: "employee_type",
  },
  createUsers: true,
};
const claims = (sub: string, more: Record<string, unknown> = {}) => ({
  sub,
  email: `${sub}@acme.test`,
  email_verified: true,
  name: `Person ${sub}`,
  ...more,
});
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof SsoRefusal ? e.code : e),
  );

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  await resetSeats(db, { namedSeats: 5, concurrentSeats: 0 });
  const admin = await createUser(db, { role: "ADMIN" });
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

describe("single sign-on: who is signing in", () => {
  it("creates an end user at first sign-in, and a qualifying job code gets the license the rules give", async () => {
    const person = await signInWithClaims(db, config, claims("new1", { job_code: "IT-SD", employee_id: "EMP-9001" }));
    expect(person.role).toBe("AGENT");
    const row = await db.user.findUniqueOrThrow({
      where: { id: person.id },
      include: { seatAssignment: true, identity: true },
    });
    expect(row).toMatchObject({ email: "new1@acme.test", externalId: "EMP-9001", jobCode: "IT-SD" });
    expect(row.seatAssignment?.kind).toBe("NAMED");
    expect(row.identity?.oidcSubject).toBe("https://idp.test|new1");
  });

  it(
    "matches by subject at the next sign-in and updates the person from the claims; a job code that no " +
      "longer qualifies ends the license",
    async () => {
      const first = await signInWithClaims(db, config, claims("mover", { job_code: "IT-SD", groups: ["desk"] }));
      const again = await signInWithClaims(
        db,
        config,
        claims("mover", {
          email: "mover.renamed@acme.test",
          name: "Mover Renamed",
          job_code: "FIN-ACC",
          department: "Finance",
          groups: ["finance"],
        }),
      );
      expect(again.id).toBe(first.id);
      const row = await db.user.findUniqueOrThrow({
        where: { id: first.id },
        include: { identity: true, seatAssignment: true },
      });
      expect(row).toMatchObject({
        email: "mover.renamed@acme.test",
        name: "Mover Renamed",
        department: "Finance",
        role: "END_USER",
      });
      expect(row.identity?.groups).toEqual(["finance"]);
      expect(row.seatAssignment).toBeNull();
    },
  );

  it("links a known person by an email the provider verified, never by one it did not", async () => {
    const known = await createUser(db, { email: "known@acme.test" });
    const unverified = await refusal(
      signInWithClaims(db, config, { sub: "attacker", email: "known@acme.test", email_verified: false, name: "X" }),
    );
    expect(unverified).toBe("SsoEmailTaken");
    expect((await db.userIdentity.findUnique({ where: { userId: known.id } }))?.oidcSubject ?? null).toBeNull();
    const linked = await signInWithClaims(db, config, { sub: "k1", email: "known@acme.test", email_verified: true });
    expect(linked.id).toBe(known.id);
    // Linked now: another subject with the same verified email is not let in as them.
    expect(
      await refusal(signInWithClaims(db, config, { sub: "k2", email: "known@acme.test", email_verified: true })),
    ).toBe("SsoEmailTaken");
  });

  it("refuses a disabled person, a missing id, and (by setting) people seatdesk does not know", async () => {
    const p = await signInWithClaims(db, config, claims("leaver"));
    await db.user.update({ where: { id: p.id }, data: { active: false } });
    expect(await refusal(signInWithClaims(db, config, claims("leaver")))).toBe("SsoDisabled");
    expect(await refusal(signInWithClaims(db, config, { email: "x@acme.test" }))).toBe("SsoNoIdentity");
    expect(await refusal(signInWithClaims(db, { ...config, createUsers: false }, claims("stranger")))).toBe(
      "SsoUnknownPerson",
    );
    expect(await db.user.count({ where: { email: "stranger@acme.test" } })).toBe(0);
  });

  it("matches by the employee-id claim when configured so", async () => {
    const byEmployee = { ...config, claims: { ...config.claims, id: "employee_id" } };
    const u = await createUser(db, { email: "emp@acme.test" });
    await db.user.update({ where: { id: u.id }, data: { externalId: "EMP-4242" } });
    const person = await signInWithClaims(db, byEmployee, {
      sub: "whatever",
      employee_id: "EMP-4242",
      email: "other@acme.test",
    });
    expect(person.id).toBe(u.id);
    // An unverified email is not taken over: the person keeps theirs.
    expect(person.email).toBe("emp@acme.test");
  });
});
