import "server-only";
import type { DbOrTx } from "../db/transaction";
import { getSeatPrices, type SeatPrices } from "./seat-prices";
import { AGENT_ROLES } from "@/lib/auth/roles";

/*
 * What the report forms choose from: the scopes of the usage report (named seats, each pool),
 * the seat prices the optimizer starts from, and the licensed agents the "what if" mix can
 * give named seats. Read-only, for administrators and report viewers: names and licenses only,
 * no contact details beyond what the usage report shows anyway.
 */

export type ReportPool = { id: string; name: string; size: number };
export type ReportAgent = {
  id: string;
  name: string;
  license: { kind: "NAMED" } | { kind: "CONCURRENT"; poolId: string };
};
export type ReportChoices = {
  pools: ReportPool[];
  namedSeats: number;
  concurrentSeats: number;
  prices: SeatPrices;
  agents: ReportAgent[];
};

/** Upper bounds that keep the answer small; organisations beyond them are not this product's size. */
const MAX_POOLS = 500;
const MAX_AGENTS = 5000;

export async function reportChoices(db: DbOrTx): Promise<ReportChoices> {
  const [pools, owned, prices, assignments] = await Promise.all([
    db.seatPool.findMany({
      where: { deletedAt: null },
      orderBy: { name: "asc" },
      take: MAX_POOLS,
      select: { id: true, name: true, size: true },
    }),
    db.entitlement.findUnique({ where: { id: 1 }, select: { namedSeats: true, concurrentSeats: true } }),
    getSeatPrices(db),
    db.seatAssignment.findMany({
      where: {
        user: { active: true, role: { in: [...AGENT_ROLES] } },
        OR: [{ kind: "NAMED" }, { pool: { deletedAt: null } }],
      },
      orderBy: { user: { name: "asc" } },
      take: MAX_AGENTS,
      select: { kind: true, poolId: true, user: { select: { id: true, name: true } } },
    }),
  ]);
  const agents = assignments.map(({ kind, poolId, user }): ReportAgent => ({
    ...user,
    license: kind === "CONCURRENT" && poolId ? { kind: "CONCURRENT", poolId } : { kind: "NAMED" },
  }));
  return { pools, namedSeats: owned?.namedSeats ?? 0, concurrentSeats: owned?.concurrentSeats ?? 0, prices, agents };
}
