import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createUser, signIn } from "@/test/factories";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import { auditedInput, auditedInputJson, listAdminAudit } from "./admin-audit";

/*
 * The administrators' audit log, through the real procedures: every successful change is kept
 * with who, what and the input (passwords hidden); refused changes and reads are not; the log
 * cannot be rewritten; it pages newest first and filters by area.
 */
let db: Db;
let admin: { id: string; name: string };
let asAdmin: () => ReturnType<typeof callerFor>;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  admin = await createUser(db, { role: "ADMIN", name: "Ada Admin" });
  const session = await signIn(db, admin.id);
  asAdmin = () => callerFor(db, session);
});

const newest = async () => (await listAdminAudit(db, { limit: 1 })).items[0];

describe("admin audit log", () => {
  it("keeps a successful change with who made it, the procedure and its input", async () => {
    const name = `Audit group ${Date.now()}`;
    await asAdmin().adminGroups.create({ name, description: "Second line" });
    expect(await newest()).toMatchObject({
      action: "adminGroups.create",
      input: { name, description: "Second line" },
      actor: { id: admin.id, name: "Ada Admin" },
    });
  });

  it("never keeps a password", async () => {
    const person = await createUser(db);
    await asAdmin().adminUsers.setPassword({ id: person.id, password: "correct horse battery" });
    const event = await newest();
    expect(event).toMatchObject({ action: "adminUsers.setPassword", input: { id: person.id, password: "[hidden]" } });
    expect(JSON.stringify(event)).not.toContain("correct horse");
    expect(auditedInput({ user: { newPassword: "x", name: "kept" } })).toEqual({
      user: { newPassword: "[hidden]", name: "kept" },
    });
  });

  it("writes the same text for a hand-written statement (auditedInputJson): secrets hidden, a large input cut", () => {
    const secret = { apiAccount: "Monitoring", input: { title: "t", token: "sdk_x", nested: { clientSecret: "s" } } };
    const large = { description: "x".repeat(5000) };
    for (const input of [secret, large]) expect(JSON.parse(auditedInputJson(input)!)).toEqual(auditedInput(input));
    expect(auditedInputJson(secret)).not.toContain("sdk_x");
    expect(JSON.parse(auditedInputJson(large)!)).toMatchObject({ truncated: true });
    expect(auditedInputJson(undefined)).toBeNull();
  });

  it("keeps neither a refused change nor a read", async () => {
    const before = await newest();
    await expect(asAdmin().adminGroups.create({ name: "" })).rejects.toThrow(/Enter a group name/);
    await asAdmin().adminGroups.list({});
    await asAdmin().adminAudit.list({});
    expect((await newest())?.id).toBe(before?.id);
    // Not an administrator: refused before anything runs, and nothing is kept either.
    const agent = callerFor(db, await signIn(db, (await createUser(db, { role: "AGENT" })).id));
    await expect(agent.adminGroups.create({ name: "Not allowed" })).rejects.toThrow(/only for administrators/);
    expect((await newest())?.id).toBe(before?.id);
  });

  it("cannot be rewritten or deleted", async () => {
    await expect(db.$executeRaw`update "AdminAuditEvent" set action = 'nothing happened'`).rejects.toThrow(
      /append-only/,
    );
    await expect(db.$executeRaw`delete from "AdminAuditEvent"`).rejects.toThrow(/append-only/);
  });

  it("pages newest first without repeats or gaps, and filters by area", async () => {
    const tag = `p${Date.now()}`;
    for (let i = 0; i < 5; i++) await asAdmin().adminGroups.create({ name: `${tag} ${i}` });
    const person = await createUser(db);
    await asAdmin().adminUsers.setActive({ id: person.id, active: false });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await asAdmin().adminAudit.list({ area: "adminGroups", limit: 2, cursor });
      seen.push(...page.items.map((e) => (e.input as { name?: string }).name ?? ""));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.filter((n) => n.startsWith(tag))).toEqual([4, 3, 2, 1, 0].map((i) => `${tag} ${i}`));
    expect(
      (await asAdmin().adminAudit.list({ area: "adminUsers" })).items.every((e) => e.action.startsWith("adminUsers.")),
    ).toBe(true);
    await expect(asAdmin().adminAudit.list({ cursor: "not-a-cursor" })).rejects.toThrow(/no longer valid/);
    // One past PostgreSQL's largest bigint: a refusal, not a 500 (found by test/fuzz.test.ts).
    await expect(asAdmin().adminAudit.list({ cursor: "9223372036854775808" })).rejects.toThrow(/no longer valid/);
  });
});
