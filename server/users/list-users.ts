import "server-only";
import type { DbOrTx } from "../db/transaction";
import type { Prisma } from "../db/client";
import type { Role, SeatKind } from "../db/generated/enums";
import { listUsersInput, type ListUsersInput } from "@/lib/validation/users";
import { namePageArgs, toNamePage } from "./name-pages";
import { likeLiteral } from "../db/like";

export type UserListItem = {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  department: string | null;
  jobCode: string | null;
  externalId: string | null;
  createdAt: Date;
  groups: { id: string; name: string }[];
  license: { kind: SeatKind; pool: { id: string; name: string } | null } | null;
  /** Open, unexpired sign-in sessions. */
  openSessions: number;
  holdsSeat: boolean;
};

export type UserPage = { items: UserListItem[]; nextCursor: string | null; total: number };

/**
 * People for the admin table, by name then id, a page at a time (cursor: the last id shown).
 * Groups, license and counts come with the page in a fixed number of queries: Prisma loads each
 * relation for the whole page at once, never one query per person.
 */
export async function listUsers(db: DbOrTx, rawInput: ListUsersInput = {}): Promise<UserPage> {
  const input = listUsersInput.parse(rawInput);
  const search = input.search?.trim();
  const where: Prisma.UserWhereInput = {
    ...(input.role ? { role: input.role } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
    ...(search
      ? {
          OR: [
            { name: { contains: likeLiteral(search), mode: "insensitive" } },
            { email: { contains: likeLiteral(search.toLowerCase()) } },
            { externalId: search },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.user.findMany({
      where,
      ...namePageArgs(input),
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        active: true,
        department: true,
        jobCode: true,
        externalId: true,
        createdAt: true,
        groups: { select: { group: { select: { id: true, name: true } } }, orderBy: { group: { name: "asc" } } },
        seatAssignment: { select: { kind: true, pool: { select: { id: true, name: true } } } },
        leases: { where: { endedAt: null }, select: { id: true }, take: 1 },
        _count: { select: { sessions: { where: { endedAt: null, expiresAt: { gt: new Date() } } } } },
      },
    }),
    db.user.count({ where }),
  ]);
  const { items, nextCursor } = toNamePage(rows, input);
  return {
    items: items.map(({ groups, seatAssignment, leases, _count, ...user }) => ({
      ...user,
      groups: groups.map((g) => g.group),
      license: seatAssignment,
      openSessions: _count.sessions,
      holdsSeat: leases.length > 0,
    })),
    nextCursor,
    total,
  };
}
