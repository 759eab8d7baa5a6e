import "server-only";
import type { DbOrTx } from "../db/transaction";
import type { Role } from "../db/generated/enums";
import { AppError } from "../errors";
import { listMembersInput, memberCandidatesInput, type ListMembersInput } from "@/lib/validation/groups";
import type { z } from "zod";
import { namePageArgs, toNamePage } from "../users/name-pages";
import { likeLiteral } from "../db/like";
import { AGENT_ROLES } from "@/lib/auth/roles";

export type GroupMemberItem = { id: string; name: string; email: string; role: Role; active: boolean };
export type MemberPage = {
  group: { id: string; name: string };
  items: GroupMemberItem[];
  nextCursor: string | null;
  total: number;
};

const memberSelect = { id: true, name: true, email: true, role: true, active: true } as const;

/** A group's members by name, a page at a time (cursor: the last person's id). */
export async function listMembers(db: DbOrTx, rawInput: ListMembersInput): Promise<MemberPage> {
  const input = listMembersInput.parse(rawInput);
  const group = await db.group.findUnique({ where: { id: input.groupId }, select: { id: true, name: true } });
  if (!group) throw new AppError("NOT_FOUND", "This group no longer exists.");
  const where = { groups: { some: { groupId: group.id } } };
  const [rows, total] = await Promise.all([
    db.user.findMany({ where, ...namePageArgs(input), select: memberSelect }),
    db.user.count({ where }),
  ]);
  return { group, ...toNamePage(rows, input), total };
}

/** Up to 10 enabled agents and administrators, not yet in the group, matching the search. */
export async function memberCandidates(
  db: DbOrTx,
  rawInput: z.input<typeof memberCandidatesInput>,
): Promise<GroupMemberItem[]> {
  const input = memberCandidatesInput.parse(rawInput);
  const search = input.search.trim();
  return db.user.findMany({
    where: {
      role: { in: [...AGENT_ROLES] },
      active: true,
      groups: { none: { groupId: input.groupId } },
      ...(search
        ? {
            OR: [
              { name: { contains: likeLiteral(search), mode: "insensitive" } },
              { email: { contains: likeLiteral(search.toLowerCase()) } },
            ],
          }
        : {}),
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 10,
    select: memberSelect,
  });
}
