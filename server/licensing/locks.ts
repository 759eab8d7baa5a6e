import "server-only";
import { Prisma } from "../db/generated/client";
import { runnerFor, type SqlTarget } from "../db/sql";

/*
 * Row locks that serialise seat decisions in PostgreSQL, so they hold across app instances.
 * Lock order, everywhere: the person's User row first, then the SeatPool row. FOR NO KEY UPDATE
 * (not FOR UPDATE) so inserts that merely reference the row (tickets, leases) are not blocked.
 * Each lock is a statement of its own: at READ COMMITTED a statement sees what committed before
 * it began, so what the lock protects is read by the statements after it.
 */

export type LockedUser = { id: string; name: string; active: boolean };

export async function lockUser(tx: SqlTarget, userId: string): Promise<LockedUser | null> {
  const rows = await runnerFor(tx).rows<LockedUser>(
    Prisma.sql`select id, name, active from "User" where id = ${userId} for no key update`,
  );
  return rows[0] ?? null;
}

export type LockedPool = { id: string; name: string; size: number; idleTimeoutSeconds: number; deletedAt: Date | null };

/** The statement of lockPool, for a batch (SqlRunner.finish). */
export function lockPoolQuery(poolId: string, options: { skipLocked?: boolean } = {}): Prisma.Sql {
  return options.skipLocked
    ? Prisma.sql`select id, name, size, "idleTimeoutSeconds", "deletedAt" from "SeatPool" where id =
      ${poolId} for no key update skip locked`
    : Prisma.sql`select id, name, size, "idleTimeoutSeconds", "deletedAt" from "SeatPool" where id =
      ${poolId} for no key update`;
}

export async function lockPool(
  tx: SqlTarget,
  poolId: string,
  options: { skipLocked?: boolean } = {},
): Promise<LockedPool | null> {
  const rows = await runnerFor(tx).rows<LockedPool>(lockPoolQuery(poolId, options));
  return rows[0] ?? null;
}
