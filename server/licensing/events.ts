import type { DbOrTx } from "../db/transaction";
import type { SeatEventType, SeatKind } from "../db/generated/enums";
import { Prisma } from "../db/generated/client";

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

export async function recordSeatEvent(db: DbOrTx, event: SeatEventInput): Promise<void> {
  await db.seatEvent.create({ data: { ...event, details: event.details ?? Prisma.JsonNull } });
}
