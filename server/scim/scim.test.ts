import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createUser, signIn } from "@/test/factories";
import { resetSeats } from "@/test/allocation";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import { handleScim } from "./gate";
import { routeScim } from "./router";
import { createConnection, revokeConnection } from "./tokens";
import { ENTERPRISE_SCHEMA, USER_SCHEMA, GROUP_SCHEMA } from "./schemas";
import { PATCH_SCHEMA } from "./patch";

/*
 * SCIM 2.0 through its one gate, on a real database: the request sequences Okta and Microsoft
 * Entra ID send (as their provisioning documentation shows them, Entra's "Replace"/"Add"
 * capitals, "True"/"False" strings and $ref null included), bad input answered with the right
 * SCIM error and nothing half-applied, tokens, and the license rules applied on provisioning.
 */

let db: Db;
let adminId: string;
let token: string;
let otherToken: string;

type Res = { status: number; body: Record<string, unknown> & { Resources?: Record<string, unknown>[] } };

async function scim(method: string, path: string, body?: unknown, bearer: string | null = token): Promise<Res> {
  const url = new URL(`http://desk.test/api/scim/v2/${path}`);
  const headers: Record<string, string> = { "content-type": "application/scim+json" };
  if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
  const req = new Request(url, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const segments = url.pathname.replace("/api/scim/v2/", "").split("/").filter(Boolean);
  const res = await handleScim(db, req, segments, routeScim);
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Res["body"]) : {} };
}

const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations });
const q = (filter: string) => `Users?filter=${encodeURIComponent(filter)}`;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  await resetSeats(db, { namedSeats: 1, concurrentSeats: 0 });
  adminId = (await createUser(db, { role: "ADMIN" })).id;
  token = (await createConnection(db, { actorId: adminId }, { name: "Okta" })).token;
  otherToken = (await createConnection(db, { actorId: adminId }, { name: "Entra" })).token;
});

describe("SCIM tokens (the gate)", () => {
  it("refuses a missing, unknown or revoked token with 401 and WWW-Authenticate", async () => {
    expect((await scim("GET", "Users", undefined, null)).status).toBe(401);
    const bad = await scim("GET", "Users", undefined, "scim_nope");
    expect(bad.status).toBe(401);
    expect(bad.body.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:Error"]);
    const c = await createConnection(db, { actorId: adminId }, { name: "Old" });
    expect((await scim("GET", "Users", undefined, c.token)).status).toBe(200);
    await revokeConnection(db, { id: c.connection.id });
    expect((await scim("GET", "Users", undefined, c.token)).status).toBe(401);
  });

  it("accepts a token pasted with spaces and tabs, and records its last use", async () => {
    const c = await createConnection(db, { actorId: adminId }, { name: "Pasted" });
    const spaced = ` ${c.token.slice(0, 10)} \t ${c.token.slice(10)} `;
    expect((await scim("GET", "ServiceProviderConfig", undefined, spaced)).status).toBe(200);
    const row = await db.scimConnection.findUniqueOrThrow({ where: { id: c.connection.id } });
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.tokenHash).not.toContain(c.token.slice(5, 15)); // stored hashed
  });

  it('accepts "Bearer " typed twice, as its comment promises (found by test/fuzz-api-http.test.ts)', async () => {
    for (const typed of [`Bearer ${token}`, `bearer  BEARER ${token}`, `Bearer\tBearer ${token}`])
      expect((await scim("GET", "ServiceProviderConfig", undefined, typed)).status, typed).toBe(200);
    expect((await scim("GET", "ServiceProviderConfig", undefined, `Bearer ${token}x`)).status).toBe(401);
  });

  it("hides a person provisioned by one connection from another connection's token", async () => {
    const created = await scim("POST", "Users", { schemas: [USER_SCHEMA], userName: "mine@okta.test" });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await scim("GET", `Users/${id}`, undefined, otherToken)).status).toBe(404);
    expect(
      (await scim("PATCH", `Users/${id}`, patch({ op: "replace", value: { active: false } }), otherToken)).status,
    ).toBe(404);
    expect((await scim("GET", `Users/${id}`)).body.active).toBe(true);
  });
});

