import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import { createTestDatabase } from "@/test/db";
import { createUser, signIn } from "@/test/factories";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";
import { AppError } from "@/server/errors";
import { addMember } from "./members";

let db: Db;
let adminSession: ValidSession;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  adminSession = await signIn(db, (await createUser(db, { role: "ADMIN" })).id);
});

const asAdmin = () => callerFor(db, adminSession);
async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}
let n = 0;
const uniqueName = (base: string) => `${base} ${++n}-${Date.now()}`;

describe("groups", () => {
  it("are created with a trimmed name and listed with their member counts", async () => {
    const name = uniqueName("Service Desk");
    const { id } = await asAdmin().adminGroups.create({ name: `  ${name} `, description: "First line" });
    const agents = [await createUser(db, { role: "AGENT" }), await createUser(db, { role: "ADMIN" })];
    for (const a of agents) await asAdmin().adminGroups.addMember({ groupId: id, userId: a.id });
    const page = await asAdmin().adminGroups.list({ search: name.toUpperCase() });
    expect(page.items).toEqual([{ id, name, description: "First line", memberCount: 2, pools: [] }]);
    expect(page.total).toBe(1);
  });

  it("have unique names, whatever the case, with a message on the name field", async () => {
    const name = uniqueName("Network");
    await asAdmin().adminGroups.create({ name });
    const error = await rejection(asAdmin().adminGroups.create({ name: name.toLowerCase() }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(`A group named "${name}" already exists. Choose another name.`);
    expect((error.cause as AppError).field).toBe("name");
  });

  it("can be renamed, but not onto another group's name", async () => {
    const a = await asAdmin().adminGroups.create({ name: uniqueName("Alpha") });
    const bName = uniqueName("Bravo");
    await asAdmin().adminGroups.create({ name: bName });
    const renamed = uniqueName("Alpha renamed");
    await asAdmin().adminGroups.rename({ id: a.id, name: renamed, description: "now with a description" });
    expect(await db.group.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      name: renamed,
      description: "now with a description",
    });
    // Changing only the case of its own name is fine.
    await asAdmin().adminGroups.rename({ id: a.id, name: renamed.toUpperCase() });
    const error = await rejection(asAdmin().adminGroups.rename({ id: a.id, name: bName }));
    expect(error.code).toBe("CONFLICT");
    expect((error.cause as AppError).field).toBe("name");
    expect((await rejection(asAdmin().adminGroups.rename({ id: "missing", name: "X" }))).code).toBe("NOT_FOUND");
  });

  it("explain an invalid name", async () => {
    const error = await rejection(asAdmin().adminGroups.create({ name: "   " }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(z.flattenError(error.cause as ZodError).fieldErrors).toEqual({ name: ["Enter a group name"] });
    const long = await rejection(asAdmin().adminGroups.create({ name: "x".repeat(81) }));
    expect(z.flattenError(long.cause as ZodError).fieldErrors).toEqual({ name: ["Use at most 80 characters"] });
  });

  it("page through groups with a cursor", async () => {
    const tag = uniqueName("paged");
    for (let i = 0; i < 5; i++) await asAdmin().adminGroups.create({ name: `${tag} ${i}` });
    const first = await asAdmin().adminGroups.list({ search: tag, limit: 3 });
    const second = await asAdmin().adminGroups.list({ search: tag, limit: 3, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((g) => g.name)).toEqual([0, 1, 2, 3, 4].map((i) => `${tag} ${i}`));
    expect(second.nextCursor).toBeNull();
  });
});

describe("group members", () => {
  it("can be agents and administrators, and adding twice is harmless", async () => {
    const { id: groupId } = await asAdmin().adminGroups.create({ name: uniqueName("Members") });
    const agent = await createUser(db, { role: "AGENT", name: "Bea Agent" });
    const adminUser = await createUser(db, { role: "ADMIN", name: "Al Admin" });
    expect(await asAdmin().adminGroups.addMember({ groupId, userId: agent.id })).toEqual({ added: true });
    expect(await asAdmin().adminGroups.addMember({ groupId, userId: agent.id })).toEqual({ added: false });
    await asAdmin().adminGroups.addMember({ groupId, userId: adminUser.id });
    const members = await asAdmin().adminGroups.members({ groupId });
    expect(members.items.map((m) => m.name)).toEqual(["Al Admin", "Bea Agent"]);
    expect(members.total).toBe(2);
    expect(members.group.id).toBe(groupId);
  });

  it("cannot be end users, report viewers or disabled accounts; the message names the person", async () => {
    const { id: groupId } = await asAdmin().adminGroups.create({ name: uniqueName("Strict") });
    const customer = await createUser(db, { role: "END_USER", name: "Carl Customer" });
    const error = await rejection(asAdmin().adminGroups.addMember({ groupId, userId: customer.id }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("Carl Customer is an end user. Only agents and administrators can be members");
    expect((error.cause as AppError).field).toBe("userId");
    // Report viewers hold no seat and work no tickets either (lib/auth/roles.ts), so they join no group.
    const viewer = await createUser(db, { role: "REPORT_VIEWER", name: "Rita Reports" });
    expect((await rejection(asAdmin().adminGroups.addMember({ groupId, userId: viewer.id }))).message).toContain(
      "Rita Reports is a report viewer. Only agents and administrators can be members",
    );
    const gone = await createUser(db, { role: "AGENT", name: "Dora Disabled", active: false });
    expect((await rejection(asAdmin().adminGroups.addMember({ groupId, userId: gone.id }))).message).toContain(
      "Dora Disabled's account is disabled",
    );
    expect(await db.groupMember.count({ where: { groupId } })).toBe(0);
  });

  it("cannot slip in while the person is being made an end user (same row lock)", async () => {
    const { id: groupId } = await asAdmin().adminGroups.create({ name: uniqueName("Race") });
    const agent = await createUser(db, { role: "AGENT" });
    const results = await Promise.allSettled([
      addMember(db, { groupId, userId: agent.id }),
      asAdmin().adminUsers.update({ id: agent.id, name: agent.name, role: "END_USER" }),
    ]);
    expect(results[1].status).toBe("fulfilled");
    // Whichever ran first, an end user is never left in the group.
    expect(await db.groupMember.count({ where: { groupId, userId: agent.id } })).toBe(0);
  });

  it("are removed, and the candidates to add are enabled agents and admins not yet in the group", async () => {
    const { id: groupId } = await asAdmin().adminGroups.create({ name: uniqueName("Pick") });
    const tag = `cand${Date.now()}`;
    const inGroup = await createUser(db, { role: "AGENT", name: `${tag} in` });
    const free = await createUser(db, { role: "AGENT", name: `${tag} free` });
    await createUser(db, { role: "END_USER", name: `${tag} customer` });
    await createUser(db, { role: "AGENT", name: `${tag} disabled`, active: false });
    await asAdmin().adminGroups.addMember({ groupId, userId: inGroup.id });
    expect((await asAdmin().adminGroups.candidates({ groupId, search: tag.toUpperCase() })).map((u) => u.id)).toEqual([
      free.id,
    ]);
    expect(await asAdmin().adminGroups.removeMember({ groupId, userId: inGroup.id })).toEqual({ removed: true });
    expect(await asAdmin().adminGroups.removeMember({ groupId, userId: inGroup.id })).toEqual({ removed: false });
    expect((await asAdmin().adminGroups.candidates({ groupId, search: tag })).map((u) => u.name).sort()).toEqual([
      `${tag} free`,
      `${tag} in`,
    ]);
  });

  it("of a group that does not exist: NOT_FOUND", async () => {
    const agent = await createUser(db, { role: "AGENT" });
    expect((await rejection(asAdmin().adminGroups.addMember({ groupId: "missing", userId: agent.id }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await rejection(asAdmin().adminGroups.members({ groupId: "missing" }))).code).toBe("NOT_FOUND");
  });
});
