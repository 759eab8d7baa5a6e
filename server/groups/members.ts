import "server-only";
import { inTransaction, type DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import { lockUser } from "../licensing/locks";
import type { GroupMemberInput } from "@/lib/validation/groups";
import { isAgentRole, seatlessRoleName } from "@/lib/auth/roles";

/*
 * Members of assignment groups: tickets are assigned to a group and worked by its members, so
 * only agents and administrators can be members, and only while their account is enabled.
 * Adding takes the person's row lock, the same lock a role change takes (server/users/
 * update-user.ts), so an end user can never slip into a group while being demoted.
 */

async function findGroup(db: DbOrTx, groupId: string) {
  const group = await db.group.findUnique({ where: { id: groupId }, select: { id: true, name: true } });
  if (!group) throw new AppError("NOT_FOUND", "This group no longer exists.");
  return group;
}

export async function addMember(db: DbOrTx, input: GroupMemberInput): Promise<{ added: boolean }> {
  return inTransaction(db, async (tx) => {
    const group = await findGroup(tx, input.groupId);
    if (!(await lockUser(tx, input.userId)))
      throw new AppError("NOT_FOUND", "This person no longer exists.", undefined, "userId");
    const user = await tx.user.findUniqueOrThrow({
      where: { id: input.userId },
      select: { name: true, role: true, active: true },
    });
    if (!isAgentRole(user.role)) {
      throw new AppError(
        "BAD_REQUEST",
        `${user.name} is ${seatlessRoleName(user.role)}. ` +
          `Only agents and administrators can be members of "${group.name}"; change their role first.`,
        undefined,
        "userId",
      );
    }
    if (!user.active)
      throw new AppError(
        "BAD_REQUEST",
        `${user.name}'s account is disabled. Enable it before adding them to "${group.name}".`,
        undefined,
        "userId",
      );
    const { count } = await tx.groupMember.createMany({
      data: [{ groupId: group.id, userId: input.userId }],
      skipDuplicates: true,
    });
    return { added: count === 1 };
  });
}

export async function removeMember(db: DbOrTx, input: GroupMemberInput): Promise<{ removed: boolean }> {
  await findGroup(db, input.groupId);
  const { count } = await db.groupMember.deleteMany({ where: { groupId: input.groupId, userId: input.userId } });
  return { removed: count === 1 };
}
