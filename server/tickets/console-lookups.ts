import "server-only";
import type { DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import { findPeopleInput } from "@/lib/validation/tickets";
import { isAgentRole, type TicketViewer } from "./actor";
import { likeLiteral } from "../db/like";
import { AGENT_ROLES } from "@/lib/auth/roles";

function assertAgent(viewer: TicketViewer) {
  if (!isAgentRole(viewer.role)) throw new AppError("FORBIDDEN", "The console is for agents and administrators.");
}

/**
 * What the console's pickers offer: the groups with their active agents (an assignee must be a
 * member of the ticket's group), the categories, and whether each group is the viewer's. A few
 * dozen rows in any organisation this product serves, so one read, cached by the page.
 */
export async function consoleLookups(db: DbOrTx, viewer: TicketViewer) {
  assertAgent(viewer);
  const [groups, categories] = await Promise.all([
    db.group.findMany({
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        members: {
          where: { user: { active: true, role: { in: [...AGENT_ROLES] } } },
          select: { user: { select: { id: true, name: true } } },
          orderBy: { user: { name: "asc" } },
        },
      },
    }),
    db.category.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return {
    me: viewer.id,
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      members: g.members.map((m) => m.user),
      mine: g.members.some((m) => m.user.id === viewer.id),
    })),
    categories,
  };
}

/** Active people by name or email, for a ticket opened on someone's behalf: a short list, best first. */
export async function findPeople(db: DbOrTx, viewer: TicketViewer, raw: { search?: string; limit?: number }) {
  assertAgent(viewer);
  const input = findPeopleInput.parse(raw);
  const search = input.search;
  return db.user.findMany({
    where: {
      active: true,
      role: { not: "REPORT_VIEWER" },
      ...(search
        ? {
            OR: [
              { name: { contains: likeLiteral(search), mode: "insensitive" } },
              { email: { contains: likeLiteral(search), mode: "insensitive" } },
            ],
          }
        : {}),
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: input.limit,
    select: { id: true, name: true, email: true },
  });
}
