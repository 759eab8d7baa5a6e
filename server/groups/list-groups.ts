import "server-only";
import type { DbOrTx } from "../db/transaction";
import type { Prisma } from "../db/client";
import { listGroupsInput, type ListGroupsInput } from "@/lib/validation/groups";
import { namePageArgs, toNamePage } from "../users/name-pages";
import { likeLiteral } from "../db/like";

export type GroupListItem = {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  pools: { id: string; name: string }[];
};
export type GroupPage = { items: GroupListItem[]; nextCursor: string | null; total: number };

/** Assignment groups by name, a page at a time, with their member counts (counted in SQL). */
export async function listGroups(db: DbOrTx, rawInput: ListGroupsInput = {}): Promise<GroupPage> {
  const input = listGroupsInput.parse(rawInput);
  const search = input.search?.trim();
  const where: Prisma.GroupWhereInput = search ? { name: { contains: likeLiteral(search), mode: "insensitive" } } : {};
  const [rows, total] = await Promise.all([
    db.group.findMany({
      where,
      ...namePageArgs(input),
      select: {
        id: true,
        name: true,
        description: true,
        _count: { select: { members: true } },
        pools: { where: { deletedAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } },
      },
    }),
    db.group.count({ where }),
  ]);
  const { items, nextCursor } = toNamePage(rows, input);
  return {
    items: items.map(({ _count, ...group }) => ({ ...group, memberCount: _count.members })),
    nextCursor,
    total,
  };
}
