import "server-only";
import type { SeatEventType, SeatKind } from "../db/generated/enums";
import { Prisma } from "../db/generated/client";
import { runnerFor, type SqlTarget } from "../db/sql";

/**
 * Appends to the seat audit trail (licensing invariant 5). The table refuses UPDATE and DELETE
 * (trigger in the init migration), so this is the only way events are written.
 */
export type SeatEventInput = {
  type: SeatEventType;
  userId?: string | null;
  userName?: string | null;
  actorId?: string | null;
  kind?: SeatKind | null;
  poolId?: string | null;
  poolName?: string | null;
  leaseId?: bigint | null;
  reason?: string | null;
  requestId?: string | null;
  details?: Prisma.InputJsonValue;
  /** When it happened, if not now (e.g. the moment an idle timeout elapsed). */
  at?: Date;
};

/**
 * Raw SQL, not `seatEvent.create`: Prisma fills `@default(now())` columns from the app
 * instance's clock, and instances' clocks differ from each other and from the database's.
 * Events are compared with lease times and with now() (nudges, their rate limit, usage
 * reports), so `at` and `recordedAt` come from the database clock: clock_timestamp(), the
 * moment of recording, in line with the lease times (see insertLease).
 */
export async function recordSeatEvent(db: SqlTarget, event: SeatEventInput): Promise<void> {
  const details = event.details === undefined ? null : JSON.stringify(event.details);
  await runnerFor(db).execute(Prisma.sql`
    insert into "SeatEvent" (type, at, "recordedAt", "userId", "userName", "actorId", kind, "poolId", "poolName",
      "leaseId", reason, "requestId", details)
    values (${event.type}::"SeatEventType", coalesce(${event.at ?? null}::timestamptz, clock_timestamp()),
      clock_timestamp(),
      ${event.userId ?? null}, ${event.userName ?? null}, ${event.actorId ?? null}, ${event.kind ?? null}::"SeatKind",
      ${event.poolId ?? null}, ${event.poolName ?? null}, ${event.leaseId ?? null}, ${event.reason ?? null},
        ${event.requestId ?? null},
      ${details}::jsonb)`);
}