describe("discovery", () => {
  it("answers ServiceProviderConfig, Schemas and ResourceTypes", async () => {
    const spc = await scim("GET", "ServiceProviderConfig");
    expect(spc.body).toMatchObject({
      patch: { supported: true },
      filter: { supported: true },
      bulk: { supported: false },
    });
    const schemas = await scim("GET", "Schemas");
    expect(schemas.body.Resources!.map((s) => s.id)).toEqual([USER_SCHEMA, ENTERPRISE_SCHEMA, GROUP_SCHEMA]);
    expect((await scim("GET", `Schemas/${USER_SCHEMA}`)).body.name).toBe("User");
    expect((await scim("GET", "ResourceTypes/User")).body).toMatchObject({ endpoint: "/Users" });
    expect((await scim("GET", "Nope")).status).toBe(404);
  });
});

describe("Okta's sequence", () => {
  it("looks up, creates, reads, replaces, deactivates and reactivates a user; pushes a group", async () => {
    const lookup = await scim("GET", `${q('userName eq "dade.murphy@example.com"')}&startIndex=1&count=100`);
    expect(lookup.body).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await scim("POST", "Users", {
      schemas: [USER_SCHEMA],
      userName: "dade.murphy@example.com",
      name: { givenName: "Dade", familyName: "Murphy" },
      emails: [{ primary: true, value: "dade.murphy@example.com", type: "work" }],
      displayName: "Dade Murphy",
      locale: "en-US",
      externalId: "00ujl29u0le5T6Aj10h7",
      groups: [],
      password: "1mz050nq",
      active: true,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ userName: "dade.murphy@example.com", active: true, locale: "en-US" });
    expect(JSON.stringify(created.body)).not.toContain("1mz050nq"); // a password is never kept

    const found = await scim("GET", q('userName eq "DADE.murphy@example.com"'));
    expect(found.body.totalResults).toBe(1);
    expect((await scim("GET", `Users/${id}`)).body.displayName).toBe("Dade Murphy");

    const put = await scim("PUT", `Users/${id}`, {
      ...created.body,
      name: { givenName: "Dade", familyName: "Murphy-Burns" },
      displayName: "Dade Murphy-Burns",
    });
    expect(put.status).toBe(200);
    expect(put.body.name).toEqual({ givenName: "Dade", familyName: "Murphy-Burns" });

    const off = await scim("PATCH", `Users/${id}`, patch({ op: "replace", value: { active: false } }));
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const on = await scim("PATCH", `Users/${id}`, patch({ op: "replace", value: { active: true } }));
    expect(on.body.active).toBe(true);

    const group = await scim("POST", "Groups", { schemas: [GROUP_SCHEMA], displayName: "Test SCIMv2", members: [] });
    expect(group.status).toBe(201);
    const gid = group.body.id as string;
    const add = await scim(
      "PATCH",
      `Groups/${gid}`,
      patch({ op: "add", path: "members", value: [{ value: id, display: "dade.murphy@example.com" }] }),
    );
    expect(add.status).toBe(204);
    expect((await scim("GET", `Users/${id}`)).body.groups).toMatchObject([{ value: gid, display: "Test SCIMv2" }]);
    // Okta renames with a no-path replace that carries the id too.
    await scim(
      "PATCH",
      `Groups/${gid}`,
      patch({ op: "replace", value: { id: gid, displayName: "Test SCIMv2 renamed" } }),
    );
    expect((await db.userIdentity.findUniqueOrThrow({ where: { userId: id } })).groups).toEqual([
      "Test SCIMv2 renamed",
    ]);
    const remove = await scim("PATCH", `Groups/${gid}`, patch({ op: "remove", path: `members[value eq "${id}"]` }));
    expect(remove.status).toBe(204);
    expect((await scim("GET", `Groups/${gid}`)).body.members).toEqual([]);
    expect((await scim("DELETE", `Groups/${gid}`)).status).toBe(204);
    expect((await scim("GET", `Groups/${gid}`)).status).toBe(404);
  });
});

