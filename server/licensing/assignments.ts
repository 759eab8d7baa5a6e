import "server-only";
import { Prisma } from "../db/generated/client";
import type { SeatKind } from "../db/generated/enums";
import { inTransaction, type DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import type { ListAgentsInput, SetLicenseInput } from "@/lib/validation/licensing";
import { lockEntitlement, lockUsers, type AdminActor } from "./allocation";
import { changeLicense, licenseChangeMessage, type LicenseView } from "./license-change";
import { liveLeaseCondition } from "./leases";
import { seatTiming } from "./timing";
import { likeLiteral } from "../db/like";
import type { LicenseModule } from "@/lib/validation/license-file";
import { AGENT_ROLES } from "@/lib/auth/roles";

/*
 * Who holds which license: the agents table of the licenses page, and the change of one
 * person's license (named seat, a pool, or none).
 */

export type AgentLicenseRow = {
  id: string;
  name: string;
  email: string;
  role: "AGENT" | "ADMIN";
  active: boolean;
  license: LicenseView;
  /** The seat they hold right now (a live lease by the database clock), if any. */
  seat: { kind: SeatKind; poolName: string | null; since: Date } | null;
  /** The premium modules they hold an exclusive license for. */
  modules: LicenseModule[];
};

export async function listAgentsWithLicenses(
  db: DbOrTx,
  input: ListAgentsInput = {},
): Promise<{ items: AgentLicenseRow[]; nextCursor: string | null }> {
  const limit = input.limit ?? 25;
  const search = input.search?.trim();
  const rows = await db.user.findMany({
    where: {
      role: { in: [...AGENT_ROLES] },
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
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    take: limit + 1,
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      active: true,
      seatAssignment: { select: { kind: true, pool: { select: { id: true, name: true } } } },
    },
  });
  const page = rows.slice(0, limit);
  const ids = page.map((r) => r.id);
  const [seats, moduleRows] = await Promise.all([
    liveSeats(db, ids),
    db.moduleLicense.findMany({ where: { userId: { in: ids } }, select: { userId: true, module: true } }),
  ]);
  const items = page.map(({ seatAssignment: a, ...r }) => ({
    ...r,
    role: r.role as "AGENT" | "ADMIN",
    license: (!a
      ? { kind: "NONE" }
      : a.kind === "NAMED" || !a.pool
        ? { kind: "NAMED" }
        : { kind: "CONCURRENT", poolId: a.pool.id, poolName: a.pool.name }) as LicenseView,
    seat: seats.get(r.id) ?? null,
    modules: moduleRows.filter((m) => m.userId === r.id).map((m) => m.module),
  }));
  return { items, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}

async function liveSeats(db: DbOrTx, userIds: string[]): Promise<Map<string, AgentLicenseRow["seat"]>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ userId: string; kind: SeatKind; poolName: string | null; since: Date }[]>`
    select l."userId", l.kind::text as kind, p.name as "poolName", l."grantedAt" as since
    from "SeatLease" l left join "SeatPool" p on p.id = l."poolId"
    where l."userId" in (${Prisma.join(userIds)}) and ${liveLeaseCondition(seatTiming())}`;
  return new Map(rows.map(({ userId, ...seat }) => [userId, seat]));
}

export type LicenseResult = { license: LicenseView; changed: boolean; seatEnded: boolean; message: string };

/**
 * Gives one person a named seat, a place in a pool, or no license. See license-change.ts for
 * what happens to the seat they hold now.
 */
export function setLicense(db: DbOrTx, actor: AdminActor, input: SetLicenseInput): Promise<LicenseResult> {
  return inTransaction(db, async (tx) => {
    const owned = await lockEntitlement(tx);
    const person = (await lockUsers(tx, [input.userId])).get(input.userId);
    if (!person) throw new AppError("NOT_FOUND", "That person no longer exists. Reload the page.");
    const change = await changeLicense(tx, actor, owned, person, input.license, {
      endCurrentSeat: input.endCurrentSeat,
    });
    return {
      license: change.after,
      changed: change.changed,
      seatEnded: change.seatEnded,
      message: licenseChangeMessage(person.name, change),
    };
  });
}
