import "server-only";
import { formatTicketNumber } from "@/lib/validation/tickets";
import type { Tx } from "../db/transaction";
import { AppError } from "../errors";
import type { ChangeKind, ChangeState } from "../db/generated/enums";

/* What every change operation shares: the locked change with its ticket, and its history rows. */

export type LockedChange = {
  ticketId: string;
  number: number;
  title: string;
  requesterId: string;
  authorId: string;
  kind: ChangeKind;
  state: ChangeState;
  plannedStart: Date | null;
  plannedEnd: Date | null;
  approvalRound: number;
  approvedAt: Date | null;
  now: Date;
};

/**
 * Locks the change's row for the rest of the transaction: decisions and moves of one change take
 * their turn (two approvers deciding at once both count), other changes are not held up.
 */
export async function lockChange(tx: Tx, ticketId: string): Promise<LockedChange> {
  const rows = await tx.$queryRaw<LockedChange[]>`
    select c."ticketId", t.number, t.title, t."requesterId", c."authorId", c.kind, c.state, c."plannedStart",
      c."plannedEnd", c."approvalRound", c."approvedAt", now() as now
    from "ChangeRecord" c join "Ticket" t on t.id = c."ticketId"
    where c."ticketId" = ${ticketId} for no key update of c`;
  const change = rows[0];
  if (!change) throw new AppError("NOT_FOUND", "This change was not found.");
  return change;
}

/**
 * Records lines in the ticket's history as one new version of the ticket (so an agent's open form
 * sees the change as fresh news rather than overwriting it). `actorId` null: the system.
 */
export async function recordChangeHistory(
  tx: Tx,
  ticketId: string,
  actorId: string | null,
  lines: { field: string; from?: string | null; to?: string | null }[],
): Promise<void> {
  if (lines.length === 0) return;
  const [{ version }] = await tx.$queryRaw<[{ version: number }]>`
    update "Ticket" set version = version + 1, "updatedAt" = now() where id = ${ticketId} returning version`;
  await tx.ticketHistory.createMany({
    data: lines.map((l) => ({
      ticketId,
      actorId,
      version,
      field: l.field,
      fromValue: l.from ?? null,
      toValue: l.to ?? null,
    })),
  });
}

export const changeRef = (c: { number: number }) => formatTicketNumber("CHANGE", c.number);
