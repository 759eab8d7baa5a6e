import { expect } from "vitest";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { TicketActor } from "@/server/tickets/actor";
import { createUser } from "./factories";

/** Ticket test helpers: people through each door, groups with members, refusals. */

export const portal = (user: { id: string; role: TicketActor["role"] }): TicketActor => ({
  id: user.id,
  role: user.role,
  via: "portal",
});
export const console_ = (user: { id: string; role: TicketActor["role"] }): TicketActor => ({
  id: user.id,
  role: user.role,
  via: "console",
});

/** A group (by exact name) with these members; the name must be new in the file's database. */
export async function createGroupWith(db: Db, name: string, members: { id: string }[] = []) {
  const group = await db.group.create({ data: { name } });
  if (members.length)
    await db.groupMember.createMany({ data: members.map((m) => ({ groupId: group.id, userId: m.id })) });
  return group;
}

export async function createAgent(db: Db, name?: string) {
  return createUser(db, { role: "AGENT", ...(name ? { name } : {}) });
}

/** The AppError a promise is rejected with (the test fails when it resolves). */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
