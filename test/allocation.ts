import type { Db } from "@/server/db/client";
import type { AdminActor } from "@/server/licensing/allocation";
import { createUser } from "./factories";

/*
 * Helpers for the tests of seat allocation (entitlement, pools, licenses): a clean slate per
 * test, and an administrator to act as.
 */

/**
 * Ends every open seat and place in line, removes every license, soft-deletes every pool and sets
 * what the organisation owns: each test starts from known numbers in the file's own database.
 */
export async function resetSeats(db: Db, owned: { namedSeats: number; concurrentSeats: number }): Promise<void> {
  await db.$executeRaw`update "SeatLease" set "endedAt" = now(), "endReason" = 'ADMIN' where "endedAt" is null`;
  await db.$executeRaw`update "SeatQueueEntry" set "endedAt" = now(), outcome = 'REMOVED' where "endedAt" is null`;
  await db.$executeRaw`delete from "SeatAssignment"`;
  await db.$executeRaw`update "SeatPool" set "deletedAt" = now() where "deletedAt" is null`;
  await db.entitlement.upsert({ where: { id: 1 }, create: { id: 1, ...owned }, update: owned });
}

let requests = 0;

/** A new administrator, and the actor (with a fresh request id) their changes are recorded as. */
export async function newAdmin(db: Db): Promise<{ id: string; actor: () => AdminActor }> {
  const admin = await createUser(db, { role: "ADMIN" });
  return { id: admin.id, actor: () => ({ actorId: admin.id, requestId: `req-${++requests}-${admin.id}` }) };
}

/** The ADMIN_ACTION events of a request, oldest first. */
export function adminEvents(db: Db, requestId: string) {
  return db.seatEvent.findMany({ where: { type: "ADMIN_ACTION", requestId }, orderBy: { id: "asc" } });
}