describe("Entra ID's sequence", () => {
  it("creates, patches with capitalised ops and string booleans, manages group members, deletes", async () => {
    const userName = "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1@entra.test";
    expect((await scim("GET", q(`userName eq "${userName}"`))).body.totalResults).toBe(0);
    const created = await scim("POST", "Users", {
      schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      userName,
      active: true,
      emails: [{ primary: true, type: "work", value: "Test_User_fd0ea19b@entra.test" }],
      meta: { resourceType: "User" },
      name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
      roles: [],
      [ENTERPRISE_SCHEMA]: { employeeNumber: "E-1001", department: "IT" },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await scim("GET", q('externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"'))).body.totalResults).toBe(1);

    const patched = await scim(
      "PATCH",
      `Users/${id}`,
      patch(
        { op: "Replace", path: 'emails[type eq "work"].value', value: "updatedEmail@entra.test" },
        { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
        { op: "Add", path: `${ENTERPRISE_SCHEMA}:manager`, value: "2819c223-7f76-453a-919d-ab3f9f7ba5d4" },
        { op: "Replace", path: `${ENTERPRISE_SCHEMA}:department`, value: "Service Desk" },
      ),
    );
    expect(patched.status).toBe(200);
    expect(patched.body.emails).toEqual([{ primary: true, type: "work", value: "updatedEmail@entra.test" }]);
    expect(patched.body.name).toMatchObject({ familyName: "updatedFamilyName" });
    expect(patched.body[ENTERPRISE_SCHEMA]).toMatchObject({
      department: "Service Desk",
      employeeNumber: "E-1001",
      manager: { value: "2819c223-7f76-453a-919d-ab3f9f7ba5d4" },
    });
    const user = await db.user.findUniqueOrThrow({ where: { id } });
    expect(user).toMatchObject({ email: "updatedemail@entra.test", department: "Service Desk", externalId: "E-1001" });

    const disabled = await scim("PATCH", `Users/${id}`, patch({ op: "Replace", path: "active", value: "False" }));
    expect(disabled.body.active).toBe(false);
    const listed = await scim("GET", q(`userName eq "${userName}"`));
    expect(listed.body.Resources![0]).toMatchObject({ active: false });
    await scim("PATCH", `Users/${id}`, patch({ op: "Replace", path: "active", value: "True" }));

    const group = await scim("POST", "Groups", {
      schemas: [GROUP_SCHEMA],
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      displayName: "Group1DisplayName",
      meta: { resourceType: "Group" },
      members: [],
    });
    const gid = group.body.id as string;
    const byName = await scim(
      "GET",
      `Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Group1DisplayName"')}`,
    );
    expect(byName.body).toMatchObject({ totalResults: 1, Resources: [{ id: gid, members: [] }] });
    expect(
      (await scim("PATCH", `Groups/${gid}`, patch({ op: "Add", path: "members", value: [{ $ref: null, value: id }] })))
        .status,
    ).toBe(204);
    expect((await scim("GET", `Groups/${gid}`)).body.members).toMatchObject([{ value: id }]);
    expect(
      (
        await scim(
          "PATCH",
          `Groups/${gid}`,
          patch({ op: "Remove", path: "members", value: [{ $ref: null, value: id }] }),
        )
      ).status,
    ).toBe(204);
    expect((await scim("GET", `Groups/${gid}`)).body.members).toEqual([]);

    expect((await scim("DELETE", `Users/${id}`)).status).toBe(204);
    expect((await scim("GET", `Users/${id}`)).status).toBe(404);
    expect(await db.user.findUnique({ where: { id } })).toMatchObject({ active: false }); // kept, disabled
  });
});

describe("list, filter and paging", () => {
  it("filters with eq, co, sw, pr, and, or on the supported attributes, and pages by startIndex/count", async () => {
    for (const n of ["ann", "bob", "cid"])
      await scim("POST", "Users", {
        schemas: [USER_SCHEMA],
        userName: `${n}@paging.test`,
        displayName: `Pager ${n.toUpperCase()}`,
        externalId: `ext-${n}`,
        active: n !== "cid",
      });
    const total = async (filter: string) => (await scim("GET", q(filter))).body.totalResults;
    expect(await total('userName sw "ann@" or userName sw "bob@"')).toBe(2);
    expect(await total('emails.value co "@paging.test" and active eq true')).toBe(2);
    expect(await total('displayName co "pager" and externalId pr')).toBe(3);
    expect(await total('externalId eq "ext-cid" and (active eq false)')).toBe(1);
    expect(await total('emails[value eq "bob@paging.test"]')).toBe(1);
    const page = await scim("GET", `${q('emails.value co "@paging.test"')}&startIndex=2&count=1`);
    expect(page.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    expect((page.body.Resources![0] as { userName: string }).userName).toBe("bob@paging.test");
  });
});

describe("paging past the end, found by test/fuzz-api-http.test.ts", () => {
  it("a startIndex beyond any list (up to 23 digits) is an empty page, not a 500", async () => {
    for (const resource of ["Users", "Groups"])
      for (const startIndex of ["2147483648", "9007199254740993", "99999999999999999999999"]) {
        const page = await scim("GET", `${resource}?startIndex=${startIndex}&count=5`);
        expect(page, `${resource} from ${startIndex}`).toMatchObject({
          status: 200,
          body: { itemsPerPage: 0, Resources: [] },
        });
        expect(page.body.totalResults).toBeGreaterThan(0);
      }
  });
});

describe("bad input", () => {
  it("answers each with the right SCIM error and changes nothing", async () => {
    const unknown = await scim("POST", "Users", {
      schemas: [USER_SCHEMA],
      userName: "x@bad.test",
      favouriteColour: "red",
    });
    expect(unknown).toMatchObject({ status: 400, body: { scimType: "invalidSyntax", status: "400" } });
    expect(unknown.body.detail).toMatch(/favouriteColour/);
    expect((await scim("GET", q('userName eq "x@bad.test"'))).body.totalResults).toBe(0);

    expect((await scim("GET", q('userName eq "unclosed'))).body).toMatchObject({
      status: "400",
      scimType: "invalidFilter",
    });
    expect((await scim("GET", q("userName eq"))).body.scimType).toBe("invalidFilter");
    expect((await scim("GET", q('title eq "x"'))).body.scimType).toBe("invalidFilter");
    expect((await scim("POST", "Users", "{not json")).body.scimType).toBe("invalidSyntax");

    const first = await scim("POST", "Users", { schemas: [USER_SCHEMA], userName: "dup@bad.test" });
    const dup = await scim("POST", "Users", { schemas: [USER_SCHEMA], userName: "DUP@bad.test" });
    expect(dup).toMatchObject({ status: 409, body: { scimType: "uniqueness" } });

    expect((await scim("PATCH", "Users/no-such-user", patch({ op: "replace", value: { active: false } }))).status).toBe(
      404,
    );

    // A valid operation before an invalid one is not applied either.
    const id = first.body.id as string;
    const half = await scim(
      "PATCH",
      `Users/${id}`,
      patch({ op: "replace", path: "displayName", value: "Changed" }, { op: "remove" }),
    );
    expect(half).toMatchObject({ status: 400, body: { scimType: "noTarget" } });
    const wrongPath = await scim("PATCH", `Users/${id}`, patch({ op: "replace", path: "shoeSize", value: 42 }));
    expect(wrongPath.body.scimType).toBe("invalidSyntax");
    const badBool = await scim("PATCH", `Users/${id}`, patch({ op: "replace", path: "active", value: "maybe" }));
    expect(badBool.body.scimType).toBe("invalidValue");
    expect((await scim("GET", `Users/${id}`)).body).toMatchObject({ displayName: "dup@bad.test", active: true });
    // An email taken by someone else: 409, and the name in the same request is not changed either.
    const taken = await scim(
      "PATCH",
      `Users/${id}`,
      patch({
        op: "replace",
        value: { displayName: "Changed", emails: [{ value: "dade.murphy@example.com", primary: true }] },
      }),
    );
    expect(taken).toMatchObject({ status: 409, body: { scimType: "uniqueness" } });
    expect((await scim("GET", `Users/${id}`)).body.displayName).toBe("dup@bad.test");
  });
});

describe("provisioning applies the license rules", () => {
  it(
    "grants by job code and group, and deprovisioning ends the seat and sessions at once, keeping " + "tickets",
    async () => {
      const admin = callerFor(db, await signIn(db, adminId)).adminLicenseRules;
      const base = { enabled: true, departments: [], employeeTypes: [], poolId: null };
      await admin.save({
        rules: [
          { ...base, name: "Desk by job code", jobCodes: ["IT-SD"], groups: [], role: "AGENT", license: "NAMED" },
          {
            ...base,
            name: "Report readers",
            jobCodes: [],
            groups: ["Finance leads"],
            role: "REPORT_VIEWER",
            license: "NONE",
          },
        ],
      });
      const created = await scim("POST", "Users", {
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
        userName: "desk.agent@rules.test",
        [ENTERPRISE_SCHEMA]: { costCenter: "IT-SD" },
      });
      const id = created.body.id as string;
      let user = await db.user.findUniqueOrThrow({ where: { id }, include: { seatAssignment: true } });
      expect(user).toMatchObject({ role: "AGENT", jobCode: "IT-SD", seatAssignment: { kind: "NAMED" } });
      const grant = await db.seatEvent.findFirstOrThrow({ where: { userId: id, type: "ADMIN_ACTION" } });
      expect(grant.reason).toBe("license rule “Desk by job code”");

      // At work: a session with a seat, and a ticket they raised.
      const session = await signIn(db, id);
      await callerFor(db, session).seat.checkout();
      await callerFor(db, session).portalTickets.create({
        type: "INCIDENT",
        title: "Printer jam",
        description: "Paper stuck",
      });

      const off = await scim("PATCH", `Users/${id}`, patch({ op: "Replace", path: "active", value: "False" }));
      expect(off.status).toBe(200);
      const lease = await db.seatLease.findFirstOrThrow({ where: { userId: id } });
      expect(lease).toMatchObject({ endReason: "ACCOUNT_DISABLED", endNote: "deactivated by provisioning “Okta”" });
      expect(await db.authSession.count({ where: { userId: id, endedAt: null } })).toBe(0);
      expect(await db.seatAssignment.findUnique({ where: { userId: id } })).toBeNull();
      expect(await db.ticket.count({ where: { requesterId: id } })).toBe(1);

      // Back, then in a provider group a later rule matches... but the first rule still decides.
      await scim("PATCH", `Users/${id}`, patch({ op: "Replace", path: "active", value: "True" }));
      user = await db.user.findUniqueOrThrow({ where: { id }, include: { seatAssignment: true } });
      expect(user.seatAssignment?.kind).toBe("NAMED");
      // A job code that no longer qualifies ends the license at once; the group rule then decides.
      const group = await scim("POST", "Groups", {
        schemas: [GROUP_SCHEMA],
        displayName: "Finance leads",
        members: [{ value: id }],
      });
      expect(group.status).toBe(201);
      await scim(
        "PATCH",
        `Users/${id}`,
        patch({ op: "replace", path: `${ENTERPRISE_SCHEMA}:costCenter`, value: "FIN-CTL" }),
      );
      user = await db.user.findUniqueOrThrow({ where: { id }, include: { seatAssignment: true } });
      expect(user).toMatchObject({ role: "REPORT_VIEWER", seatAssignment: null });
      const removal = await db.seatEvent.findFirstOrThrow({
        where: { userId: id, type: "ADMIN_ACTION", reason: "license rule “Report readers”" },
      });
      expect(removal.details).toMatchObject({ source: "provisioning “Okta”" });
    },
  );
});

describe("text no resource can hold, found by test/fuzz-api-http.test.ts: a SCIM 4xx, never a 500", () => {
  /** A request as Next hands it to the route: the path's segments decoded. */
  async function decoded(method: string, segments: string[], query = "", body?: string): Promise<Res> {
    const path = segments.map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, "x"))).join("/");
    const req = new Request(`http://desk.test/api/scim/v2/${path}${query}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/scim+json" },
      body,
    });
    const res = await handleScim(db, req, segments, routeScim);
    return { status: res.status, body: JSON.parse(await res.text()) as Res["body"] };
  }
  const nested = (depth: number, inner: string) => "[".repeat(depth) + inner + "]".repeat(depth);

  it("an id with a NUL character or a lone surrogate: 404 for every method", async () => {
    const body = JSON.stringify(patch({ op: "replace", path: "active", value: false }));
    for (const id of ["a\u0000b", "\uD800", "INC-000001\u0000"])
      for (const resource of ["Users", "Groups"])
        for (const method of ["GET", "PUT", "PATCH", "DELETE"]) {
          const answer = await decoded(
            method,
            [resource, id],
            "",
            method === "GET" || method === "DELETE" ? undefined : body,
          );
          expect(answer, `${method} ${resource}/${JSON.stringify(id)}`).toMatchObject({
            status: 404,
            body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "404" },
          });
        }
  });

  it("a NUL in a query parameter, or an escaped NUL or lone surrogate in a filter's string: 400", async () => {
    for (const [query, scimType] of [
      [`?filter=${encodeURIComponent('userName eq "a\u0000"')}`, "invalidFilter"],
      [`?filter=${encodeURIComponent('userName eq "\\u0000"')}`, "invalidFilter"],
      [`?filter=${encodeURIComponent('externalId sw "\\ud800"')}`, "invalidFilter"],
      ["?count=5&excludedAttributes=%00", "invalidValue"],
    ] as const)
      for (const resource of ["Users", "Groups"])
        expect(await decoded("GET", [resource], query), `${resource}${query}`).toMatchObject({
          status: 400,
          body: { status: "400", scimType },
        });
  });

  it("a NUL or a lone surrogate anywhere in a body, or a body nested deeper than any resource: 400", async () => {
    const userName = "unstorable@bad.test";
    const users = (extra: Record<string, unknown>) => JSON.stringify({ schemas: [USER_SCHEMA], userName, ...extra });
    for (const [body, scimType, words] of [
      [users({ displayName: "Ann\u0000" }), "invalidValue", "displayName"],
      [users({ name: { givenName: "\uD800" } }), "invalidValue", "name.givenName"],
      [users({ "urn:example:custom:1.0:User": { jobCode: ["x", "\u0000"] } }), "invalidValue", "jobCode"],
      [
        `{"schemas":["${USER_SCHEMA}"],"userName":"${userName}","title":${nested(100_000, "1")}}`,
        "invalidSyntax",
        "nested",
      ],
      [
        `{"schemas":["${USER_SCHEMA}"],"userName":"${userName}","title":${nested(40, '"\\u0000"')}}`,
        "invalidSyntax",
        "nested",
      ],
    ] as const) {
      const answer = await decoded("POST", ["Users"], "", body);
      expect(answer, body.slice(0, 200)).toMatchObject({ status: 400, body: { status: "400", scimType } });
      expect(answer.body.detail).toContain(words);
    }
    expect((await scim("GET", q(`userName eq "${userName}"`))).body.totalResults).toBe(0);

    const group = await decoded(
      "POST",
      ["Groups"],
      "",
      JSON.stringify({ schemas: [GROUP_SCHEMA], displayName: "G\uD800" }),
    );
    expect(group).toMatchObject({ status: 400, body: { scimType: "invalidValue" } });
    const someone = await scim("POST", "Users", { schemas: [USER_SCHEMA], userName: "kept@bad.test" });
    const nul = JSON.stringify(patch({ op: "replace", path: "displayName", value: "Changed\u0000" }));
    expect((await decoded("PATCH", ["Users", someone.body.id as string], "", nul)).status).toBe(400);
    expect((await scim("GET", `Users/${someone.body.id as string}`)).body.displayName).toBe("kept@bad.test");
  });
});

describe("request ids, found by test/fuzz-api-http.test.ts", () => {
  it("an identity provider's x-request-id never reaches the seat history: the server makes the id", async () => {
    const forged = "forged-by-idp";
    const call = async (method: string, path: string, body?: unknown) => {
      const req = new Request(`http://desk.test/api/scim/v2/${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/scim+json", "x-request-id": forged },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const res = await handleScim(db, req, path.split("/"), routeScim);
      return { status: res.status, requestId: res.headers.get("x-request-id"), text: await res.text() };
    };
    const created = await call("POST", "Users", { schemas: [USER_SCHEMA], userName: "request.id@ids.test" });
    expect(created.status).toBe(201);
    const id = (JSON.parse(created.text) as { id: string }).id;
    const deleted = await call("DELETE", `Users/${id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.requestId).not.toBe(forged);
    expect(await db.seatEvent.count({ where: { userId: id, requestId: deleted.requestId } })).toBeGreaterThan(0);
    expect(await db.seatEvent.count({ where: { requestId: forged } })).toBe(0);
  });
});

describe("the body's size, found reading the gate while fuzzing", () => {
  it("a body that never ends is refused once it passes 1 MB (413 tooMany), not read into memory for ever", async () => {
    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const req = new Request("http://desk.test/api/scim/v2/Users", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/scim+json" },
      body: endless,
      duplex: "half",
    } as RequestInit);
    const res = await handleScim(db, req, ["Users"], routeScim);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ status: "413", scimType: "tooMany" });
    expect(sent).toBeLessThan(4 * 1024 * 1024);
    const declared = new Request("http://desk.test/api/scim/v2/Users", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-length": "5000000" },
      body: "{}",
    });
    expect((await handleScim(db, declared, ["Users"], routeScim)).status).toBe(413);
  }, 15_000);
});
