import "server-only";
import type { DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import { isAgentRole } from "./actor";

/** Where every ticket starts unless an agent chooses another group. */
export const SERVICE_DESK = "Service Desk";

export type GroupRef = { id: string; name: string };
export type PersonRef = { id: string; name: string };

/** The Service Desk group, found by name (any case); null when the organisation has none. */
export async function findServiceDesk(db: DbOrTx): Promise<GroupRef | null> {
  return db.group.findFirst({
    where: { name: { equals: SERVICE_DESK, mode: "insensitive" } },
    select: { id: true, name: true },
  });
}

export const isServiceDesk = (group: { name: string } | null | undefined) =>
  group?.name.toLowerCase() === SERVICE_DESK.toLowerCase();

export async function requireGroup(db: DbOrTx, groupId: string): Promise<GroupRef> {
  const group = await db.group.findUnique({ where: { id: groupId }, select: { id: true, name: true } });
  if (!group)
    throw new AppError("BAD_REQUEST", "This group no longer exists. Choose another one.", undefined, "groupId");
  return group;
}

export async function requireCategory(db: DbOrTx, categoryId: string): Promise<{ id: string; name: string }> {
  const category = await db.category.findUnique({ where: { id: categoryId }, select: { id: true, name: true } });
  if (!category)
    throw new AppError("BAD_REQUEST", "This category no longer exists. Choose another one.", undefined, "categoryId");
  return category;
}

/** An assignee is an active agent or administrator and, when the ticket has a group, one of its members. */
export async function requireAssignee(db: DbOrTx, assigneeId: string, group: GroupRef | null): Promise<PersonRef> {
  const person = await db.user.findUnique({
    where: { id: assigneeId },
    select: {
      id: true,
      name: true,
      role: true,
      active: true,
      groups: group ? { where: { groupId: group.id }, select: { groupId: true } } : false,
    },
  });
  if (!person || !person.active || !isAgentRole(person.role)) {
    throw new AppError(
      "BAD_REQUEST",
      "Tickets are assigned to active agents only. Choose another assignee.",
      undefined,
      "assigneeId",
    );
  }
  if (group && person.groups.length === 0) {
    throw new AppError(
      "BAD_REQUEST",
      `${person.name} is not a member of ${group.name}. Choose one of its members, or another group.`,
      undefined,
      "assigneeId",
    );
  }
  return { id: person.id, name: person.name };
}

export async function requireRequester(db: DbOrTx, requesterId: string): Promise<PersonRef> {
  const person = await db.user.findUnique({
    where: { id: requesterId },
    select: { id: true, name: true, active: true },
  });
  if (!person || !person.active)
    throw new AppError(
      "BAD_REQUEST",
      "The requester must be an active user. Choose another one.",
      undefined,
      "requesterId",
    );
  return person;
}
