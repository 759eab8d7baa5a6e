import "server-only";
import type { Db } from "../db/client";
import { getEntitlement } from "../licensing/entitlement";
import { getSeatBoard } from "../licensing/board";
import { countQueues } from "../tickets/list-tickets";
import type { TicketViewer } from "../tickets/actor";

/*
 * What an administrator sees first: the seats as they stand (owned, given out, in use, people
 * waiting, refusals of the last day), the desk's open and breaching tickets, and who is who.
 * A fixed number of queries whatever the size of the organisation: the seat board (one snapshot),
 * the entitlement, two capped queue counts, one count per role and one of refusals.
 */

export type AdminOverview = {
  seats: {
    named: { owned: number; assigned: number; inUse: number };
    concurrent: { owned: number; inPools: number; inUse: number; pools: number };
    waiting: number;
    refusedLastDay: number;
  };
  tickets: { open: number; breaching: number };
  people: { endUsers: number; agents: number; admins: number; reportViewers: number; groups: number };
};

export async function getAdminOverview(db: Db, viewer: TicketViewer): Promise<AdminOverview> {
  const [board, entitlement, queues, byRole, groups, refused] = await Promise.all([
    getSeatBoard(db),
    getEntitlement(db),
    countQueues(db, viewer, {}),
    db.user.groupBy({ by: ["role"], where: { active: true }, _count: true }),
    db.group.count(),
    db.$queryRaw<
      [{ n: number }]
    >`select count(*)::int as n from "SeatEvent" where type = 'REFUSED' and at > now() - interval '24 hours'`,
  ]);
  const people = (role: string) => byRole.find((r) => r.role === role)?._count ?? 0;
  return {
    seats: {
      named: {
        owned: entitlement.namedSeats,
        assigned: entitlement.namedAssigned,
        inUse: board.namedSeats.filter((s) => s.lease?.kind === "NAMED").length,
      },
      concurrent: {
        owned: entitlement.concurrentSeats,
        inPools: entitlement.concurrentAllocated,
        inUse: board.pools.reduce((n, p) => n + p.inUse, 0),
        pools: board.pools.length,
      },
      waiting: board.pools.reduce((n, p) => n + p.waiting.length, 0),
      refusedLastDay: refused[0].n,
    },
    tickets: { open: queues.open, breaching: queues.breaching },
    people: {
      endUsers: people("END_USER"),
      agents: people("AGENT"),
      admins: people("ADMIN"),
      reportViewers: people("REPORT_VIEWER"),
      groups,
    },
  };
}
